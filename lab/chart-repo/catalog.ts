// The charts the lab's chart repository serves and the "virtual repositories" that mirror public
// chart repositories onto it. Pure data plus lookups: packaging and serving live elsewhere.
// The chart sources are folders under lab/charts/ (see its README for what each version changes).
import { projectPath } from '../../lib/project-paths.js';

/** One chart version as packaged: `helm package DIR --version version --app-version appVersion`. */
export interface ChartVersion {
  version: string;
  appVersion: string;
}

/** A chart source folder and the versions packaged from it. */
export interface ChartSource {
  /** Chart name, as in its Chart.yaml. */
  name: string;
  /** Absolute path of the chart source folder. */
  dir: string;
  versions: ChartVersion[];
}

/**
 * A path prefix of the chart server that behaves as its own repository (own index.yaml) holding
 * only some charts, so a public repository URL can be mirrored to `URL/<prefix>/`.
 */
export interface VirtualRepository {
  /** Path prefix without slashes, e.g. `kyverno`. */
  prefix: string;
  /** Names of the charts it lists. */
  charts: string[];
  /** The public repository URL it stands in for, e.g. `https://kyverno.github.io/kyverno/`. */
  mirrors: string;
}

/** The charts every lab serves: the seed scenario's Kyverno and Tetragon, two versions each. */
export function defaultCharts(): ChartSource[] {
  return [
    {
      name: 'kyverno',
      dir: projectPath('lab', 'charts', 'kyverno'),
      versions: [
        { version: '3.5.1', appVersion: 'v1.15.1' },
        { version: '3.5.2', appVersion: 'v1.15.2' },
      ],
    },
    {
      name: 'tetragon',
      dir: projectPath('lab', 'charts', 'tetragon'),
      versions: [
        { version: '1.5.0', appVersion: '1.5.0' },
        { version: '1.5.1', appVersion: '1.5.1' },
      ],
    },
  ];
}

/** The public repositories of the seed scenario and the prefixes that mirror them. */
export function defaultVirtualRepositories(): VirtualRepository[] {
  return [
    { prefix: 'kyverno', charts: ['kyverno'], mirrors: 'https://kyverno.github.io/kyverno/' },
    { prefix: 'cilium', charts: ['tetragon'], mirrors: 'https://helm.cilium.io/' },
  ];
}

/** File name helm gives a packaged chart: `kyverno-3.5.1.tgz`. */
export function archiveName(chart: string, version: string): string {
  return `${chart}-${version}.tgz`;
}
