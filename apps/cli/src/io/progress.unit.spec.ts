import { Writable } from 'node:stream';
import { PROGRESS_LINE_INTERVAL_MS, PROGRESS_THRESHOLD, startProgress } from './progress';

class Captured extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('startProgress', () => {
  it('shows nothing for a short run, or when switched off', async () => {
    const terminal = new Captured(true);

    const short = startProgress(terminal, 'verify', PROGRESS_THRESHOLD, { enabled: true });
    short.update(500);
    short.stop();
    const off = startProgress(terminal, 'verify', 50000, { enabled: false });
    off.update(500);
    off.stop();
    await flush();

    expect(terminal.text).toBe('');
  });

  it('draws a bar on a terminal and clears it at the end', async () => {
    const terminal = new Captured(true);

    const progress = startProgress(terminal, 'verify some-story', 5000, { enabled: true });
    progress.update(2500);
    progress.stop();
    await flush();

    expect(terminal.text).toMatch(/verify some-story \[.*\] \d+% \| \d+\/5000 events/);
    // Cleared: the cursor back to column 1 and the whole line erased, so nothing is left behind.
    expect(terminal.text.endsWith('\x1b[1G\x1b[2K')).toBe(true);
  });

  it('writes a plain line at most every interval when stderr is not a terminal', async () => {
    const log = new Captured(false);
    let now = 0;

    const progress = startProgress(log, 'verify some-story', 5000, { enabled: true, now: () => now });
    progress.update(1000);
    now = PROGRESS_LINE_INTERVAL_MS;
    progress.update(2000);
    now += 10;
    progress.update(2100);
    now += PROGRESS_LINE_INTERVAL_MS;
    progress.update(4000);
    progress.stop();
    await flush();

    expect(log.text).toBe('verify some-story: 2000/5000 events (40%)\nverify some-story: 4000/5000 events (80%)\n');
  });
});
