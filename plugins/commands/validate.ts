// `kubectl sveltos validate -f FILE…`: the webhook's validation, offline, on YAML files (any
// number of documents each). Prints one line per object and each problem under it; fails
// (exit 1) when any object is invalid, so it can gate a CI pipeline before `kubectl apply`.
import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { formatFieldProblem } from '../../api/field-problem.js';
import type { ManifestResult } from '../../api/validation/index.js';
import { CliError, UsageError } from '../cli-errors.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { processContext } from '../command-context.js';
import { formatObjects } from '../output.js';

interface Args extends GlobalFlags {
  filename?: string[];
  files?: string[];
  namespace?: string;
}

interface FileResult {
  file: string;
  results: ManifestResult[];
}

function readInput(file: string): string {
  try {
    // fd 0, not the path: /dev/stdin cannot be opened when stdin is a socket.
    return readFileSync(file === '/dev/stdin' ? 0 : file, 'utf8');
  } catch (err) {
    throw new CliError('FileUnreadable', `cannot read ${file}: ${(err as Error).message}`);
  }
}

function describeObject(r: ManifestResult): string {
  const kind = (r.kind ?? 'document').toLowerCase();
  const ns = r.namespace ? `${r.namespace}/` : '';
  return `${kind}/${ns}${r.name ?? `#${r.document}`}`;
}

/** Text form: `FILE: kind/name valid|invalid|skipped`, then one indented line per problem. */
export function formatValidation(files: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const { file, results } of files) {
    for (const r of results) {
      lines.push(`${file}: ${describeObject(r)} ${r.status}`);
      for (const p of r.fieldErrors) lines.push(`  - ${formatFieldProblem(p)}`);
      for (const w of r.warnings) lines.push(`  warning: ${w}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function report(files: FileResult[], ctx: CommandContext): void {
  if (ctx.output === 'json' || ctx.output === 'yaml') {
    ctx.print(formatObjects([{ files }], ctx.output));
  } else {
    ctx.print(formatValidation(files));
  }
  const invalid = files.flatMap((f) => f.results).filter((r) => r.status === 'invalid');
  if (invalid.length > 0) {
    throw new CliError(
      'Invalid',
      `${invalid.length} invalid object(s): ${invalid.map(describeObject).join(', ')}`,
    );
  }
}

export const validateCommand: CommandModule<GlobalFlags, Args> = {
  command: 'validate [files..]',
  describe: 'Validate ClusterProfiles, Profiles and SveltosClusters in YAML files, offline',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        describe: 'Files to validate (/dev/stdin reads standard input)',
      })
      .option('filename', {
        alias: 'f',
        type: 'string',
        array: true,
        describe: 'File to validate; repeatable',
      })
      .option('namespace', {
        alias: 'n',
        type: 'string',
        describe: 'Namespace for objects that name none',
      })
      .option('output', {
        alias: 'o',
        choices: ['yaml', 'json'] as const,
        describe: 'Output format',
      })
      .example('$0 validate -f deploy-kyverno.yaml', 'Check one profile before applying it')
      .example('cat *.yaml | $0 validate -f /dev/stdin', 'Check many files from stdin'),
  handler: async (argv) => {
    const ctx = processContext(argv);
    // Loaded here, not at start-up: validation pulls in js-yaml and semver, `--help` should not.
    const { validateManifests } = await import('../../api/validation/index.js');
    const files = [...(argv.filename ?? []), ...(argv.files ?? [])];
    if (files.length === 0) throw new UsageError('at least one -f FILE is required', 'validate');
    const perFile = files.map((file) => ({
      file,
      results: validateManifests(readInput(file), {}, { defaultNamespace: argv.namespace }),
    }));
    report(perFile, ctx);
  },
};
