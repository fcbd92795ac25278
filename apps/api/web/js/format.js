// How values read on the page.

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const numbers = new Intl.NumberFormat('en-GB');

/** An ISO time as "7 Feb 2022, 09:10 UTC"; a bare date ("2022-02-07") as "7 Feb 2022". */
export function formatTime(iso) {
  if (typeof iso !== 'string' || iso === '') return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateOnly.format(time) : `${dateTime.format(time)} UTC`;
}

export function formatNumber(value) {
  return typeof value === 'number' ? numbers.format(value) : String(value);
}

const QUALIFIERS = { about: 'about', 'more-than': 'more than', nearly: 'nearly', 'up-to': 'up to', exactly: 'exactly' };

/** "more-than" → "more than" */
export function formatQualifier(qualifier) {
  return QUALIFIERS[qualifier] ?? String(qualifier);
}

/** "more than 100,000" */
export function formatCount(count, qualifier) {
  const words = QUALIFIERS[qualifier];
  return words ? `${words} ${formatNumber(count)}` : formatNumber(count);
}

/** Any JSON value as one readable line (diff cells, unknown fields). */
export function formatValue(value) {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatValue).join(', ');
  return Object.entries(value)
    .map(([key, inner]) => `${key}: ${typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? `{ ${formatValue(inner)} }` : formatValue(inner)}`)
    .join('; ');
}

/** "TroopEstimateRecorded" → "Troop estimate recorded" */
export function humanizeEventType(type) {
  if (typeof type !== 'string') return '';
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
