// Packages the lab's chart sources with the real helm binary and writes one index.yaml per
// repository (the root, holding every chart, and each virtual repository under its prefix).
// Owns only files under the work directory it is given; never touches the chart sources.
import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { archiveName, type ChartSource, type VirtualRepository } from './catalog.js';

const execFileAsync = promisify(execFile);

/** helm failed to package or index a chart; `stderr` is helm's own message. */
export class ChartPackagingError extends Error {
  override readonly name = 'ChartPackagingError';
  readonly reason = 'ChartPackagingFailed';
}

/** Where a packaged repository lives on disk and the URL its index.yaml points at. */
export interface PackagedRepository {
  /** `''` for the root repository, else the virtual repository's prefix. */
  prefix: string;
  dir: string;
  url: string;
}

/** Input of {@link packageCharts}. */
export interface PackageChartsOptions {
  charts: ChartSource[];
  repositories: VirtualRepository[];
  /** Empty folder to write into. */
  workDir: string;
  /** Root URL of the server, no trailing slash: index entries point below it. */
  baseUrl: string;
  helmBinary: string;
}

/**
 * Runs `helm package --version --app-version` for every chart version into the root repository,
 * copies each virtual repository's charts under its own folder, and runs `helm repo index --url`
 * in each. Throws ChartPackagingError with helm's message when helm refuses a chart.
 */
export async function packageCharts(opts: PackageChartsOptions): Promise<PackagedRepository[]> {
  const helm = helmRunner(opts.helmBinary, join(opts.workDir, 'helm-home'));
  const root: PackagedRepository = {
    prefix: '',
    dir: join(opts.workDir, 'root'),
    url: opts.baseUrl,
  };
  await mkdir(root.dir, { recursive: true });
  const versions = opts.charts.flatMap((c) => c.versions.map((v) => ({ dir: c.dir, ...v })));
  await Promise.all(
    versions.map((v) =>
      helm([
        'package',
        v.dir,
        '--version',
        v.version,
        '--app-version',
        v.appVersion,
        '-d',
        root.dir,
      ]),
    ),
  );
  const virtual = await Promise.all(
    opts.repositories.map((repo) => copyVirtualRepository(opts, root.dir, repo)),
  );
  const all = [root, ...virtual];
  await Promise.all(all.map((repo) => helm(['repo', 'index', repo.dir, '--url', repo.url])));
  return all;
}

async function copyVirtualRepository(
  opts: PackageChartsOptions,
  rootDir: string,
  repo: VirtualRepository,
): Promise<PackagedRepository> {
  const dir = join(opts.workDir, 'prefixes', repo.prefix);
  await mkdir(dir, { recursive: true });
  for (const chart of opts.charts.filter((c) => repo.charts.includes(c.name))) {
    for (const v of chart.versions) {
      const file = archiveName(chart.name, v.version);
      await copyFile(join(rootDir, file), join(dir, file));
    }
  }
  return { prefix: repo.prefix, dir, url: `${opts.baseUrl}/${repo.prefix}` };
}

type HelmRunner = (args: string[]) => Promise<void>;

/** helm with its config, cache and data homes inside the work dir, so no user state leaks in. */
function helmRunner(helmBinary: string, home: string): HelmRunner {
  const env = {
    ...process.env,
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_DATA_HOME: join(home, 'data'),
  };
  return async (args) => {
    try {
      await execFileAsync(helmBinary, args, { env });
    } catch (err) {
      const stderr = (err as { stderr?: string }).stderr?.trim() ?? String(err);
      throw new ChartPackagingError(`Helm ${args[0]} ${args[1] ?? ''} failed: ${stderr}`, {
        cause: err,
      });
    }
  };
}
