export const RETRY_BASE_MS = 2_000;
const CAP_MS = 10 * 60_000;

/**
 * How long to wait before the next try after `attempt` failures: doubling from two seconds up
 * to ten minutes, with "equal jitter" (half fixed, half random) so that replicas retrying the
 * same outage do not come back in step.
 */
export function retryDelayMs(
  attempt: number,
  baseMs = RETRY_BASE_MS,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(CAP_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
