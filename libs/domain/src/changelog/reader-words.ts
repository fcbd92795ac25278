import type { Source } from '../events/development';
import { REDACTED_VALUE } from '../redaction/redaction';
import { capitalize, formatCount, quoted, withoutParentheses } from '../history/format';
import { inProse, listOf, shortName } from '../history/names';

/**
 * Small text helpers for what readers see (the changelog and the reader's page): whole sentences,
 * quotations in full, times in words, and never a redacted value.
 */

/** How a redacted value reads to a reader, wherever it stood in a sentence. */
export const REMOVED_DETAIL = '[detail removed]';

/**
 * The text as readers may see it: every "[redacted]" that reached it (a redacted field, whatever helper
 * carried it there) reads as REMOVED_DETAIL. The one gate every reader's text goes through.
 */
export function forReaders(text: string): string {
  return text.split(REDACTED_VALUE).join(REMOVED_DETAIL);
}

/** A clause as a sentence: a capital first and a full stop last, unless it already ends a sentence. */
export function sentence(clause: string): string {
  const text = clause.trim();
  return /[.!?…]$/.test(text) ? capitalize(text) : `${capitalize(text)}.`;
}

/**
 * The editor's own words (a reason) as a sentence of the item: as written, only starting with a capital
 * and ending with a full stop where they did not.
 */
export function asWritten(text: string): string {
  const flat = capitalize(text.replace(/\s+/g, ' ').trim());
  return /[.!?…]["'”’)]?$/.test(flat) ? flat : `${flat}.`;
}

/** A quotation in full, in typographic quotes, its own quotes made single (“… ‘any day’ …”). */
export function quotation(text: string): string {
  return quoted(text, Number.POSITIVE_INFINITY);
}

/** A count in figures ("100,000"); a value that is no number (a redacted one) as it is. */
export function countWords(count: unknown): string {
  return typeof count === 'number' ? formatCount(count) : String(count);
}

/** ", according to US officials" when there is a source not already named in the sentence. */
export function attribution(source: Source | undefined, alreadyNamed: readonly (string | undefined)[] = []): string {
  const name = source?.name?.trim();
  if (!name || alreadyNamed.some((named) => named?.trim() === name)) return '';
  return `, according to ${withoutParentheses(name)}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A world time as a reader reads it, in UTC: "7 February 2022", "8 February 2022 at 10:00 UTC",
 * "February 2022", "2022". What cannot be read is shown as it was given.
 */
export function timeWords(time: string): string {
  const year = YEAR.exec(time);
  if (year) return year[1]!;
  const month = MONTH.exec(time);
  if (month) return `${MONTHS[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  const day = DAY.exec(time);
  if (day) return `${Number(day[3])} ${MONTHS[Number(day[2]) - 1] ?? day[2]} ${day[1]}`;
  const parsed = new Date(time);
  if (Number.isNaN(parsed.getTime())) return time;
  const date = `${parsed.getUTCDate()} ${MONTHS[parsed.getUTCMonth()]} ${parsed.getUTCFullYear()}`;
  return `${date} at ${two(parsed.getUTCHours())}:${two(parsed.getUTCMinutes())} UTC`;
}

/** When, with its preposition: "on 7 February 2022", "in February 2022", "in 2022". */
export function whenWords(time: string): string {
  return YEAR.test(time) || MONTH.test(time) ? `in ${timeWords(time)}` : `on ${timeWords(time)}`;
}

/** Parties who meet, after "meeting": "between Macron and Putin", "of Germany, France, Russia and Ukraine". */
export function meetingParties(participants: readonly string[]): string {
  const names = participants.map((participant) => inProse(shortName(participant)));
  return names.length === 2 ? `between ${names.join(' and ')}` : `of ${listOf(names)}`;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}
