// Bundles each binary into one ESM file under dist/ with esbuild, so a CLI start pays for
// one file read instead of resolving hundreds of modules (client-node alone costs ~0.9 s unbundled).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  'kubectl-sveltos': 'plugins/main.ts',
  'sveltos-controller': 'controller/main.ts',
  'sveltos-webhook': 'webhook/main.ts',
  'sveltos-agent': 'agent/main.ts',
  'sveltos-lab': 'lab/main.ts',
};

const banner = [
  "import { createRequire as __createRequire } from 'node:module';",
  'const require = __createRequire(import.meta.url);',
].join('\n');

const entryPoints = Object.fromEntries(
  Object.entries(entries).filter(([, src]) => existsSync(join(root, src))),
);

await build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  banner: { js: banner },
  logLevel: 'warning',
  legalComments: 'none',
});
