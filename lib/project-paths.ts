// Locates files that ship with the package (CRDs, lab charts, tools/bin) both from the TypeScript
// sources (tests, tsx) and from the esbuild bundles in dist/, whose own location differs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding sveltos-ts's package.json; throws if the code runs outside the package. */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && isSveltosPackage(candidate)) return (cachedRoot = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the sveltos-ts package root above ' + dir);
    dir = parent;
  }
}

function isSveltosPackage(packageJsonPath: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { name?: string };
    return pkg.name === 'sveltos-ts';
  } catch {
    return false;
  }
}

/** Path of a file inside the package, e.g. `projectPath('manifests', 'crds')`. */
export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
