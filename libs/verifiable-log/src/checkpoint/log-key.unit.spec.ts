import { generateKeyPairSync } from 'node:crypto';
import { LogSigningKey, keyIdOf, parseVerifierKey, verifierKeyOf, verifySignature } from '@story-tracker/verifiable-log';
import { GO_ENOCH_VERIFIER_KEY, GO_NOTE_EXAMPLE, PLUS_IN_BASE64_VERIFIER_KEY, freshKeyPem, noteKeyId, noteVerifierKey, pemOfSeed, seededKeyPem, seedOfGoSignerKey } from '../testing/note-keys';

describe("the log's key, as a C2SP signed-note key", () => {
  const goKey = LogSigningKey.fromPem('PeterNeumann', pemOfSeed(seedOfGoSignerKey(GO_NOTE_EXAMPLE.signerKey)));

  it("has the Go sumdb/note example's verifier key when it is that example's key", () => {
    expect(verifierKeyOf(goKey)).toBe(GO_NOTE_EXAMPLE.verifierKey);
    expect(goKey.keyId.toString('hex')).toBe('c74f20a3');
  });

  it("signs the Go example's text with the published signature, byte for byte (Ed25519 is deterministic)", () => {
    const signature = goKey.sign(Buffer.from(GO_NOTE_EXAMPLE.text, 'utf8'));
    expect(`— ${goKey.name} ${Buffer.concat([goKey.keyId, signature]).toString('base64')}`).toBe(GO_NOTE_EXAMPLE.signatureLine);
  });

  it('makes key ids and verifier keys by the formula of the spec', () => {
    const { pem, publicKey } = freshKeyPem();
    const key = LogSigningKey.fromPem('news.example/log', pem);
    expect(key.publicKey).toEqual(publicKey);
    expect(key.keyId).toEqual(noteKeyId('news.example/log', publicKey));
    expect(keyIdOf('news.example/log', publicKey)).toEqual(noteKeyId('news.example/log', publicKey));
    expect(verifierKeyOf(key)).toBe(noteVerifierKey('news.example/log', publicKey));
  });

  it('reads back verifier keys, its own and those of the Go and transparency-dev tests', () => {
    const { pem, publicKey } = freshKeyPem();
    const key = LogSigningKey.fromPem('news.example/log', pem);
    expect(parseVerifierKey(verifierKeyOf(key))).toEqual({ name: 'news.example/log', publicKey, keyId: noteKeyId('news.example/log', publicKey) });
    expect(parseVerifierKey(`  ${verifierKeyOf(key)}\n`)?.name).toBe('news.example/log');
    for (const text of [GO_NOTE_EXAMPLE.verifierKey, GO_ENOCH_VERIFIER_KEY, PLUS_IN_BASE64_VERIFIER_KEY]) {
      const parsed = parseVerifierKey(text);
      expect({ text, parsed: parsed && noteVerifierKey(parsed.name, parsed.publicKey) }).toEqual({ text, parsed: text });
    }
  });

  it("reads back its own verifier key whatever the key, '+' in the base64 or not", () => {
    // The base64 of the key uses the standard alphabet, '+' included: about half of all keys have one.
    const keys = Array.from({ length: 16 }, (_, n) => LogSigningKey.fromPem('news.example/log', seededKeyPem(n)));
    expect(keys.filter((key) => verifierKeyOf(key).split('+').length > 3).length).toBeGreaterThan(0);
    for (const key of keys) {
      expect({ key: verifierKeyOf(key), parsed: parseVerifierKey(verifierKeyOf(key)) }).toEqual({ key: verifierKeyOf(key), parsed: { name: key.name, publicKey: key.publicKey, keyId: key.keyId } });
    }
  });

  it('refuses verifier keys that are not one, or not an Ed25519 one, or whose id does not match', () => {
    const good = GO_NOTE_EXAMPLE.verifierKey;
    const [name, id, encoded] = good.split('+') as [string, string, string];
    const publicKey = Buffer.from(encoded, 'base64').subarray(1);
    for (const bad of [
      '',
      name,
      `${name}+${id}`,
      `${good}+extra`,
      `+${id}+${encoded}`,
      `${name}+C74F20A3+${encoded}`,
      `${name}+c74f20a4+${encoded}`,
      `${name}+c74f20+${encoded}`,
      `OtherName+${id}+${encoded}`,
      `${name}+${id}+${Buffer.concat([Buffer.from([0x02]), publicKey]).toString('base64')}`,
      `${name}+${id}+${Buffer.concat([Buffer.from([0x01]), publicKey.subarray(1)]).toString('base64')}`,
      `${name}+${id}+${encoded.slice(0, -1)}`,
    ]) {
      expect({ bad, parsed: parseVerifierKey(bad) }).toEqual({ bad, parsed: undefined });
    }
  });

  it('verifies only 64-byte Ed25519 signatures of the very message', () => {
    const message = Buffer.from(GO_NOTE_EXAMPLE.text, 'utf8');
    const signature = goKey.sign(message);
    expect(verifySignature(goKey, message, signature)).toBe(true);
    expect(verifySignature(goKey, Buffer.from(GO_NOTE_EXAMPLE.text.replace('problem', 'Problem'), 'utf8'), signature)).toBe(false);
    expect(verifySignature(goKey, message, signature.subarray(0, 63))).toBe(false);
    expect(verifySignature(goKey, message, Buffer.concat([signature, Buffer.from([0])]))).toBe(false);
    expect(verifySignature({ ...goKey, publicKey: Buffer.alloc(32, 0xff) }, message, signature)).toBe(false);
  });

  it('refuses a PEM key that is not Ed25519, saying what it is', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => LogSigningKey.fromPem('log', rsa)).toThrow("The log's signing key must be an Ed25519 key, not rsa");
    expect(() => LogSigningKey.fromPem('log', ec)).toThrow("The log's signing key must be an Ed25519 key, not ec");
  });
});
