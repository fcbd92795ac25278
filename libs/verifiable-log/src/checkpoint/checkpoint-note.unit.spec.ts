import { createHash, createPrivateKey, sign } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_TREE_ROOT, LogSigningKey, MAX_CHECKPOINT_BYTES, MalformedCheckpointError, checkpointBody, decodeBase64, isSignedBy, parseCheckpoint, signCheckpoint, type Checkpoint } from '@story-tracker/verifiable-log';
import { noteKeyId, noteSignedBy, seededKeyPem } from '../testing/note-keys';

const ORIGIN = 'news.example/log';
const keyPem = seededKeyPem(1);
const key = LogSigningKey.fromPem(ORIGIN, keyPem);
const otherKey = LogSigningKey.fromPem(ORIGIN, seededKeyPem(2));
const checkpoint: Checkpoint = { origin: ORIGIN, treeSize: 1234, rootHash: createHash('sha256').update('a root').digest() };
const note = signCheckpoint(checkpoint, key);

/** A signature line as the spec writes it, from its parts. */
const signatureLine = (name: string, keyId: Buffer, signature: Buffer) => `\u2014 ${name} ${Buffer.concat([keyId, signature]).toString('base64')}`;
/** The note's text with line `index` (0-based) replaced, its signature kept. */
const withLine = (text: string, index: number, line: string) => text.split('\n').map((old, i) => (i === index ? line : old)).join('\n');

describe('signCheckpoint and parseCheckpoint (C2SP tlog-checkpoint in a signed note)', () => {
  it('writes origin, size, base64 root, a blank line and one signature line of the key', () => {
    const lines = note.split('\n');
    expect(lines.slice(0, 4)).toEqual([ORIGIN, '1234', checkpoint.rootHash.toString('base64'), '']);
    expect(lines[4]).toMatch(new RegExp(`^\u2014 ${ORIGIN.replace(/\./g, '\\.')} [A-Za-z0-9+/]{91}=$`));
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6);
    expect(checkpointBody(checkpoint)).toBe(`${lines.slice(0, 3).join('\n')}\n`);
  });

  it('reads back what it wrote', () => {
    const parsed = parseCheckpoint(note);
    expect(parsed.checkpoint).toEqual(checkpoint);
    expect(parsed.body).toBe(checkpointBody(checkpoint));
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]!.name).toBe(ORIGIN);
    expect(parsed.signatures[0]!.keyId).toEqual(noteKeyId(ORIGIN, key.publicKey));
    expect(parsed.signatures[0]!.signature).toHaveLength(64);
    expect(isSignedBy(parsed, key)).toBe(true);
  });

  it('round-trips the empty tree and the largest safe size', () => {
    for (const cp of [{ origin: ORIGIN, treeSize: 0, rootHash: EMPTY_TREE_ROOT }, { origin: ORIGIN, treeSize: Number.MAX_SAFE_INTEGER, rootHash: checkpoint.rootHash }]) {
      const parsed = parseCheckpoint(signCheckpoint(cp, key));
      expect(parsed.checkpoint).toEqual(cp);
      expect(isSignedBy(parsed, key)).toBe(true);
    }
  });

  it('carries a signature that node:crypto verifies with nothing but the public key bytes and the spec', () => {
    // The message rebuilt from the note's text; the key id from SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key).
    expect(noteSignedBy(note, ORIGIN, key.publicKey)).toBe(true);
    expect(noteSignedBy(note, ORIGIN, otherKey.publicKey)).toBe(false);
    expect(noteSignedBy(note.replace('1234', '1235'), ORIGIN, key.publicKey)).toBe(false);
  });

  it("accepts a note with extension lines signed by the key's owner, and keeps them in the signed text", () => {
    const text = `${checkpointBody(checkpoint)}extension line\n`;
    const signature = sign(null, Buffer.from(text, 'utf8'), createPrivateKey(keyPem));
    const parsed = parseCheckpoint(`${text}\n${signatureLine(ORIGIN, key.keyId, signature)}\n`);
    expect(parsed.checkpoint).toEqual(checkpoint);
    expect(parsed.body).toBe(text);
    expect(isSignedBy(parsed, key)).toBe(true);
    // Dropping the extension line breaks the signature: it cannot be stripped unseen.
    expect(isSignedBy(parseCheckpoint(`${checkpointBody(checkpoint)}\n${signatureLine(ORIGIN, key.keyId, signature)}\n`), key)).toBe(false);
  });

  it('finds its signature among the cosignatures of others, wherever it is', () => {
    const [text, ours] = note.slice(0, -1).split('\n\n') as [string, string];
    const witness = LogSigningKey.fromPem('witness.example', seededKeyPem(3));
    const theirs = signatureLine('witness.example', witness.keyId, witness.sign(Buffer.from(`${text}\n`, 'utf8')));
    for (const lines of [[theirs, ours], [ours, theirs], [theirs, ours, theirs]]) {
      const parsed = parseCheckpoint(`${text}\n\n${lines.join('\n')}\n`);
      expect(isSignedBy(parsed, key)).toBe(true);
      expect(isSignedBy(parsed, witness)).toBe(true);
    }
  });
});

