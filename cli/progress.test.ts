/** The progress bar: duration format, ETA from new work only (a resumed run), silent when not a TTY or in CI. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDuration, Progress } from './progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = { isTTY, write: (s: string) => { text += s; return true; } } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('formatDuration', () => {
  it('formats seconds, minutes and hours, rounding once', () => {
    expect(formatDuration(12.34)).toBe('12.3s');
    expect(formatDuration(59.96)).toBe('60.0s');
    expect(formatDuration(60)).toBe('1m00s');
    expect(formatDuration(119.6)).toBe('2m00s');
    expect(formatDuration(245)).toBe('4m05s');
    expect(formatDuration(3599.6)).toBe('1h00m');
    expect(formatDuration(7620)).toBe('2h07m');
    expect(formatDuration(Infinity)).toBe('?');
  });
});

describe('Progress', () => {
  let ci: string | undefined;
  beforeEach(() => { ci = process.env.CI; delete process.env.CI; });
  afterEach(() => { if (ci !== undefined) process.env.CI = ci; });

  it('draws on a TTY, with an ETA from the replications computed in this run', async () => {
    const { stream, text } = fakeStream(true);
    const progress = new Progress('run', 100, stream, 90);
    await new Promise((resolve) => setTimeout(resolve, 20));
    progress.update(95);
    progress.finish();
    expect(text()).toMatch(/^\rrun \[#{29}\.\] 95\/100 elapsed [\d.]+s ETA [\d.]+s {3}\n$/);
    const [elapsed, eta] = [...text().matchAll(/([\d.]+)s/g)].map((m) => Number(m[1]));
    expect(eta).toBeCloseTo(elapsed, 1); // 5 done in `elapsed`, 5 to go (not 95 done: that would give elapsed/19)
  });

  it('is silent when the stream is not a TTY, and in CI', () => {
    const off = fakeStream(false);
    const p = new Progress('run', 10, off.stream);
    p.update(5);
    p.finish();
    expect(off.text()).toBe('');
    process.env.CI = '1';
    const tty = fakeStream(true);
    const q = new Progress('run', 10, tty.stream);
    q.update(5);
    q.finish();
    expect(tty.text()).toBe('');
  });
});
