import type { Clock } from '../../src/core/ports';
import { deliveryWorker, type DeliveryWorker } from '../../src/delivery/worker';
import { createLogger } from '../../src/logger';
import type { SlackTestApp } from './slack-app';
import { until } from './wait';
import { composerFor } from './composer';

/**
 * A delivery worker sending the app's queue to the fake Slack, as a replica would, with short
 * polls and retries so that tests move quickly.
 */
export function slackQueue(app: SlackTestApp, clock: Clock, name: string) {
  let worker: DeliveryWorker | null = null;
  const queue = {
    start() {
      worker = deliveryWorker({
        db: app.db,
        clock,
        compose: composerFor(app.db, clock),
        senders: { slack: app.slack.sender },
        logger: createLogger('silent'),
        workerId: name,
        concurrency: 2,
        pollMs: 20,
        leaseMs: 10_000,
        maxAttempts: 3,
        retryBaseMs: 50,
      });
      worker.start();
    },
    async stop() {
      await worker?.stop();
      worker = null;
    },
    /** Looks at the queue now, then waits until nothing due by the clock is left to send. */
    async settled() {
      worker?.wake();
      await until(async () => {
        const open = await app.db
          .selectFrom('deliveries')
          .select('id')
          .where('status', 'in', ['pending', 'sending'])
          .where('next_attempt_at', '<=', clock.now())
          .executeTakeFirst();
        return !open;
      });
    },
  };
  return queue;
}
