import type { Clock } from '../../src/core/ports';

export interface TestClock extends Clock {
  set(iso: string): void;
}

export function fixedClock(iso: string): TestClock {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
  };
}

/** A clock that starts at `iso` and runs on at the normal pace; `set` jumps it. */
export function movingClock(iso: string): TestClock {
  let base = Date.parse(iso);
  let setAt = Date.now();
  return {
    now: () => new Date(base + (Date.now() - setAt)),
    set: (next) => {
      base = Date.parse(next);
      setAt = Date.now();
    },
  };
}
