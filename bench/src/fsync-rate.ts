import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SAMPLES = 200;

/**
 * Durable writes per second on the temporary folder's disk right now (write 512 bytes + fsync,
 * one at a time). Every append case is bound by it, and on a shared machine it moves from minute
 * to minute, so the report records it before and after the run.
 */
export function measureFsyncRate(): number {
  const folder = mkdtempSync(join(tmpdir(), 'story-tracker-fsync-'));
  const fd = openSync(join(folder, 'probe.bin'), 'w');
  const block = Buffer.alloc(512, 1);
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < SAMPLES; i++) {
      writeSync(fd, block);
      fsyncSync(fd);
    }
    return Math.round(SAMPLES / (Number(process.hrtime.bigint() - started) / 1e9));
  } finally {
    closeSync(fd);
    rmSync(folder, { recursive: true, force: true });
  }
}
