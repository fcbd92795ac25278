import { openedSnapshot, sealedSnapshot } from './snapshot-bytes';

describe('a snapshot’s stored bytes', () => {
  const pieces = [Buffer.from('{"a":1},'), Buffer.from('[2],'), Buffer.from('header\n6')];

  it('give back the codec’s bytes they were sealed from', () => {
    expect(Buffer.from(openedSnapshot(sealedSnapshot(pieces))).toString()).toBe('{"a":1},[2],header\n6');
  });

  it('are refused when any byte changed, or some are missing', () => {
    const sealed = sealedSnapshot(pieces);
    for (let index = 0; index < sealed.byteLength; index++) {
      const damaged = Uint8Array.from(sealed);
      damaged[index]! ^= 0x01;
      expect(() => openedSnapshot(damaged)).toThrow(/checksum/);
    }
    expect(() => openedSnapshot(sealed.subarray(1))).toThrow(/checksum/);
    expect(() => openedSnapshot(new Uint8Array(2))).toThrow(/checksum/);
  });
});
