import type { Kysely } from 'kysely';
import { systemClock } from '../../clock';
import type { Clock, Repositories, UnitOfWork } from '../../core/ports';
import type { Database } from '../schema';
import { deliveryLog, deliveryQueue } from './deliveries';
import { insightsRepository } from './insights';
import { interactionRepository } from './interactions';
import { kudosRepository } from './kudos';
import { memberRepository } from './members';
import { memberDataRepository } from './member-data';
import { mentorshipRepository } from './mentorships';
import { introductionRepository } from './introductions';
import { reminderRepository } from './reminders';
import { memberSuggestionRepository } from './member-suggestions';
import { suggestionSnoozeRepository } from './suggestion-snoozes';
import { welcomeRepository } from './welcomes';
import { roundChannelRepository } from './round-channels';
import { roundRecordRepository } from './round-records';
import { settingsRepository } from './settings';
import { workspaceRepository } from './workspaces';

export function createRepositories(db: Kysely<Database>, clock: Clock = systemClock): Repositories {
  return {
    workspaces: workspaceRepository(db),
    members: memberRepository(db),
    settings: settingsRepository(db),
    kudos: kudosRepository(db),
    interactions: interactionRepository(db),
    deliveries: deliveryQueue(db, clock),
    deliveryLog: deliveryLog(db),
    rounds: { ...roundChannelRepository(db), ...roundRecordRepository(db) },
    mentorships: mentorshipRepository(db),
    reminders: reminderRepository(db),
    introductions: introductionRepository(db),
    suggestionSnoozes: suggestionSnoozeRepository(db),
    memberSuggestions: memberSuggestionRepository(db),
    welcomes: welcomeRepository(db),
    memberData: memberDataRepository(db),
    insights: insightsRepository(db),
  };
}

/** One use case, one transaction: repositories handed to `work` all use the transaction. */
export function unitOfWork(db: Kysely<Database>, clock: Clock = systemClock): UnitOfWork {
  return (work) => db.transaction().execute((trx) => work(createRepositories(trx, clock)));
}
