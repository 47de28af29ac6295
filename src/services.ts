import { systemClock } from './clock';
import type { Clock, UnitOfWork } from './core/ports';
import { makeAdminSettings } from './core/use-cases/admin-settings';
import { makeDeliveryReport } from './core/use-cases/delivery-report';
import { makeRespondToCheckin } from './core/use-cases/checkin';
import { makeGiveKudos } from './core/use-cases/give-kudos';
import { makeKudosDigest } from './core/use-cases/kudos-digest';
import { makeKudosPrompt } from './core/use-cases/kudos-prompt';
import { makeHome } from './core/use-cases/home';
import { makeFollowups } from './core/use-cases/followups';
import { makeIntroductions } from './core/use-cases/introductions';
import { makeMentorship } from './core/use-cases/mentorship';
import { makeNetworkSummary } from './core/use-cases/network-summary';
import { makeNudgePreferences, makeSuggestionPreference } from './core/use-cases/nudge-preferences';
import { makeRecordMeeting } from './core/use-cases/record-meeting';
import { makeRoundAdmin } from './core/use-cases/round-admin';
import { makeRoundMembership } from './core/use-cases/round-membership';
import { makeRunRound } from './core/use-cases/run-round';
import { makeSendReminders } from './core/use-cases/send-reminders';
import { makeSetDepartment } from './core/use-cases/set-department';
import { makeSetParticipation } from './core/use-cases/set-participation';
import { makeUpdateKudosSettings } from './core/use-cases/update-kudos-settings';
import { makeWeeklyNetwork } from './core/use-cases/weekly-network';
import { makeWelcomes } from './core/use-cases/welcomes';
import type { Config } from './config';
import type { Logger } from './logger';
import { openDatabase, type DatabaseHandle } from './persistence/database';
import { migrateToLatest } from './persistence/migrate';
import { unitOfWork } from './persistence/repositories';

/** The use cases, wired to one database. Every entry point (server, demo, jobs) builds them here. */
export function createUseCases(transaction: UnitOfWork, clock: Clock = systemClock) {
  const introductions = makeIntroductions({ transaction, clock });
  return {
    giveKudos: makeGiveKudos({ transaction, clock }),
    networkSummary: makeNetworkSummary({ transaction, clock }),
    home: makeHome({ transaction, clock, introductions }),
    setDepartment: makeSetDepartment({ transaction }),
    setParticipation: makeSetParticipation({ transaction }),
    adminSettings: makeAdminSettings({ transaction }),
    updateKudosSettings: makeUpdateKudosSettings({ transaction }),
    kudosPrompt: makeKudosPrompt({ transaction }),
    kudosDigest: makeKudosDigest({ transaction }),
    deliveryReport: makeDeliveryReport({ transaction, clock }),
    runRound: makeRunRound({ transaction, clock }),
    respondToCheckin: makeRespondToCheckin({ transaction, clock }),
    rounds: makeRoundMembership({ transaction, clock }),
    roundAdmin: makeRoundAdmin({ transaction }),
    recordMeeting: makeRecordMeeting({ transaction, clock }),
    mentorship: makeMentorship({ transaction, clock }),
    setNudges: makeNudgePreferences({ transaction }),
    setSuggestions: makeSuggestionPreference({ transaction }),
    followups: makeFollowups({ transaction, clock }),
    sendReminders: makeSendReminders({ transaction, clock }),
    weeklyNetwork: makeWeeklyNetwork({ transaction, clock }),
    introductions,
    welcomes: makeWelcomes({ transaction, clock }),
    workspaceSettings: (workspaceId: string) =>
      transaction((repos) => repos.settings.get(workspaceId)),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;

/** Opens the configured database (embedded unless DATABASE_URL is set) and brings it up to date. */
export async function openMigratedDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'RAPPORT_DATA_DIR'>,
  logger?: Logger,
): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.RAPPORT_DATA_DIR,
    logger,
  });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

export function useCasesFor(handle: DatabaseHandle, clock: Clock = systemClock): UseCases {
  return createUseCases(unitOfWork(handle.db, clock), clock);
}