describe('isSignedBy refuses forged notes', () => {
  const [text, ours] = note.slice(0, -1).split('\n\n') as [string, string];
  const signature = parseCheckpoint(note).signatures[0]!.signature;
  const forgeries: [string, string][] = [
    ['size changed', withLine(note, 1, '1235')],
    ['size changed to 0', withLine(note, 1, '0')],
    ['root changed', withLine(note, 2, createHash('sha256').update('another root').digest().toString('base64'))],
    ['origin changed', withLine(note, 0, 'other.example/log')],
    ['an extension line added', `${text}\nextension\n\n${ours}\n`],
    ['signed by another key of the same name', signCheckpoint(checkpoint, otherKey)],
    ['key id of another name', `${text}\n\n${signatureLine(ORIGIN, noteKeyId('other.example/log', key.publicKey), signature)}\n`],
    ['key id of another key', `${text}\n\n${signatureLine(ORIGIN, otherKey.keyId, signature)}\n`],
    ['signature truncated', `${text}\n\n${signatureLine(ORIGIN, key.keyId, signature.subarray(0, 60))}\n`],
    ['signature extended', `${text}\n\n${signatureLine(ORIGIN, key.keyId, Buffer.concat([signature, Buffer.alloc(3)]))}\n`],
    ['signature with a bit flipped', `${text}\n\n${signatureLine(ORIGIN, key.keyId, Buffer.from(signature.map((byte, i) => (i === 10 ? byte ^ 1 : byte))))}\n`],
    ['signature line of another name', `${text}\n\n${ours.replace(ORIGIN, 'other.example/log')}\n`],
  ];

  it.each(forgeries)('%s', (_, forged) => {
    const parsed = parseCheckpoint(forged);
    expect(isSignedBy(parsed, key)).toBe(false);
    // The independent reading agrees.
    expect(noteSignedBy(forged, ORIGIN, key.publicKey)).toBe(false);
  });
});

