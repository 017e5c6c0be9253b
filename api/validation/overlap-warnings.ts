// Admission warnings (never denials) for risky but legal specs: another stored profile installs
// the same Helm release (namespace/name) on clusters this profile may also select, so the two
// fight over it and only tier decides. Pure; tests in overlap-warnings.test.ts.
import { isRecord } from './field-checks.js';
import { describeProfile, profileKey } from './profile-scope.js';
import type { ObjectLike, ValidationContext } from './result.js';
import type { Selection } from './selection-overlap.js';
import { readSelection, selectionsMayOverlap } from './selection-overlap.js';

/** Warnings for Helm releases this profile shares with other profiles on overlapping clusters. */
export function findReleaseOverlapWarnings(obj: ObjectLike, ctx: ValidationContext): string[] {
  if (ctx.profiles === undefined) return [];
  const self = readSelection(obj);
  const ownReleases = installedReleases(obj);
  if (ownReleases.length === 0) return [];
  const selfKey = profileKey(self.scope);
  const warnings: string[] = [];
  for (const other of ctx.profiles) {
    const selection = readSelection(other);
    if (profileKey(selection.scope) === selfKey) continue;
    warnings.push(...sharedReleaseWarnings({ self, ownReleases, other, selection, ctx }));
  }
  return warnings;
}

interface PairInput {
  self: Selection;
  ownReleases: string[];
  other: ObjectLike;
  selection: Selection;
  ctx: ValidationContext;
}

function sharedReleaseWarnings(input: PairInput): string[] {
  const shared = installedReleases(input.other).filter((r) => input.ownReleases.includes(r));
  if (shared.length === 0) return [];
  if (!selectionsMayOverlap(input.self, input.selection, input.ctx.clusters)) return [];
  return shared.map(
    (release) =>
      `${describeProfile(input.selection.scope)} also installs Helm release ${release} on clusters this profile may select: on a shared cluster only one of them manages it (lower tier wins)`,
  );
}

/** `<releaseNamespace>/<releaseName>` of every chart the profile installs. */
function installedReleases(obj: ObjectLike): string[] {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const charts = Array.isArray(spec.helmCharts) ? (spec.helmCharts as unknown[]) : [];
  return charts
    .filter(isRecord)
    .filter((c) => c.helmChartAction === undefined || c.helmChartAction === 'Install')
    .filter((c) => typeof c.releaseName === 'string' && typeof c.releaseNamespace === 'string')
    .map((c) => `${c.releaseNamespace as string}/${c.releaseName as string}`);
}
