import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The log's Ed25519 key, named as C2SP signed-note keys are: the key name is the log's origin, the key
 * id the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), 0x01 being Ed25519's signature type.
 */
const ED25519_TYPE = 0x01;

export interface LogPublicKey {
  readonly name: string;
  /** The 32 raw bytes. */
  readonly publicKey: Buffer;
  /** 4 bytes. */
  readonly keyId: Buffer;
}

export class LogSigningKey implements LogPublicKey {
  readonly publicKey: Buffer;
  readonly keyId: Buffer;

  private constructor(
    readonly name: string,
    private readonly privateKey: KeyObject,
  ) {
    this.publicKey = rawPublicKey(createPublicKey(privateKey));
    this.keyId = keyIdOf(name, this.publicKey);
  }

  /** From a PKCS#8 PEM Ed25519 private key (what `openssl genpkey -algorithm ed25519` writes). */
  static fromPem(name: string, pem: string): LogSigningKey {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The log's signing key must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'a symmetric key'}`);
    return new LogSigningKey(name, key);
  }

  sign(message: Buffer): Buffer {
    return sign(null, message, this.privateKey);
  }

  /** The private key's 32 raw bytes, as input keying material for secrets derived from it (never sent anywhere). */
  secretBytes(): Buffer {
    return Buffer.from(this.privateKey.export({ format: 'jwk' }).d!, 'base64url');
  }
}

export function keyIdOf(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, ED25519_TYPE])).update(publicKey).digest().subarray(0, 4);
}

/** The C2SP note verifier key: `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. */
export function verifierKeyOf(key: LogPublicKey): string {
  return `${key.name}+${key.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519_TYPE]), key.publicKey]).toString('base64')}`;
}

/** Reads a verifier key back; undefined when it is not one (or not Ed25519). */
export function parseVerifierKey(text: string): LogPublicKey | undefined {
  // Split at the first two '+' only: the name and the key id hold none, but the base64 of the key is
  // in the standard alphabet and holds a '+' in about half of all keys (as Go's note.NewVerifier reads it).
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(text.trim());
  if (!match) return undefined;
  const [name, hexId, encoded] = [match[1]!, match[2]!, match[3]!];
  const bytes = decodeBase64(encoded);
  if (!bytes || bytes.length !== 33 || bytes[0] !== ED25519_TYPE) return undefined;
  const publicKey = bytes.subarray(1);
  const keyId = Buffer.from(hexId, 'hex');
  if (!keyIdOf(name, publicKey).equals(keyId)) return undefined;
  return { name, publicKey, keyId };
}

export function verifySignature(key: LogPublicKey, message: Buffer, signature: Buffer): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, publicKeyObject(key.publicKey), signature);
  } catch {
    return false;
  }
}

/**
 * Strict base64 (the standard alphabet, padded, canonical): undefined for anything else. Canonical
 * means the unused bits of the last digit are 0, which Buffer.from ignores: otherwise up to four
 * texts would read as the same bytes, and a note's root or key could be spelled several ways.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
}

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}
