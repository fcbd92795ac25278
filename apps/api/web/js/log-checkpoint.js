// The log's signed checkpoints as the browser checks them itself (WebCrypto), trusting the server for
// nothing but the bytes: a C2SP signed note read as the server writes it, its Ed25519 signature, and
// RFC 9162 consistency proofs between two checkpoints.

const SIGNATURE_LINE = /^\u2014 (\S+) (\S+)$/;
const HASH_BYTES = 32;
const ED25519_ALGORITHM_BYTE = 0x01;

/**
 * A checkpoint's text read: `{ origin, treeSize, rootHash, rootBase64, body, signatures }`, `body` the
 * signed text (through the newline before the blank line). Throws an Error saying what is wrong.
 */
export function parseCheckpoint(text) {
  if (typeof text !== 'string') throw new Error('a checkpoint is text');
  const split = text.indexOf('\n\n');
  if (split < 0 || !text.endsWith('\n')) throw new Error('a checkpoint has its text, a blank line and its signature lines');
  const body = text.slice(0, split + 1);
  const [origin = '', sizeLine = '', rootBase64 = ''] = body.slice(0, -1).split('\n');
  if (origin === '' || /\s|\+/.test(origin)) throw new Error('its first line is not a log name');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) throw new Error('its second line is not a tree size');
  const rootHash = fromBase64(rootBase64);
  if (rootHash?.length !== HASH_BYTES) throw new Error('its third line is not a root hash');
  const signatures = text.slice(split + 2, -1).split('\n').map((line) => {
    const match = SIGNATURE_LINE.exec(line);
    const bytes = match && fromBase64(match[2]);
    if (!bytes || bytes.length < 5) throw new Error('a signature line is not "— <name> <signature>"');
    return { name: match[1], keyId: bytes.slice(0, 4), signature: bytes.slice(4) };
  });
  return { origin, treeSize: Number(sizeLine), rootHash, rootBase64, body, signatures };
}

/** Whether WebCrypto is there at all (it is only in secure contexts: https, or this machine). */
const subtle = () => globalThis.crypto?.subtle;

/**
 * Checks the checkpoint's signature with the log's key (GET /log/key) in this browser:
 * `{ result: 'valid' }`, `{ result: 'invalid', reason }` or `{ result: 'unavailable', reason }` when the
 * browser cannot check Ed25519 (then nothing is claimed either way).
 */
export async function checkSignature(note, logKey) {
  if (!subtle()) return { result: 'unavailable', reason: 'this page is not in a secure context, so the browser offers no WebCrypto' };
  const publicKey = fromBase64(logKey.publicKey);
  if (publicKey?.length !== 32) return { result: 'invalid', reason: 'the log’s public key is not an Ed25519 key' };
  // The C2SP key id: the first 4 bytes of SHA-256(key name ‖ "\n" ‖ 0x01 ‖ public key).
  const keyId = (await sha256(concat(new TextEncoder().encode(`${logKey.origin}\n`), [ED25519_ALGORITHM_BYTE], publicKey))).slice(0, 4);
  if (toHex(keyId) !== logKey.keyId) return { result: 'invalid', reason: 'the key id the server names is not the id of its key' };
  let key;
  try {
    key = await subtle().importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  } catch (error) {
    return { result: 'unavailable', reason: `this browser cannot check Ed25519 signatures (${error?.name ?? error})` };
  }
  if (note.origin !== logKey.origin) return { result: 'invalid', reason: `the checkpoint names the log “${note.origin}”, the key is “${logKey.origin}”’s` };
  const message = new TextEncoder().encode(note.body);
  for (const line of note.signatures) {
    if (line.name !== logKey.origin || toHex(line.keyId) !== logKey.keyId) continue;
    if (await subtle().verify({ name: 'Ed25519' }, key, line.signature, message)) return { result: 'valid' };
  }
  return { result: 'invalid', reason: 'no signature on it is a valid one by the log’s key' };
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` (base64 hashes, GET /log/proofs/consistency) shows the tree of
 * size `from` with root `fromRoot` to be a prefix of the tree of size `to` with root `toRoot`.
 * `undefined` when the browser offers no SHA-256 (no WebCrypto).
 */
export async function checkConsistency(from, to, proof, fromRoot, toRoot) {
  if (!subtle()) return undefined;
  const hashes = proof.map(fromBase64);
  if (!(from >= 0 && from <= to) || hashes.length > 64 || hashes.some((hash) => hash?.length !== HASH_BYTES)) return false;
  if (from === to) return hashes.length === 0 && equal(fromRoot, toRoot);
  if (from === 0) return hashes.length === 0;
  if (hashes.length === 0) return false;
  // When `from` is a power of two, the old root is itself the first node of the path.
  const path = (from & (from - 1)) === 0 ? [fromRoot, ...hashes] : hashes;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, fromRoot) && equal(sr, toRoot);
}

/** "k3Jd9fQx…Zp0=": enough of a root hash to tell two apart at a glance. */
export function shortHash(base64) {
  return base64.length > 16 ? `${base64.slice(0, 10)}…${base64.slice(-4)}` : base64;
}

const nodeHash = (left, right) => sha256(concat([0x01], left, right));

async function sha256(bytes) {
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function equal(a, b) {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

function toHex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Strict base64 (with padding) to bytes; undefined for anything else. */
function fromBase64(text) {
  if (typeof text !== 'string' || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
