// Age strings as kube-apiserver writes them into Table cells: apimachinery's
// duration.HumanDuration (`45s`, `3m20s`, `5h12m`, `3d4h`, `2y30d`) of the time since a
// timestamp, `<unknown>` for a missing one and `<invalid>` for one in the future. Pure.

function plural(n: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${n}${unit}` : `${n}${unit}${rest}${restUnit}`;
}

function days(hours: number): string {
  if (hours < 24 * 8) return plural(Math.floor(hours / 24), 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  if (hours < 24 * 365 * 8) return plural(years, 'y', Math.floor(hours / 24) % 365, 'd');
  return `${years}y`;
}

/** duration.HumanDuration of a span in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return plural(minutes, 'm', seconds % 60, 's');
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return plural(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  return days(hours);
}

/** translateTimestampSince: the age of an RFC 3339 timestamp at `now` (ms since the epoch). */
export function timestampAge(timestamp: unknown, now: number): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<invalid>';
  return humanDuration(now - t);
}
