import type { Source, TroopQualifier } from '../events/development';

/** Small text helpers shared by the descriptions of events and developments. */

const NUMBER_FORMAT = new Intl.NumberFormat('en-US');

export const ARROW = ' → ';

/** 100000 → "100,000". */
export function formatCount(count: number): string {
  return NUMBER_FORMAT.format(count);
}

const QUALIFIER_WORDS: Record<TroopQualifier, string> = {
  about: 'about',
  'more-than': 'more than',
  nearly: 'nearly',
  'up-to': 'up to',
  exactly: 'exactly',
};

/** "more-than" → "more than"; a value that is not a qualifier is shown as it is. */
export function qualifierWords(qualifier: string): string {
  return (QUALIFIER_WORDS as Record<string, string>)[qualifier] ?? qualifier;
}

/** A count with its qualifier in words: "more than 100,000". */
export function qualifiedCount(count: number, qualifier?: TroopQualifier): string {
  return qualifier ? `${qualifierWords(qualifier)} ${formatCount(count)}` : formatCount(count);
}

/** A field name in words: "capabilityShare" → "capability share". */
export function fieldWords(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** "Emmanuel Macron" → "Macron"; a single name stays as it is. */
export function lastName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words[words.length - 1] ?? name;
}

/** Cuts a text to about `max` characters, at a word boundary where one is near, and marks the cut with "…". */
export function truncate(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** A quotation in typographic quotes, shortened to about `max` characters. */
export function quoted(text: string, max = 100): string {
  return `“${truncate(text, max)}”`;
}

/** " (US officials)" when there is a source, "" otherwise. */
export function sourceSuffix(source?: Source): string {
  return source?.name ? ` (${source.name})` : '';
}

const PREPOSITIONS = /^(near|in|at|on|along|around|inside|outside|off|by|across|within|north|south|east|west)\b/i;
const FRONTIERS = /\b(border|frontier|coast|line|front)s?$/i;

/**
 * Where something is, as a phrase: "Ukrainian border" → "near the Ukrainian border", "Moscow" →
 * "in Moscow"; a location that already starts with a preposition ("near Kharkiv") is kept as it is.
 */
export function placePhrase(location: string): string {
  const place = location.trim();
  if (PREPOSITIONS.test(place)) return place;
  if (FRONTIERS.test(place)) return /^the\b/i.test(place) ? `near ${place}` : `near the ${place}`;
  return `in ${place}`;
}

/** A field value in a one-line account: counts with separators, lists joined, a source by its name. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'none';
  if (typeof value === 'number') return formatCount(value);
  if (typeof value === 'string') return truncate(value, 60);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(formatValue).join(', ');
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') return value.name;
  return JSON.stringify(value);
}

/** "scheduled → held". */
export function change(before: string, after: string): string {
  return `${before}${ARROW}${after}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
