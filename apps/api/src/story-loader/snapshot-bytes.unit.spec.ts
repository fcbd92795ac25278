import type { ChunkedBytes } from '@story-tracker/domain';
import { openedSnapshot, sealedSnapshot } from './snapshot-bytes';

describe('a snapshot’s stored bytes', () => {
  const pieces = [Buffer.from('{"a":1},'), Buffer.from('[2],'), Buffer.from('header\n6')];

  const text = (bytes: ChunkedBytes) => Buffer.concat(bytes.views(0, bytes.byteLength)).toString();

  it('give back the codec’s bytes they were sealed from, from one piece or cut anywhere into several', () => {
    const sealed = sealedSnapshot(pieces);
    expect(text(openedSnapshot([sealed]))).toBe('{"a":1},[2],header\n6');
    for (let first = 0; first <= sealed.byteLength; first++) {
      for (const second of [first, Math.min(first + 3, sealed.byteLength), sealed.byteLength]) {
        const cut = [sealed.subarray(0, first), sealed.subarray(first, second), sealed.subarray(second)];
        expect(text(openedSnapshot(cut))).toBe('{"a":1},[2],header\n6');
      }
    }
  });

  it('are refused when any byte changed, or some are missing', () => {
    const sealed = sealedSnapshot(pieces);
    for (let index = 0; index < sealed.byteLength; index++) {
      const damaged = Uint8Array.from(sealed);
      damaged[index]! ^= 0x01;
      expect(() => openedSnapshot([damaged.subarray(0, index), damaged.subarray(index)])).toThrow(/checksum/);
    }
    expect(() => openedSnapshot([sealed.subarray(1)])).toThrow(/checksum/);
    expect(() => openedSnapshot([new Uint8Array(2)])).toThrow(/checksum/);
    expect(() => openedSnapshot([])).toThrow(/checksum/);
  });
});
