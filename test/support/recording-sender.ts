import type { Kysely } from 'kysely';
import type { DeliveryTarget, OutboundMessage } from '../../src/core/domain/outbound';
import type { Clock } from '../../src/core/ports';
import type { PlatformSender } from '../../src/delivery/types';
import { deliveryWorker } from '../../src/delivery/worker';
import { createLogger } from '../../src/logger';
import type { Database } from '../../src/persistence/schema';
import { composerFor } from './composer';

export interface Sent {
  dedupeKey: string;
  target: DeliveryTarget;
  message: OutboundMessage;
}

/**
 * A platform that accepts every message at once and remembers it: for use-case tests that
 * need the real queue and worker (re-checks, narrowing, records) but not a platform's API.
 */
export function recordingPlatform(db: Kysely<Database>, clock: Clock) {
  const sent: Sent[] = [];
  const sender: PlatformSender = {
    pacing: () => [],
    send: (d) => {
      sent.push({ dedupeKey: d.dedupeKey, target: d.target, message: d.message });
      return Promise.resolve({ status: 'sent', ref: String(sent.length), conversationId: null });
    },
    verify: () => Promise.resolve({ status: 'not_found', conversationId: null }),
  };
  const worker = deliveryWorker({
    db,
    clock,
    compose: composerFor(db, clock),
    senders: { slack: sender },
    logger: createLogger('silent'),
    workerId: 'recording',
    concurrency: 1,
    pollMs: 5,
    leaseMs: 10_000,
    maxAttempts: 1,
  });
  return {
    sent,
    /** Sends everything due by the clock's now. */
    drain: () => worker.drain(10_000),
  };
}
