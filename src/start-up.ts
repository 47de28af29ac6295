import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from './logger';
import { READY } from './readiness';

export interface StartUpWork {
  /** Names the work in log lines: "Slack start-up". */
  what: string;
  /** What /readyz says before the first try has finished: "connecting to Slack". */
  pending: string;
  run(): Promise<void>;
  /** What went wrong, in a few words: "cannot reach Slack (auth.test: ECONNREFUSED)". */
  describe(error: unknown): string;
}

export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** 1 s, 2 s, 4 s … then once a minute: quick when a blip ends, quiet during an outage. */
export const START_UP_BACKOFF: Backoff = { firstMs: 1000, maxMs: 60_000 };

/**
 * Runs start-up work that needs a platform until it succeeds, because a platform that is down
 * must never stop the process (under a restart policy that is a crash loop). Each failure is
 * one warning line; tries stop when `signal` aborts (shutdown). `state` is what /readyz shows.
 */
export function retryStartUp(
  work: StartUpWork,
  logger: Logger,
  signal: AbortSignal,
  backoff: Backoff = START_UP_BACKOFF,
) {
  let state = work.pending;
  const done = (async (): Promise<boolean> => {
    for (let attempt = 1; !signal.aborted; attempt += 1) {
      try {
        await work.run();
        state = READY;
        return true;
      } catch (error) {
        if (signal.aborted) break;
        const failure = work.describe(error);
        const delayMs = Math.min(backoff.maxMs, backoff.firstMs * 2 ** (attempt - 1));
        state = `${failure}; retrying`;
        // No stack: the reason is the platform, and an outage repeats this line for a while.
        logger.warn(
          { attempt, retryInMs: delayMs },
          `${work.what} failed: ${failure}; retrying in ${delayMs / 1000} s`,
        );
        try {
          await sleep(delayMs, undefined, { signal });
        } catch {
          break;
        }
      }
    }
    return false;
  })();
  return { done, state: () => state };
}
