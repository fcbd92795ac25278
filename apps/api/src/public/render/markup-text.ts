/**
 * Text made safe for HTML and XML alike, in element content and in quoted attribute values: the five
 * characters that could end either are written as references, and the characters XML 1.0 does not
 * allow (C0 controls other than tab, line feed and carriage return; lone surrogates; U+FFFE and
 * U+FFFF), with DEL and the C1 controls it discourages, are left out, since no reference can carry them.
 * Text reaching here was checked on the way in; this holds even if it was not.
 */
const NOT_IN_MARKUP = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const REFERENCES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeMarkup(text: string): string {
  return text.replace(NOT_IN_MARKUP, '').replace(/[&<>"']/g, (character) => REFERENCES[character]!);
}
