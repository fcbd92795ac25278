import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON: sorted keys, fixed number form, no white space. Every hash over JSON in
 * the tracker (the chain, the audit's state hash, the idempotency fingerprint) goes through here.
 *
 * RFC 8785 refuses strings with lone UTF-16 surrogates, and so does `canonicalize` since version 5.
 * Version 2, which wrote the chains stored before it, wrote them as `JSON.stringify` escapes them
 * (`"\ud800"`), and inputs were not refused then. Such a value is written the old way here, so an
 * event stored with one keeps the hash it was given and its chain still verifies.
 */
export function canonicalJson(value: unknown): string {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(value);
  } catch (error) {
    if (!(error instanceof Error && /surrogate/i.test(error.message))) throw error;
    canonical = canonicalJsonWithEscapedSurrogates(value);
  }
  if (canonical === undefined) throw new TypeError('The value cannot be written as JSON');
  return canonical;
}

/** What canonicalize 2 wrote: the same canonical form, with each string as JSON.stringify escapes it. */
function canonicalJsonWithEscapedSurrogates(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => canonicalJsonWithEscapedSurrogates(item === undefined ? null : item) ?? 'null').join(',')}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = canonicalJsonWithEscapedSurrogates((value as Record<string, unknown>)[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}
