import { makeOutboundComposer } from '../../src/core/conversation';
import type { Clock } from '../../src/core/ports';
import { createUseCases } from '../../src/core/use-cases';
import type { Db } from '../../src/persistence/database';
import { unitOfWork } from '../../src/persistence/repositories';

/** What a worker uses to put queued messages into words, on a test's database. */
export const composerFor = (db: Db, clock: Clock) =>
  makeOutboundComposer(createUseCases(unitOfWork(db, clock), clock));
