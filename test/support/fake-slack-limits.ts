/** One of Slack's published limits, enforced by the fake as Slack does: a 429 with Retry-After. */
export interface Limit {
  method: string;
  /** Calls per workspace per window. */
  calls: number;
  windowMs: number;
  /** Count per channel instead of per workspace (chat.postMessage: about one a second). */
  perChannel?: boolean;
}

/** Sliding-window counters per workspace (and channel), answering how long a caller must wait. */
export class RateLimiter {
  private readonly seen = new Map<string, number[]>();
  readonly limits: Limit[] = [];
  /** Every 429 the limiter answered. */
  rejected = 0;

  /** Milliseconds until the call may be made; 0 lets it through (and counts it). */
  check(team: string, method: string, channel: string | undefined, now: number): number {
    const applicable = this.limits.filter((l) => l.method === method);
    let wait = 0;
    const keys = applicable.map((l) => {
      const key = `${team}|${method}|${l.perChannel ? (channel ?? '') : ''}|${l.windowMs}`;
      const times = (this.seen.get(key) ?? []).filter((t) => t > now - l.windowMs);
      this.seen.set(key, times);
      if (times.length >= l.calls) wait = Math.max(wait, times[0]! + l.windowMs - now);
      return key;
    });
    if (wait > 0) {
      this.rejected += 1;
      return wait;
    }
    for (const key of keys) this.seen.get(key)!.push(now);
    return 0;
  }
}
