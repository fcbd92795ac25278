const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a header value. Node hands header bytes over as Latin-1; a client that sends UTF-8
 * (curl, most HTTP libraries) means UTF-8, one that sends Latin-1 (a browser's fetch, for characters
 * up to U+00FF) means Latin-1. Bytes that form valid UTF-8 are read as UTF-8, others as Latin-1: text
 * that is Latin-1 and also valid UTF-8 beyond ASCII is vanishingly rare.
 */
export function headerText(value: string): string {
  if (!/[^\x00-\x7F]/.test(value)) return value;
  try {
    return UTF8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}
