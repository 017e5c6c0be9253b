// Chart repository mirrors for air-gapped fleets: `--helm-repository-mirror FROM=TO` (and the
// entries of an optional ConfigMap) rewrite a repository URL prefix, so profiles keep their
// public URLs while charts come from an internal mirror. Trailing slashes never matter. Pure.
// Tests: helm-mirrors.test.ts.
import type { HelmRepositoryMirror } from '../options.js';

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function withoutSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Normalises a mirror so both sides end with exactly one slash. */
export function normaliseMirror(mirror: HelmRepositoryMirror): HelmRepositoryMirror {
  return { from: withSlash(withoutSlash(mirror.from)), to: withSlash(withoutSlash(mirror.to)) };
}

/**
 * Rewrites `url` with the first mirror whose FROM is a prefix of it (slashes normalised).
 * Returns the URL unchanged (minus trailing slashes) when no mirror matches.
 */
export function applyMirrors(url: string, mirrors: readonly HelmRepositoryMirror[]): string {
  const candidate = withSlash(withoutSlash(url));
  for (const raw of mirrors) {
    const mirror = normaliseMirror(raw);
    if (candidate.startsWith(mirror.from)) {
      return withoutSlash(mirror.to + candidate.slice(mirror.from.length));
    }
  }
  return withoutSlash(url);
}

/**
 * Mirrors held in a ConfigMap's data: each value holds lines `FROM=TO` or `FROM: TO` (ConfigMap
 * keys cannot hold URLs); blank lines and `#` comments are skipped. Entries in key order.
 */
export function mirrorsFromConfigMapData(
  data: Record<string, string> | undefined,
): HelmRepositoryMirror[] {
  const out: HelmRepositoryMirror[] = [];
  for (const key of Object.keys(data ?? {}).sort()) {
    for (const line of (data?.[key] ?? '').split('\n')) {
      const mirror = parseMirrorLine(line);
      if (mirror) out.push(mirror);
    }
  }
  return out;
}

function parseMirrorLine(line: string): HelmRepositoryMirror | undefined {
  const text = line.trim();
  if (!text || text.startsWith('#')) return undefined;
  const eq = text.indexOf('=');
  const colon = text.indexOf(': ');
  const at = eq > 0 ? eq : colon;
  if (at <= 0) return undefined;
  const unquote = (s: string): string => s.trim().replace(/^["']|["']$/g, '');
  const from = unquote(text.slice(0, at));
  const to = unquote(text.slice(at + (at === eq ? 1 : 2)));
  return from && to ? { from, to } : undefined;
}
