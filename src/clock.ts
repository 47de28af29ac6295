import { readFileSync, statSync } from 'node:fs';
import type { Clock } from './core/ports';

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that tests move from outside the process: the file holds `{"at": ISO, "setAt": ms}`,
 * and time runs on from `at` at the normal pace since `setAt`. Re-read when the file changes,
 * so that every process of a test sees the same time. Refused in production (see config).
 */
export function fileClock(path: string): Clock {
  let mtime = -1;
  let base = { at: Date.now(), setAt: Date.now() };
  return {
    now() {
      const changed = statSync(path).mtimeMs;
      if (changed !== mtime) {
        const parsed = JSON.parse(readFileSync(path, 'utf8')) as { at: string; setAt: number };
        base = { at: Date.parse(parsed.at), setAt: parsed.setAt };
        mtime = changed;
      }
      return new Date(base.at + (Date.now() - base.setAt));
    },
  };
}

export function clockFor(config: { RAPPORT_CLOCK_FILE?: string | undefined }): Clock {
  return config.RAPPORT_CLOCK_FILE ? fileClock(config.RAPPORT_CLOCK_FILE) : systemClock;
}
