/** One line of the app's log, as pino writes it. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** pino's numeric levels. */
export const LEVELS = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/**
 * A destination for the app's pino logger that keeps every line, so a test can read what was
 * logged and at which level.
 */
export class LogCapture {
  readonly lines: LogLine[] = [];

  write(chunk: string): void {
    for (const line of chunk.split('\n')) if (line.trim()) this.lines.push(JSON.parse(line));
  }

  /** Lines at `level` or above. */
  atLeast(level: keyof typeof LEVELS): LogLine[] {
    return this.lines.filter((l) => l.level >= LEVELS[level]);
  }

  /** Resolves with the first line `match` accepts; fails the test after `timeoutMs`. */
  async waitFor(match: (line: LogLine) => boolean, timeoutMs = 10_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no log line matched ${match.toString()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
