// `npm run bench`: runs every benchmark in bench/ (or those named: `npm run bench -- lab-server`)
// one after another, each in its own process so one's memory figures do not include another's.
// Benchmarks print figures; nothing here asserts on them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const requested = process.argv.slice(2).map((name) => basename(name, '.ts'));
const all = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => basename(f, '.ts'))
  .sort();
const unknown = requested.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  process.stderr.write(
    `error: no benchmark named ${unknown.join(', ')}; have: ${all.join(', ')}\n`,
  );
  process.exit(2);
}

let failed = 0;
for (const name of requested.length > 0 ? requested : all) {
  process.stdout.write(`\n=== ${name}\n`);
  const tsx = join(benchDir, '..', 'node_modules', '.bin', 'tsx');
  const res = spawnSync(tsx, [join(benchDir, `${name}.ts`)], { stdio: 'inherit' });
  if (res.status !== 0) {
    failed++;
    process.stderr.write(`benchmark ${name} exited ${String(res.status)}\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
