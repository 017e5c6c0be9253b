// Durable state of one virtual cluster under `--data-dir`: an atomic snapshot (JSON lines,
// written to a temp file, fsync'd and renamed) plus an append-only journal fsync'd on every
// write before the client gets its answer, so a restart loses no acknowledged write and keeps
// every resourceVersion. A torn last journal line (crash mid-append) is ignored on load.
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { StoreJournal } from './store.js';
import type { KubeObject } from './types.js';

interface JournalEntry {
  rv: number;
  op: 'put' | 'del';
  key: string;
  object: KubeObject;
}

/** What a cluster directory held: the counter and the live objects. */
export interface LoadedState {
  rv: number;
  objects: { key: string; object: KubeObject }[];
}

const SNAPSHOT = 'snapshot.jsonl';
const JOURNAL = 'journal.jsonl';

function objectId(key: string, o: KubeObject): string {
  return `${key}|${o.metadata.namespace ?? ''}|${o.metadata.name ?? ''}`;
}

function parseLines(text: string): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // A torn write can only be the last line; nothing after it was acknowledged.
      break;
    }
  }
  return out;
}

/** Journal + snapshot of one cluster directory. Not safe for two processes at once. */
export class ClusterPersistence implements StoreJournal {
  private fd: number | undefined;
  private entriesSinceSnapshot = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Reads the snapshot and replays the journal on top of it. */
  load(): LoadedState {
    const live = new Map<string, { key: string; object: KubeObject }>();
    let rv = 0;
    const snapshotPath = join(this.dir, SNAPSHOT);
    if (existsSync(snapshotPath)) {
      const [head, ...rest] = parseLines(readFileSync(snapshotPath, 'utf8')) as [
        { rv: number },
        ...{ key: string; object: KubeObject }[],
      ];
      rv = head?.rv ?? 0;
      for (const e of rest) live.set(objectId(e.key, e.object), e);
    }
    const journalPath = join(this.dir, JOURNAL);
    if (existsSync(journalPath)) {
      for (const e of parseLines(readFileSync(journalPath, 'utf8')) as JournalEntry[]) {
        if (e.rv <= rv) continue;
        rv = e.rv;
        if (e.op === 'put') live.set(objectId(e.key, e.object), { key: e.key, object: e.object });
        else live.delete(objectId(e.key, e.object));
      }
    }
    return { rv, objects: [...live.values()] };
  }

  /** Writes a fresh snapshot atomically, then starts an empty journal. */
  snapshot(state: LoadedState): void {
    this.closeJournal();
    const tmp = join(this.dir, `${SNAPSHOT}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify({ rv: state.rv }) + '\n');
      for (const e of state.objects) writeSync(fd, JSON.stringify(e) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, SNAPSHOT));
    this.fd = openSync(join(this.dir, JOURNAL), 'w');
    fsyncSync(this.fd);
    this.syncDir();
    this.entriesSinceSnapshot = 0;
  }

  append(entry: JournalEntry): void {
    this.fd ??= openSync(join(this.dir, JOURNAL), 'a');
    writeSync(this.fd, JSON.stringify(entry) + '\n');
    fdatasyncSync(this.fd);
    this.entriesSinceSnapshot++;
  }

  /** True when the journal has grown enough that a snapshot would shorten the next load. */
  wantsSnapshot(): boolean {
    return this.entriesSinceSnapshot >= 5_000;
  }

  /** Reads a small JSON side file (cluster identity), or undefined. */
  readJson<T>(name: string): T | undefined {
    const p = join(this.dir, name);
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as T) : undefined;
  }

  /** Writes a small JSON side file atomically. */
  writeJson(name: string, value: unknown): void {
    const tmp = join(this.dir, `${name}.tmp`);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(value));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, name));
  }

  close(): void {
    this.closeJournal();
  }

  private closeJournal(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private syncDir(): void {
    const fd = openSync(this.dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
