// The one place the plugin renders requested output for stdout: objects as multi-document YAML
// or JSON (`-o yaml|json`), and rows as kubectl-style tables whose extra columns appear with
// `-o wide`. Pure string builders plus one writer; diagnostics never come through here.
// Tests in output.test.ts.
import { dump } from 'js-yaml';

/** The `-o` values a command may accept. */
export type OutputFormat = 'yaml' | 'json' | 'wide';

/** Values accepted by `-o`, for yargs `choices`. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['yaml', 'json', 'wide'];

/** Multi-document YAML, each document led by `---`, as `kubectl apply -f` reads it. */
export function toYaml(objects: readonly unknown[]): string {
  return objects.map((o) => `---\n${dump(o, { noRefs: true, lineWidth: -1 })}`).join('');
}

/** One object as JSON, or several as a `v1 List` (which `kubectl apply -f` also accepts). */
export function toJson(objects: readonly unknown[]): string {
  const value =
    objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Drops `metadata.managedFields`, which kubectl also hides unless asked. */
function withoutManagedFields(obj: unknown): unknown {
  if (typeof obj !== 'object' || obj === null) return obj;
  const metadata = (obj as { metadata?: Record<string, unknown> }).metadata;
  if (!metadata || !('managedFields' in metadata)) return obj;
  const { managedFields: _dropped, ...rest } = metadata;
  return { ...obj, metadata: rest };
}

/** Renders objects in `format` (`wide` is treated as YAML: objects have no table form). */
export function formatObjects(objects: readonly unknown[], format: OutputFormat = 'yaml'): string {
  const shown = objects.map(withoutManagedFields);
  return format === 'json' ? toJson(shown) : toYaml(shown);
}

/** One table column; `wide` columns appear only with `-o wide`. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  wide?: boolean;
}

/** A kubectl-style table: upper-case headers, columns padded to 3 spaces apart, no borders. */
export function formatTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  wide = false,
): string {
  const shown = columns.filter((c) => wide || !c.wide);
  const cells = [
    shown.map((c) => c.header.toUpperCase()),
    ...rows.map((r) => shown.map((c) => c.value(r) || '<none>')),
  ];
  const widths = shown.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)));
  return cells
    .map((line) =>
      line
        .map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3)))
        .join(''),
    )
    .join('\n')
    .concat('\n');
}

/** Writes requested output to stdout (the only stdout writer of the plugin). */
export function printOutput(text: string): void {
  process.stdout.write(text);
}

/** Writes a diagnostic or progress line to stderr. */
export function printDiagnostic(line: string): void {
  process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
}
