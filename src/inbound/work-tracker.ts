/**
 * Keeps count of work still running after its request was acknowledged, so that shutdown can
 * let it finish (up to a limit) before the database closes under it.
 */
export function workTracker() {
  const running = new Set<Promise<unknown>>();
  const controller = new AbortController();
  return {
    /** Aborted at shutdown: long loops (directory syncs) stop at their next step. */
    signal: controller.signal,
    track<T>(work: Promise<T>): Promise<T> {
      running.add(work);
      void work.then(
        () => running.delete(work),
        () => running.delete(work),
      );
      return work;
    },
    /** Resolves when everything started so far has finished. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async drain(timeoutMs: number): Promise<void> {
      controller.abort();
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...running]), limit]);
      clearTimeout(timer);
    },
  };
}

export type WorkTracker = ReturnType<typeof workTracker>;
