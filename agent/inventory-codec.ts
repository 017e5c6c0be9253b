// Pure encoding of an agent inventory's content: the applied objects as JSON, gzip-compressed
// and cut into parts small enough for one Secret each (etcd refuses objects over ~1.5 MiB), with
// a SHA-256 over the compressed bytes so a torn or edited inventory is detected, never applied.
// No I/O. Tests: inventory-codec.test.ts.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeObject } from '../lib/kube-client.js';

/** Compressed bytes per part Secret (base64 on the wire: ~700 KB, well under etcd's limit). */
export const INVENTORY_PART_BYTES = 512 * 1024;

/** An inventory whose parts are missing or do not match its recorded hash. */
export class InventoryCorruptError extends Error {
  override readonly name = 'InventoryCorruptError';
  readonly reason = 'InventoryCorrupt';
}

/** Content of an inventory, encoded: its parts (in order) and the hash over them. */
export interface EncodedContent {
  contentHash: string;
  parts: Buffer[];
}

/** gzip(JSON(objects)) cut into parts of at most `partBytes`. */
export function encodeContent(
  objects: readonly KubeObject[],
  partBytes: number = INVENTORY_PART_BYTES,
): EncodedContent {
  const zipped = gzipSync(Buffer.from(JSON.stringify(objects)));
  const parts: Buffer[] = [];
  for (let at = 0; at < zipped.length; at += partBytes) {
    parts.push(zipped.subarray(at, at + partBytes));
  }
  return { contentHash: sha256(zipped), parts };
}

/** Joins parts back into objects; throws InventoryCorruptError when they do not match the hash. */
export function decodeContent(name: string, contentHash: string, parts: Buffer[]): KubeObject[] {
  const zipped = Buffer.concat(parts);
  if (sha256(zipped) !== contentHash) {
    throw new InventoryCorruptError(
      `Inventory ${name} content does not match its contentHash ${contentHash.slice(0, 12)}`,
    );
  }
  return JSON.parse(gunzipSync(zipped).toString('utf8')) as KubeObject[];
}

/** gzip of a JSON value (for the refs kept in the head Secret). */
export function zipJson(value: unknown): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(value)));
}

/** Inverse of zipJson. */
export function unzipJson<T>(bytes: Buffer): T {
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as T;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
