/** 12.3s, 4m05s, 2h07m ('?' when not finite); rounded once, so never "1m60s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  const two = (x: number) => String(x).padStart(2, '0');
  if (whole < 3600) return `${Math.floor(whole / 60)}m${two(whole % 60)}s`;
  const minutes = Math.round(whole / 60);
  return `${Math.floor(minutes / 60)}h${two(minutes % 60)}m`;
}

/**
 * A progress bar with an ETA, drawn only when stderr is a TTY and CI is unset; silent otherwise.
 */
export class Progress {
  private readonly start = performance.now();
  private readonly enabled: boolean;
  private lastDraw = 0;

  /** `initial`: replications already done when the run starts (reused from a store); the ETA counts only new work. */
  constructor(private readonly label: string, private readonly total: number, stream: NodeJS.WriteStream = process.stderr, private readonly initial = 0) {
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
    const fresh = done - this.initial;
    const eta = fresh > 0 ? (elapsed / fresh) * (this.total - done) : done >= this.total ? 0 : Infinity;
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} elapsed ${formatDuration(elapsed)} ETA ${formatDuration(eta)}   `);
  }

  finish(): void {
    if (this.enabled) this.stream.write('\n');
  }
}
