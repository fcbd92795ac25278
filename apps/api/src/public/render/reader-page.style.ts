import { createHash } from 'node:crypto';

/**
 * The reader's page carries its one style sheet inline and nothing else: no script, no image, no
 * font, no file of the reporter page. Its Content-Security-Policy allows exactly this style (by its
 * hash) and no other resource at all, so text from the record can never run or load anything, even
 * if an escaping mistake slipped through.
 */
export const READER_PAGE_STYLE = `
body { margin: 0; background: #fbfaf7; color: #1d1d1b; font: 1.0625rem/1.6 Georgia, 'Times New Roman', serif; }
main, footer { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
footer { padding-top: 0; }
.newsroom { margin: 0; font: 600 0.8125rem/1.4 system-ui, sans-serif; letter-spacing: 0.06em; text-transform: uppercase; color: #6b6b66; }
h1 { margin: 0.5rem 0 0.75rem; font-size: 2rem; line-height: 1.2; }
h2 { margin: 2.25rem 0 0.75rem; font: 700 1rem/1.4 system-ui, sans-serif; text-transform: uppercase; letter-spacing: 0.04em; border-top: 1px solid #d9d6cf; padding-top: 1rem; }
.summary { font-size: 1.1875rem; color: #3a3a36; }
.dateline, .when, .change time, footer { font: 0.875rem/1.5 system-ui, sans-serif; color: #6b6b66; }
.notice { padding: 0.5rem 0.75rem; background: #efece4; border-left: 3px solid #8a8577; }
.changes { list-style: none; margin: 0; padding: 0; }
.change { margin: 0 0 1rem; padding-left: 0.75rem; border-left: 3px solid #d9d6cf; }
.change-correction, .change-retraction { border-left-color: #a23b2a; }
.change p { margin: 0.25rem 0 0; }
a { color: #1f4e79; }
`;

/** The CSP source of the inline style: `'sha256-<base64>'` of its exact text. */
export const READER_PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(READER_PAGE_STYLE, 'utf8').digest('base64')}'`;

export const READER_PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${READER_PAGE_STYLE_SOURCE}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of the reader's page beyond every answer's (nosniff and `private, no-store` are those). */
export const READER_PAGE_HEADERS = {
  'content-security-policy': READER_PAGE_CONTENT_SECURITY_POLICY,
  'referrer-policy': 'no-referrer',
} as const;
