/**
 * The key of a troop estimate in the state document (`troopEstimates`), and so in diff paths: one key
 * per force and location, the pair whose estimates supersede each other.
 *
 * Encoding: each part has every backslash written `\\` and every vertical bar written `\|`, and the two
 * parts are joined by one unescaped `|`:
 *
 *   force "Russia",  location "near the Ukrainian border" → `Russia|near the Ukrainian border`
 *   force "A|B",     location "C"                         → `A\|B|C`
 *   force "A",       location "B|C"                       → `A|B\|C`
 *   force "A\",      location "B"                         → `A\\|B`
 *
 * A name with neither character keeps its plain `force|location` key. The separator is the only bar
 * not preceded by an escaping backslash, so a key reads back to exactly one pair (`troopEstimateKeyParts`)
 * and two different pairs never share a key. The parts are compared as they are: no case folding and
 * no Unicode normalisation here ("Russia" and "russia" are two forces); the input layer hands names
 * over in NFC.
 *
 * The key is derived whenever events are folded, never stored, so events recorded before this
 * encoding fold into these keys too.
 */
export function troopEstimateKey(force: string, location: string): string {
  return `${escapePart(force)}${SEPARATOR}${escapePart(location)}`;
}

/** The force and location a key was made from; undefined for a string that no pair makes. */
export function troopEstimateKeyParts(key: string): { readonly force: string; readonly location: string } | undefined {
  const parts: string[] = [''];
  for (let index = 0; index < key.length; index++) {
    const char = key[index]!;
    if (char === ESCAPE) {
      const next = key[index + 1];
      if (next !== ESCAPE && next !== SEPARATOR) return undefined;
      parts[parts.length - 1] += next;
      index++;
    } else if (char === SEPARATOR) {
      parts.push('');
    } else {
      parts[parts.length - 1] += char;
    }
  }
  if (parts.length !== 2) return undefined;
  return { force: parts[0]!, location: parts[1]! };
}

const SEPARATOR = '|';
const ESCAPE = '\\';

function escapePart(part: string): string {
  return part.replace(/[\\|]/g, (char) => `${ESCAPE}${char}`);
}
