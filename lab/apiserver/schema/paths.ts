// Field-path rendering shared by the schema checks, as kube's field.Path prints paths:
// `.child` (no leading dot at the root), `[index]` and `[key]`. Pure.

/** field.Path.Child: `spec` at the root, `spec.name` below it. */
export function childPath(base: string, name: string): string {
  return base ? `${base}.${name}` : name;
}

/** field.Path.Index or field.Path.Key: `items[0]`, `labels[app]`. */
export function subscriptPath(base: string, sub: string | number): string {
  return `${base}[${sub}]`;
}
