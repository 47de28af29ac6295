import type { Kysely } from 'kysely';
import type { Repositories, UnitOfWork } from '../../core/ports';
import type { Database } from '../schema';
import { interactionRepository } from './interactions';
import { kudosRepository } from './kudos';
import { memberRepository } from './members';
import { settingsRepository } from './settings';

export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    members: memberRepository(db),
    settings: settingsRepository(db),
    kudos: kudosRepository(db),
    interactions: interactionRepository(db),
  };
}

/** One use case, one transaction: repositories handed to `work` all use the transaction. */
export function unitOfWork(db: Kysely<Database>): UnitOfWork {
  return (work) => db.transaction().execute((trx) => work(createRepositories(trx)));
}
