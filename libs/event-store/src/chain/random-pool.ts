import { randomBytes } from 'node:crypto';

/**
 * Random bytes drawn from the system's CSPRNG 4 KiB at a time and handed out once each: a salt for
 * every value of every append, and the random part of every development id, without a call into the
 * generator for each (the salts' calls were 3 % of an append; ulid's own, one call per character of
 * an id, another 2 %).
 */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomPoolUsed = 0;

/** `length` fresh random bytes, never handed out before. */
export function pooledRandomBytes(length: number): Buffer {
  if (length > RANDOM_POOL_BYTES) return randomBytes(length);
  if (randomPoolUsed + length > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomPoolUsed = 0;
  }
  const bytes = randomPool.subarray(randomPoolUsed, randomPoolUsed + length);
  randomPoolUsed += length;
  return bytes;
}

/**
 * A uniform fraction in [0, 1) with 8 random bits, from the pool: what ulid's generator asks for
 * each character of an id (it keeps 5 bits of it, so 256 values spread evenly over its 32).
 */
export function pooledRandomFraction(): number {
  return pooledRandomBytes(1)[0]! / 256;
}
