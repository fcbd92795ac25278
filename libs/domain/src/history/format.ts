import type { Source } from '../events/development';
import type { TroopQualifier } from '../developments/troop-estimate';
import { inProse, listOf } from './names';

/** Small text helpers shared by the descriptions of events and developments. */

const NUMBER_FORMAT = new Intl.NumberFormat('en-US');

export const ARROW = ' → ';

/** 100000 → "100,000"; a redacted figure stays "[redacted]" (it is the string, not a number, once erased). */
export function formatCount(count: number): string {
  return typeof count === 'number' ? NUMBER_FORMAT.format(count) : String(count);
}

/** Each qualifier in words. */
export const QUALIFIER_WORDS: Readonly<Record<TroopQualifier, string>> = {
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

/** Last words of a force that already say what is counted: "US troops", "battalion tactical groups". */
const UNIT_NOUNS =
  /\b(troops|soldiers|personnel|servicemen|servicewomen|service members|marines|sailors|airmen|paratroopers|troopers|forces|fighters|reservists|conscripts|mercenaries|battalions|battalion tactical groups|BTGs|brigades|divisions|regiments|units|tanks|aircraft|jets|warships|ships|vehicles)$/i;

/** True when the force's name already names what is counted ("US troops"), so "troops" is not added. */
export function namesItsUnit(force: string): boolean {
  return UNIT_NOUNS.test(force.trim());
}

/** A number of a force: "3,000 US troops" for the force "US" and for the force "US troops" alike. */
export function forceCount(count: number, force: string, qualifier?: TroopQualifier): string {
  return `${qualifiedCount(count, qualifier)} ${force}${namesItsUnit(force) ? '' : ' troops'}`;
}

/** Cuts a text to about `max` characters, at a word boundary where one is near, and marks the cut with "…". */
export function truncate(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * A quotation in typographic quotes, shortened to about `max` characters; quotes inside it become
 * single quotes (“… ‘any day’ …”).
 */
export function quoted(text: string, max = 100): string {
  const inner = truncate(text, max).replace(/"([^"]*)"/g, '‘$1’').replace(/“([^“”]*)”/g, '‘$1’');
  return `“${inner}”`;
}

/**
 * " (US officials)" when there is a source, "" otherwise; none either when the source is a name the
 * account already gives (a statement's speaker or outlet). A source's own parentheses are not nested
 * inside ours: "US officials (Reuters)" → " (US officials, Reuters)".
 */
export function sourceSuffix(source?: Source, alreadyNamed: readonly (string | undefined)[] = []): string {
  if (!source?.name || alreadyNamed.some((name) => name?.trim() === source.name.trim())) return '';
  return ` (${withoutParentheses(source.name)})`;
}

/**
 * A name that can sit inside parentheses or right before them: a closing parenthetical becomes a
 * comma phrase ("US officials (Reuters)" → "US officials, Reuters"), any other becomes brackets.
 */
export function withoutParentheses(name: string): string {
  const trimmed = name.trim();
  const trailing = /^(.*\S)\s*\(([^()]*)\)$/.exec(trimmed);
  const flat = trailing ? `${trailing[1]}, ${trailing[2]}` : trimmed;
  return flat.replace(/\(([^()]*)\)/g, '[$1]').replace(/[()]/g, '');
}

const PREPOSITIONS = /^(near|in|at|on|along|around|inside|outside|off|by|across|within|north|south|east|west)\b/i;
const FRONTIERS = /\b(border|frontier|coast|line|front)s?$/i;

/**
 * Where something is, as a phrase: "Ukrainian border" → "near the Ukrainian border", "Moscow" →
 * "in Moscow", "Kremlin, Moscow" → "in the Kremlin, Moscow"; a location that already starts with a
 * preposition ("near Kharkiv") is kept as it is.
 */
export function placePhrase(location: string): string {
  const place = location.trim();
  if (PREPOSITIONS.test(place)) return place;
  if (FRONTIERS.test(place)) return /^the\b/i.test(place) ? `near ${place}` : `near the ${place}`;
  const [first = place, ...rest] = place.split(',');
  return `in ${[inProse(first), ...rest].join(',')}`;
}

/** A field value in a one-line account: counts with separators, lists as "A, B and C", a source by its name. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'none';
  if (typeof value === 'number') return formatCount(value);
  if (typeof value === 'string') return truncate(value, 60);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : listOf(value.map(formatValue));
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') return withoutParentheses(value.name);
  return JSON.stringify(value);
}

/** "scheduled → held". */
export function change(before: string, after: string): string {
  return `${before}${ARROW}${after}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
