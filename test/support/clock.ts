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
