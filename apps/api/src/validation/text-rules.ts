/**
 * What text a record may keep. Every text field is one of two kinds:
 * - `line`: names, headlines, tags, ids: one line, no control character at all;
 * - `prose`: notes, statements, texts, summaries, reasons: tab and newline allowed (CRLF becomes LF).
 * Both are well-formed Unicode (no lone surrogate), kept in NFC, so that the same words are the same
 * bytes in the chain, in search and in comparisons, and never blank (whitespace alone says nothing).
 */
export type TextKind = 'line' | 'prose';

/** In `u` mode a surrogate range matches only a surrogate that is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** C0 controls, DEL and C1 controls; prose keeps tab and newline. */
const CONTROL: Record<TextKind, RegExp> = {
  line: /[\u0000-\u001F\u007F-\u009F]/u,
  prose: /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u,
};

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The text as it is kept: NFC, and LF line ends in prose. */
export function normalizeText(text: string, kind: TextKind): string {
  const nfc = text.normalize('NFC');
  return kind === 'prose' ? nfc.replace(/\r\n/g, '\n') : nfc;
}

/** Why `text` (already normalised) cannot be kept, as the end of a sentence about the field; none if it can. */
export function textProblem(text: string, kind: TextKind, options: { allowEmpty?: boolean } = {}): string | undefined {
  if (hasLoneSurrogate(text)) return 'must be valid Unicode text (it has a lone surrogate)';
  if (CONTROL[kind].test(text)) return kind === 'prose' ? 'must not contain control characters other than tab and newline' : 'must not contain control characters, tabs or line breaks';
  if (text.trim() === '' && !(options.allowEmpty && text === '')) return options.allowEmpty ? 'must be empty or have more than whitespace' : 'must not be blank';
  return undefined;
}

/**
 * When two names in a list are the same: equal after NFC, trimming, collapsing inner whitespace and
 * lower-casing ("Vladimir Putin" and "vladimir  putin" are one person given twice).
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}
