import type { Kysely } from 'kysely';
import type { OutboundComposer } from '../core/conversation';
import { narrowGroup, noticeOfFailure, recipientsOf } from '../core/domain/outbound';
import type { Clock } from '../core/ports';
import type { Logger } from '../logger';
import type { Database } from '../persistence/schema';
import { RETRY_BASE_MS, retryDelayMs } from './backoff';
import { freshen } from './freshness';
import * as store from './store';
import type { ClaimedDelivery, PlatformSender, Senders } from './types';

export interface WorkerOptions {
  db: Kysely<Database>;
  clock: Clock;
  senders: Senders;
  /** Puts a queued message into words, as it reads at send time. */
  compose: OutboundComposer;
  logger: Logger;
  /** Names this process in claims, for leases and logs. */
  workerId: string;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  /** Platform calls before a delivery is given up (dead). */
  maxAttempts: number;
  /** The first retry's wait; later ones double. */
  retryBaseMs?: number;
  /**
   * Sends that fail and might succeed later (the platform down, timing out) give a delivery up
   * only once its first failure is this old too, so an outage longer than the attempts' backoff
   * is waited out. 0: at the last attempt.
   */
  giveUpAfterMs?: number;
}

/** What names a delivery on a log line: its id, and the request that queued it. */
const about = (d: ClaimedDelivery) => ({
  delivery: d.id,
  ...(d.requestId && { requestId: d.requestId }),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Sends what the queue holds: claims due deliveries, checks the recipients again, waits for
 * its turn in the shared pacing, sends once, and records the outcome. Any number of workers,
 * in any number of processes, can run against one database.
 */
export function deliveryWorker(options: WorkerOptions) {
  const { db, clock, logger, workerId } = options;
  let running = false;
  /** Shutting down: a delivery not yet on the wire goes back to the queue instead. */
  let stopping = false;
  let wakeUp: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  const inFlight = new Set<Promise<void>>();
  /** Deliveries waiting for their turn in the pacing; stop() ends the wait. */
  const waiting = new Set<() => void>();

  const waitFor = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, stopping ? 0 : Math.max(0, ms));
      waiting.add(done);
    });

  /** Gives a delivery back at once, lease cleared, for another replica to take now. */
  const handBack = (d: ClaimedDelivery) => {
    logger.info(about(d), 'delivery handed back at shutdown');
    return store.release(db, d.id, workerId, clock.now());
  };

  async function handle(d: ClaimedDelivery): Promise<void> {
    const now = () => clock.now();
    const sender: PlatformSender | undefined = options.senders[d.platform];
    if (!sender)
      return store.finish(db, d.id, workerId, now(), 'dead', `no sender for ${d.platform}`);
    if (await store.workspaceStopped(db, d.workspaceId))
      return store.finish(
        db,
        d.id,
        workerId,
        now(),
        'skipped',
        'the workspace uninstalled Rapport',
      );
    const problems = await store.recipientProblems(db, d.workspaceId, d.memberIds, now());
    if (problems.size > 0) {
      const note = [...problems.values()].join('; ');
      const narrowed = narrowGroup(d.target, d.message, new Set(problems.keys()));
      if (!narrowed) return store.finish(db, d.id, workerId, now(), 'skipped', note);
      // The rest of a group still meet. (An uncertain earlier send went to the larger group's
      // conversation, which the check below no longer looks in: a rare second message.)
      await store.narrow(db, d.id, workerId, { ...narrowed, note: `without ${note}` });
      Object.assign(d, narrowed, {
        memberIds: recipientsOf(narrowed.target),
        conversationId: null,
      });
    }

    const fresh = await freshen(
      db,
      d.workspaceId,
      d.target.type === 'member' ? d.target.userId : undefined,
      d.message,
    );
    if (fresh && 'skip' in fresh)
      return store.finish(db, d.id, workerId, now(), 'skipped', fresh.skip);
    if (fresh) d.message = fresh.message;

    const paused = await store.pausedUntil(db, d.workspaceId, now());
    const at = await store.reserve(db, d.workspaceId, sender.pacing(d), paused ?? now());
    // Far off (a long rate-limit pause, a backlog): give the delivery back instead of
    // holding it past the lease.
    if (at.getTime() - now().getTime() > options.leaseMs / 2)
      return store.release(db, d.id, workerId, at);
    await waitFor(at.getTime() - now().getTime());
    if (stopping) return handBack(d);
    const stillPaused = await store.pausedUntil(db, d.workspaceId, now());
    if (stillPaused) return store.release(db, d.id, workerId, stillPaused);

    if (d.uncertain) {
      const check = await sender.verify(d);
      if (check.status === 'found')
        return store.markSent(db, d.id, workerId, now(), check.ref, d.conversationId);
      // Still unknown whether it arrived: it stays uncertain for the next try.
      if (check.status === 'rate_limited') return rateLimited(d, check.retryAfterMs, true);
      if (check.status === 'unknown')
        return store.release(db, d.id, workerId, later(d), { error: `verify: ${check.error}` });
      d.conversationId = check.conversationId ?? d.conversationId;
    }

    const card = await options.compose(d.workspaceId, d.target, d.message);
    if (stopping) return handBack(d);
    if (!(await store.markInFlight(db, d.id, workerId, now(), options.leaseMs))) return;
    const outcome = await sender.send({ ...d, card });
    if (outcome.status === 'sent') {
      logger.debug({ ...about(d), platform: d.platform }, 'delivery sent');
      return store.markSent(db, d.id, workerId, now(), outcome.ref, outcome.conversationId);
    }
    if (outcome.status === 'rate_limited') return rateLimited(d, outcome.retryAfterMs, false);
    const attempts = d.attempts + 1;
    const failingSince = d.failingSince ?? now();
    const failedLongEnough =
      now().getTime() - failingSince.getTime() >= (options.giveUpAfterMs ?? 0);
    if (outcome.unreachable)
      await store.markUnreachable(db, d.workspaceId, outcome.unreachable, now());
    if (outcome.permanent || (attempts >= options.maxAttempts && failedLongEnough)) {
      logger.warn({ ...about(d), error: outcome.error, attempts }, 'delivery given up');
      const notice = noticeOfFailure(d.dedupeKey, d.target, d.message);
      // Given up and the giver told, together: a crash between the two would drop the notice.
      await db.transaction().execute(async (trx) => {
        await store.finish(trx, d.id, workerId, now(), 'dead', outcome.error);
        if (notice)
          await store.enqueueNotice(
            trx,
            d.workspaceId,
            notice.dedupeKey,
            notice.userId,
            notice.message,
            now(),
          );
      });
      return;
    }
    logger.info({ ...about(d), error: outcome.error, attempts }, 'delivery will be retried');
    return store.release(db, d.id, workerId, later({ ...d, attempts }), {
      uncertain: outcome.maybeDelivered,
      error: outcome.error,
      conversationId: outcome.conversationId ?? null,
      failingSince,
    });
  }

  function later(d: Pick<ClaimedDelivery, 'attempts'>): Date {
    const base = options.retryBaseMs ?? RETRY_BASE_MS;
    return new Date(clock.now().getTime() + retryDelayMs(Math.max(1, d.attempts), base));
  }

  /** A 429 says the request was not carried out: no attempt is spent, the whole workspace waits. */
  async function rateLimited(d: ClaimedDelivery, retryAfterMs: number, uncertain: boolean) {
    const until = new Date(clock.now().getTime() + retryAfterMs);
    await store.pauseWorkspace(db, d.workspaceId, until);
    await store.release(db, d.id, workerId, until, { uncertain });
    logger.info(
      { ...about(d), workspaceId: d.workspaceId, retryAfterMs },
      'rate limited: workspace paused',
    );
  }

  function track(d: ClaimedDelivery) {
    const work = handle(d).catch((error: unknown) => {
      logger.error({ err: error, ...about(d) }, 'delivery failed unexpectedly');
      return store
        .release(db, d.id, workerId, later(d), { error: String(error) })
        .catch(() => undefined);
    });
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      wakeUp?.();
    });
  }

  /** Claims and starts what fits in the free slots; returns how many it started. */
  async function fill(): Promise<number> {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return 0;
    const claimed = await store.claimDue(
      db,
      workerId,
      clock.now(),
      options.leaseMs,
      free,
      Object.keys(options.senders),
    );
    claimed.forEach(track);
    return claimed.length;
  }

  async function run(): Promise<void> {
    while (running) {
      let started = 0;
      try {
        started = await fill();
      } catch (error) {
        logger.error({ err: error }, 'could not claim deliveries');
      }
      if (started > 0 && inFlight.size < options.concurrency) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopping = false;
      loop = run();
    },
    /** Something was queued: look now rather than at the next poll. */
    wake() {
      wakeUp?.();
    },
    /**
     * Stops claiming, waits for the sends already on the wire to finish, and hands back the
     * deliveries still waiting for their turn (a shutdown must not wait out the pacing).
     */
    async stop(): Promise<void> {
      running = false;
      stopping = true;
      wakeUp?.();
      for (const wake of [...waiting]) wake();
      await loop;
      // What the last look at the queue claimed meanwhile ends its wait at once.
      for (const wake of [...waiting]) wake();
      await Promise.allSettled([...inFlight]);
    },
    /** Sends until nothing is due (or `timeoutMs` passes); for the job command. */
    async drain(timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const started = await fill();
        if (started === 0 && inFlight.size === 0) return;
        await Promise.race([...inFlight, sleep(options.pollMs)]);
      }
    },
  };
}

export type DeliveryWorker = ReturnType<typeof deliveryWorker>;