describe('parseCheckpoint on hostile text', () => {
  const root = checkpoint.rootHash.toString('base64');
  const sig = note.split('\n')[4]!;
  const malformed: [string, string][] = [
    ['empty', ''],
    ['no blank line', `${ORIGIN}\n1234\n${root}\n${sig}\n`],
    ['no signature line', `${ORIGIN}\n1234\n${root}\n\n`],
    ['no final newline', note.slice(0, -1)],
    ['two lines only', `${ORIGIN}\n1234\n\n${sig}\n`],
    ['an empty origin', `\n1234\n${root}\n\n${sig}\n`],
    ['an origin with a space', `news example\n1234\n${root}\n\n${sig}\n`],
    ['an origin with a plus', `news+example\n1234\n${root}\n\n${sig}\n`],
    ['a size with a leading zero', withLine(note, 1, '01234')],
    ['a size of 00', withLine(note, 1, '00')],
    ['a size with a plus sign', withLine(note, 1, '+1234')],
    ['a negative size', withLine(note, 1, '-1')],
    ['a size with a fraction', withLine(note, 1, '1234.0')],
    ['a size in exponent form', withLine(note, 1, '1e3')],
    ['a size in hex', withLine(note, 1, '0x10')],
    ['a size with a space', withLine(note, 1, ' 1234')],
    ['an empty size', withLine(note, 1, '')],
    ['a size of 2^53', withLine(note, 1, '9007199254740992')],
    ['a size above 2^53', withLine(note, 1, '9007199254740993')],
    ['a size of 17 digits', withLine(note, 1, '12345678901234567')],
    ['a root of 31 bytes', withLine(note, 2, Buffer.alloc(31, 7).toString('base64'))],
    ['a root of 33 bytes', withLine(note, 2, Buffer.alloc(33, 7).toString('base64'))],
    ['a root without its padding', withLine(note, 2, root.replace(/=+$/, ''))],
    ['a root in base64url', withLine(note, 2, Buffer.from('fb'.repeat(32), 'hex').toString('base64url'))],
    ['a root in hex', withLine(note, 2, checkpoint.rootHash.toString('hex'))],
    ['an empty root', withLine(note, 2, '')],
    ['a root with a trailing space', withLine(note, 2, `${root} `)],
    ['CRLF line ends', note.replace(/\n/g, '\r\n')],
    ['a tab', note.replace('1234', '1234\t')],
    ['a NUL', note.replace(ORIGIN, `${ORIGIN}\u0000`)],
    ['a DEL', note.replace(ORIGIN, `${ORIGIN}\u007f`)],
    ['an escape sequence', `\u001b[2J${note}`],
    ['a replacement character (invalid UTF-8 decoded)', note.replace(ORIGIN, `${ORIGIN}\ufffd`)],
    ['a signature line with a hyphen', note.replace('\u2014', '-')],
    ['a signature line without a signature', note.replace(/ [A-Za-z0-9+/=]+\n$/, '\n')],
    ['a signature of 4 bytes', `${checkpointBody(checkpoint)}\n\u2014 ${ORIGIN} ${Buffer.alloc(4).toString('base64')}\n`],
    ['a signature that is not base64', `${checkpointBody(checkpoint)}\n\u2014 ${ORIGIN} not*base64\n`],
    ['an empty signature line', `${note}\n`],
    ['too long', `${checkpointBody(checkpoint)}\n${`${sig}\n`.repeat(Math.ceil(MAX_CHECKPOINT_BYTES / sig.length))}`],
  ];

  it('takes one spelling of each root: base64 whose unused bits are set is refused', () => {
    // 32 bytes are 43 base64 digits and '='; the last digit carries 4 bits of the hash and 2 unused
    // bits, which canonical base64 leaves 0. Decoders that ignore them read four texts as one root.
    const canonical = checkpoint.rootHash.toString('base64');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(canonical[42]!);
    const respelled = [1, 2, 3].map((bits) => `${canonical.slice(0, 42)}${alphabet[last | bits]}=`);
    for (const root of respelled) {
      expect(Buffer.from(root, 'base64')).toEqual(checkpoint.rootHash);
      expect({ root, decoded: decodeBase64(root) }).toEqual({ root, decoded: undefined });
      expect(() => parseCheckpoint(withLine(note, 2, root))).toThrow(MalformedCheckpointError);
    }
    expect(decodeBase64(canonical)).toEqual(checkpoint.rootHash);
    expect(decodeBase64('AB==')).toBeUndefined();
    expect(decodeBase64('AA==')).toEqual(Buffer.from([0]));
  });

  it.each(malformed)('throws MalformedCheckpointError for %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(MalformedCheckpointError);
  });

  it('accepts the edges of what is allowed', () => {
    expect(parseCheckpoint(withLine(note, 1, '0')).checkpoint.treeSize).toBe(0);
    expect(parseCheckpoint(withLine(note, 1, '9007199254740991')).checkpoint.treeSize).toBe(Number.MAX_SAFE_INTEGER);
    const justSmallEnough = `${checkpointBody(checkpoint)}\n${sig}\n`;
    expect(() => parseCheckpoint(justSmallEnough.padEnd(MAX_CHECKPOINT_BYTES, 'x'))).toThrow(MalformedCheckpointError);
    expect(parseCheckpoint(`${note}${`${sig}\n`.repeat(Math.floor((MAX_CHECKPOINT_BYTES - Buffer.byteLength(note)) / (Buffer.byteLength(sig) + 1)))}`).signatures.length).toBeGreaterThan(1);
  });

  /** Parses, or throws MalformedCheckpointError: anything else (another error, a wrong result) fails. */
  const parsesOrRefuses = (text: string) => {
    let parsed;
    try {
      parsed = parseCheckpoint(text);
    } catch (error) {
      if (error instanceof MalformedCheckpointError) return undefined;
      throw error;
    }
    // What it parsed is what the text says.
    expect(text.startsWith(`${parsed.body}\n`)).toBe(true);
    expect(parsed.body.split('\n').slice(0, 3)).toEqual([parsed.checkpoint.origin, String(parsed.checkpoint.treeSize), parsed.checkpoint.rootHash.toString('base64')]);
    expect(parsed.checkpoint.rootHash).toHaveLength(32);
    expect(Number.isSafeInteger(parsed.checkpoint.treeSize) && parsed.checkpoint.treeSize >= 0).toBe(true);
    expect(parsed.signatures.length).toBeGreaterThan(0);
    return parsed;
  };

  const line = fc.oneof(
    fc.constantFrom(ORIGIN, '1234', '0', '01', '-1', '9007199254740993', root, sig, '', '\u2014', `\u2014 ${ORIGIN}`, `\u2014 ${ORIGIN} AAAA`, `\u2014 ${ORIGIN} AAAAAAAA`),
    fc.string({ maxLength: 60 }),
    fc.base64String({ maxLength: 100 }),
    fc.nat().map(String),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );

  /** Any UTF-16 code unit, lone surrogates included (what a JS string may hold that no UTF-8 text can). */
  const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

  it('never throws anything but MalformedCheckpointError for arbitrary text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: codeUnit, maxLength: 200 })), (text) => void parsesOrRefuses(text)), { numRuns: 2000 });
  });

  it('never throws anything but MalformedCheckpointError for texts shaped like notes', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.array(line, { maxLength: 4 }), fc.boolean(), (head, tail, newline) => void parsesOrRefuses(`${head.join('\n')}\n\n${tail.join('\n')}${newline ? '\n' : ''}`)),
      { numRuns: 2000 },
    );
  });

  it('reads a valid note changed anywhere as malformed, as unsigned, or as the very same checkpoint', () => {
    const edit = fc.record({ at: fc.nat({ max: note.length }), cut: fc.nat({ max: 4 }), insert: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('\n', '\n\n', '+', '=', '0', ' ', '\u2014 ')) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const text = edits.reduce((current, { at, cut, insert }) => current.slice(0, at) + insert + current.slice(at + cut), note);
        const parsed = parsesOrRefuses(text);
        // An edit that still carries our valid signature has not changed what was signed.
        if (parsed && isSignedBy(parsed, key)) expect(parsed.checkpoint).toEqual(checkpoint);
      }),
      { numRuns: 3000 },
    );
  });
});
