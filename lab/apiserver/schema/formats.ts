// The string formats a CRD schema may declare and their checks, as apiextensions validates
// them: unsupported formats are stripped first (StripUnsupportedFormatsPostProcessor), the rest
// are checked by kube-openapi's strfmt registry. Pure.

/** Formats apiextensions keeps for string schemas (normalised: dashes removed). */
const supportedStringFormats = new Set([
  'bsonobjectid',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'cidr',
  'mac',
  'uuid',
  'uuid3',
  'uuid4',
  'uuid5',
  'isbn',
  'isbn10',
  'isbn13',
  'creditcard',
  'ssn',
  'hexcolor',
  'rgbcolor',
  'byte',
  'password',
  'date',
  'duration',
  'datetime',
]);

const numericFormats: Record<string, string[]> = {
  integer: ['int32', 'int64'],
  number: ['float', 'double'],
};

/** The format kube-openapi sees after apiextensions strips unsupported ones ('' = none). */
export function effectiveFormat(type: string | undefined, format: string | undefined): string {
  if (!format) return '';
  if (type === undefined || type === '' || type === 'string') {
    return supportedStringFormats.has(format.replace(/-/g, '')) ? format : '';
  }
  return numericFormats[type]?.includes(format) ? format : '';
}

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** strfmt.IsDateTime: a date, `t`, then hh:mm:ss[.frac] and `z` or ±hh:mm (case-insensitive). */
function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/.exec(
    parts[1],
  );
  return m !== null && m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const tail = groups[groups.length - 1] ?? '';
  const v4 = tail.includes('.') && isIPv4(tail);
  const hexGroups = v4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4 ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

function isCIDR(s: string): boolean {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  if (isIPv4(ip)) return Number(bits) <= 32;
  return isIPv6(ip) && Number(bits) <= 128;
}

function isBase64(s: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s);
}

const timeUnits = [
  ['ns', 'nano'],
  ['us', 'µs', 'micro'],
  ['ms', 'milli'],
  ['s', 'sec'],
  ['m', 'min'],
  ['h', 'hr', 'hour'],
  ['d', 'day'],
  ['w', 'wk', 'week'],
];

function isTimeUnit(unit: string): boolean {
  return timeUnits.some((variants) =>
    variants.some((v, i) => v === unit || (i === variants.length - 1 && unit.startsWith(v))),
  );
}

/** strfmt.IsDuration: a Go duration (`1h30m`), or any `<n> <unit>` such as `3 days`. */
function isDuration(s: string): boolean {
  if (/^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$/.test(s)) return true;
  const matches = [...s.matchAll(/(\d+)\s*([A-Za-zµ]+)/g)];
  return matches.some((m) => isTimeUnit(m[2].toLowerCase()));
}

const checks: Record<string, (s: string) => boolean> = {
  datetime: isDateTime,
  date: isDate,
  byte: isBase64,
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: isCIDR,
  duration: isDuration,
  uuid: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s),
  uuid3: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s),
  uuid4: (s) =>
    /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(s),
  uuid5: (s) =>
    /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(s),
  mac: (s) => /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(s),
  email: (s) => /^[^@\s]+@[^@\s]+$/.test(s),
  hostname: (s) =>
    s.length <= 255 &&
    /^[\p{L}\p{S}0-9]([\p{L}\p{S}0-9-]{0,61}[\p{L}\p{S}0-9])?(\.[\p{L}\p{S}0-9]([\p{L}\p{S}0-9-]{0,61}[\p{L}\p{S}0-9])?)*$/u.test(
      s,
    ),
  uri: (s) => /^(\/|[A-Za-z][A-Za-z0-9+.-]*:)\S*$/.test(s),
  hexcolor: (s) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s),
  rgbcolor: (s) => /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/.test(s),
  bsonobjectid: (s) => /^[0-9a-f]{24}$/i.test(s),
  ssn: (s) => /^\d{3}[- ]?\d{2}[- ]?\d{4}$/.test(s),
};

/** True when kube-openapi's registry knows the format (it then validates strings against it). */
export function isKnownStringFormat(format: string): boolean {
  return supportedStringFormats.has(format.replace(/-/g, ''));
}

/**
 * Whether `value` satisfies a known string format. Formats without a dedicated check here
 * (password, isbn*, creditcard) accept everything.
 */
export function matchesFormat(format: string, value: string): boolean {
  const check = checks[format.replace(/-/g, '')];
  return check ? check(value) : true;
}
