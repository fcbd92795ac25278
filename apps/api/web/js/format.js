// How values read on the page. A redacted value goes through as it is: redaction.js turns it into a
// mark where the text is shown.

/** What the API puts where a value was taken out of the record. */
export const REDACTED = '[redacted]';

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

/** An ISO time or date as its day: "3 Mar 2022". */
export function formatDate(iso) {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? String(iso ?? '') : dateOnly.format(time);
}

/** "more than 100,000" (a redacted qualifier keeps its place: "[redacted] 100,000") */
export function formatCount(count, qualifier) {
  if (qualifier === REDACTED) return `${REDACTED} ${formatNumber(count)}`;
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

/** Names as one line: "Emmanuel Macron, Vladimir Putin" (a list redacted as a whole is one value). */
export function formatNames(names) {
  return Array.isArray(names) ? names.join(', ') : String(names ?? '');
}

/** "TroopEstimateRecorded" → "Troop estimate recorded" */
export function humanizeEventType(type) {
  if (typeof type !== 'string') return '';
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** At most `length` characters, with "…" when cut; never in the middle of a "[redacted]". */
export function truncate(text, length = 70) {
  const value = String(text ?? '');
  if (value.length <= length) return value;
  let end = length - 1;
  const cutToken = value.lastIndexOf(REDACTED, end);
  if (cutToken !== -1 && cutToken + REDACTED.length > end) end = cutToken;
  return `${value.slice(0, end)}…`;
}
