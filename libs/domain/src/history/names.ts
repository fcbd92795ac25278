/**
 * Names of people, countries and institutions as a copy desk writes them in a one-line account:
 * "Emmanuel Macron" is "Macron" in a meeting's title, "Ukrainian government" stays whole and reads
 * "the Ukrainian government" in running text, lists read "A, B and C".
 */

/** Words that start a surname: "Ursula von der Leyen" → "von der Leyen", "Jean-Yves Le Drian" → "Le Drian". */
const SURNAME_PARTICLES = new Set(['al', 'bin', 'da', 'das', 'de', 'del', 'della', 'der', 'di', 'dos', 'du', 'el', 'ibn', 'la', 'le', 'ten', 'ter', 'van', 'von']);

/** Last words that make a capitalised name an institution, not a person: "White House", "European Union". */
const INSTITUTION_WORDS = new Set([
  'Administration', 'Agency', 'Alliance', 'Army', 'Assembly', 'Bank', 'Cabinet', 'Command', 'Commission', 'Committee',
  'Congress', 'Council', 'Court', 'Department', 'Duma', 'Embassy', 'Federation', 'Forces', 'Government', 'Group', 'Guard',
  'House', 'Kingdom', 'Kremlin', 'Ministry', 'Nations', 'Navy', 'Office', 'Organisation', 'Organization', 'Parliament',
  'Party', 'Pentagon', 'Republic', 'Senate', 'Service', 'States', 'Union',
]);

/** Names that take "the" in running text. */
const NAMES_WITH_ARTICLE = new Set([
  'EU', 'European Commission', 'European Union', 'Kremlin', 'Netherlands', 'Pentagon', 'UK', 'UN', 'United Kingdom',
  'United Nations', 'United States', 'US', 'White House',
]);

/** Lower-case last words after which a name takes "the": "Ukrainian government" → "the Ukrainian government". */
const COMMON_HEADS_WITH_ARTICLE = new Set(['administration', 'army', 'cabinet', 'delegation', 'embassy', 'government', 'leadership', 'military', 'ministry', 'parliament', 'presidency']);

/**
 * A person's surname, for short titles ("Emmanuel Macron" → "Macron"). Anything that is not plainly a
 * person's name (one word, an institution, words in lower case, acronyms) is given whole.
 */
export function shortName(name: string): string {
  const whole = name.trim();
  const words = whole.split(/\s+/);
  if (words.length < 2 || words.length > 4) return whole;
  const isNameWord = (word: string) => /^\p{Lu}\p{Ll}/u.test(word) || SURNAME_PARTICLES.has(word.toLowerCase());
  if (!words.every(isNameWord) || INSTITUTION_WORDS.has(words[words.length - 1]!) || NAMES_WITH_ARTICLE.has(whole)) return whole;
  const particle = words.findIndex((word, index) => index > 0 && index < words.length - 1 && SURNAME_PARTICLES.has(word.toLowerCase()));
  return words.slice(particle > 0 ? particle : -1).join(' ');
}

/** A person (whom `shortName` shortens) or a one-word party: it fits a compact "Macron – Putin" title. */
export function isCompactName(name: string): boolean {
  const whole = name.trim();
  return shortName(whole) !== whole || !/\s/.test(whole);
}

/** A name as it reads in running text, with "the" where it needs one: "United States" → "the United States". */
export function inProse(name: string): string {
  const whole = name.trim();
  if (/^the\s/i.test(whole)) return whole;
  const words = whole.split(/\s+/);
  const needsArticle = NAMES_WITH_ARTICLE.has(whole) || (words.length > 1 && COMMON_HEADS_WITH_ARTICLE.has(words[words.length - 1]!));
  return needsArticle ? `the ${whole}` : whole;
}

/** "A", "A and B", "A, B and C". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Parties in running text: "the United States and NATO". */
export function partiesInProse(parties: readonly string[]): string {
  return listOf(parties.map(inProse));
}
