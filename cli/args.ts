/**
 * Command-line flags: `--name value` or `--name=value`, typed getters that name the flag, the value and what
 * is allowed. A usage error exits with code 2 and one line.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class Flags {
  private readonly values = new Map<string, string>();
  private readonly used = new Set<string>();
  readonly positional: string[] = [];

  constructor(argv: readonly string[], private readonly booleans: readonly string[] = []) {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg.startsWith('--')) {
        const eq = arg.indexOf('=');
        const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
        if (name === '') throw new UsageError(`flag "--" has no name`);
        // a name with whitespace or control characters (e.g. a newline) would make a multi-line error (issue 7)
        if (/[\s\p{Cc}]/u.test(name)) throw new UsageError(`flag ${JSON.stringify(`--${name}`)} has an invalid name (no spaces or control characters)`);
        if (eq > 0) this.values.set(name, arg.slice(eq + 1));
        else if (booleans.includes(name)) this.values.set(name, 'true');
        else {
          const next = argv[i + 1];
          if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
          this.values.set(name, next);
          i++;
        }
      } else this.positional.push(arg);
    }
  }

  has(name: string): boolean {
    this.used.add(name);
    return this.values.has(name);
  }

  string(name: string, fallback?: string): string {
    this.used.add(name);
    const v = this.values.get(name) ?? fallback;
    if (v === undefined) throw new UsageError(`--${name} is required`);
    return v;
  }

  optionalString(name: string): string | undefined {
    this.used.add(name);
    return this.values.get(name);
  }

  choice<T extends string>(name: string, options: readonly T[], fallback?: T): T {
    const v = this.string(name, fallback);
    if (!(options as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${options.join(', ')}; received ${JSON.stringify(v)}`);
    return v as T;
  }

  number(name: string, fallback: number | undefined, min: number, max: number, integer = false): number {
    this.used.add(name);
    const raw = this.values.get(name);
    if (raw === undefined) {
      if (fallback === undefined) throw new UsageError(`--${name} is required`);
      return fallback;
    }
    const v = raw.trim() === '' ? NaN : Number(raw);
    const kind = integer ? 'an integer' : 'a number';
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
      throw new UsageError(`--${name} must be ${kind} in [${min}, ${max}]; received ${JSON.stringify(raw)}`);
    }
    return v;
  }

  integer(name: string, fallback: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number {
    return this.number(name, fallback, min, max, true);
  }

  flag(name: string): boolean {
    this.used.add(name);
    const v = this.values.get(name);
    if (v === undefined) return false;
    if (v === 'true' || v === '') return true;
    if (v === 'false') return false;
    throw new UsageError(`--${name} must be true or false; received ${JSON.stringify(v)}`);
  }

  /** Refuses flags that no getter asked for (typos). Call after reading every flag. */
  rejectUnknown(): void {
    for (const name of this.values.keys()) if (!this.used.has(name)) throw new UsageError(`unknown flag --${name}`);
  }
}
