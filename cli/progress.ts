/**
 * A progress bar with an ETA, drawn only when stderr is a TTY and CI is unset; silent otherwise.
 */
export class Progress {
  private readonly start = performance.now();
  private readonly enabled: boolean;
  private lastDraw = 0;

  constructor(private readonly label: string, private readonly total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY) && !process.env.CI;
    this.stream = stream;
  }

  private readonly stream: NodeJS.WriteStream;

  update(done: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const fraction = this.total === 0 ? 1 : done / this.total;
    const width = 30;
    const filled = Math.round(fraction * width);
    const elapsed = (now - this.start) / 1000;
    const eta = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : Infinity;
    const fmt = (s: number) => (Number.isFinite(s) ? (s >= 60 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(1)}s`) : '?');
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} elapsed ${fmt(elapsed)} ETA ${fmt(eta)}   `);
  }

  finish(): void {
    if (this.enabled) this.stream.write('\n');
  }
}
