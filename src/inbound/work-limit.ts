/**
 * Work that runs after a request is acknowledged, bounded: at most `concurrency` at a time
 * and `backlog` waiting. Past that, `admit` says no and the platform answers "busy" at once,
 * so a burst can neither pile up in memory nor leave accepted requests without an answer.
 */
export function workLimit(options: { concurrency: number; backlog: number }) {
  let running = 0;
  const waiting: Array<() => Promise<void>> = [];
  const done = new Set<() => void>();

  function next() {
    while (running < options.concurrency && waiting.length > 0) {
      const work = waiting.shift()!;
      running += 1;
      void work()
        .catch(() => undefined)
        .finally(() => {
          running -= 1;
          next();
          if (running === 0 && waiting.length === 0) for (const resolve of done) resolve();
        });
    }
  }

  return {
    /** Takes the work if there is room (it starts now or soon); false when full. */
    admit(work: () => Promise<void>): boolean {
      if (running + waiting.length >= options.concurrency + options.backlog) return false;
      waiting.push(work);
      queueMicrotask(next);
      return true;
    },
    /** Takes the work whatever the load: for events, which cannot be answered "busy". */
    always(work: () => Promise<void>): void {
      waiting.push(work);
      queueMicrotask(next);
    },
    get load() {
      return { running, waiting: waiting.length };
    },
    /** Resolves when nothing runs or waits. */
    idle(): Promise<void> {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const settle = () => {
          done.delete(settle);
          resolve();
        };
        done.add(settle);
      });
    },
  };
}

export type WorkLimit = ReturnType<typeof workLimit>;
