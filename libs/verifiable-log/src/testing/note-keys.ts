import { createHash, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';

/**
 * Keys and signed-note arithmetic for the tests, from the C2SP signed-note text and node:crypto only:
 * nothing here comes from the production checkpoint code, so tests can check its output with it.
 */

/** The example of golang.org/x/mod/sumdb/note (its package documentation and note_test.go). */
export const GO_NOTE_EXAMPLE = {
  signerKey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  verifierKey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  text: "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
  signatureLine: '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
} as const;

/** Another verifier key of note_test.go. */
export const GO_ENOCH_VERIFIER_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';

/** A verifier key of transparency-dev/formats (note/note_cosigv1_test.go) whose base64 holds a '+'. */
export const PLUS_IN_BASE64_VERIFIER_KEY = 'TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6';

/** RFC 8410's DER prefixes: PKCS#8 around a 32-byte Ed25519 seed, SPKI around a 32-byte public key. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A PKCS#8 PEM of the Ed25519 key with this 32-byte seed (what `openssl genpkey -algorithm ed25519` writes). */
export function pemOfSeed(seed: Buffer): string {
  const base64 = Buffer.concat([PKCS8_ED25519_PREFIX, seed]).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** The seed inside a Go note signer key `PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ seed)>`. */
export function seedOfGoSignerKey(signerKey: string): Buffer {
  const bytes = Buffer.from(signerKey.split('+').slice(4).join('+'), 'base64');
  if (bytes.length !== 33 || bytes[0] !== 0x01) throw new Error('Not an Ed25519 note signer key');
  return bytes.subarray(1);
}

/** The same Ed25519 keys on every run, made from their number. */
export function seededKeyPem(n: number): string {
  return pemOfSeed(createHash('sha256').update(`log key ${n}`).digest());
}

/** A fresh Ed25519 key as PEM, and its raw public key. */
export function freshKeyPem(): { pem: string; publicKey: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return { pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: spki.subarray(SPKI_ED25519_PREFIX.length) };
}

/** C2SP signed-note: key id = first 4 bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key). */
export function noteKeyId(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256').update(Buffer.concat([Buffer.from(name, 'utf8'), Buffer.from([0x0a, 0x01]), publicKey])).digest().subarray(0, 4);
}

/** C2SP signed-note verifier key: `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. */
export function noteVerifierKey(name: string, publicKey: Buffer): string {
  return `${name}+${noteKeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([0x01]), publicKey]).toString('base64')}`;
}

function publicKeyObject(publicKey: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/**
 * Whether a signed note carries a valid signature of `name` with this public key, read the way the
 * signed-note spec says: the text is everything up to and including the newline before the first
 * blank line; each line after it is `— <name> <base64(key id ‖ signature)>`.
 */
export function noteSignedBy(note: string, name: string, publicKey: Buffer): boolean {
  const blank = note.indexOf('\n\n');
  if (blank < 0 || !note.endsWith('\n')) return false;
  const text = Buffer.from(note.slice(0, blank + 1), 'utf8');
  const keyId = noteKeyId(name, publicKey);
  return note
    .slice(blank + 2, -1)
    .split('\n')
    .some((line) => {
      const [dash, lineName, encoded, ...rest] = line.split(' ');
      if (dash !== '\u2014' || lineName !== name || encoded === undefined || rest.length > 0) return false;
      const bytes = Buffer.from(encoded, 'base64');
      return bytes.length === 68 && bytes.subarray(0, 4).equals(keyId) && verify(null, text, publicKeyObject(publicKey), bytes.subarray(4));
    });
}
