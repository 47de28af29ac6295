import type { Clock, UnitOfWork } from '../ports';
import { makeAdminSettings } from './admin-settings';
import { makeAdmins } from './admins';
import { makeRespondToCheckin } from './checkin';
import { makeDeliveryReport } from './delivery-report';
import { makeExportMyData } from './export-my-data';
import { makeForgetMe } from './forget-me';
import { makeFollowups } from './followups';
import { makeGiveKudos } from './give-kudos';
import { makeHome } from './home';
import { makeInsights } from './insights';
import { makeIntroductions } from './introductions';
import { makeKudosDigest } from './kudos-digest';
import { makeKudosPrompt } from './kudos-prompt';
import { makeMentorship, makeUndoMentorship } from './mentorship';
import { makeMySettings } from './my-settings';
import { makeNetworkSummary } from './network-summary';
import { makeNudgePreferences, makeSuggestionPreference } from './nudge-preferences';
import { makeRecordMeeting } from './record-meeting';
import { makeRoundAdmin } from './round-admin';
import { makeRoundMembership } from './round-membership';
import { makeRunRound } from './run-round';
import { makeSendReminders } from './send-reminders';
import { makeSetDepartment } from './set-department';
import { makeSetParticipation } from './set-participation';
import { makeUpdateKudosSettings } from './update-kudos-settings';
import { makeSuggestionLists } from './member-suggestions';
import { makeWeeklyNetwork } from './weekly-network';
import { makeWelcomes } from './welcomes';

/** Who and where a member's examples name: two active colleagues and a round channel. */
function makeExamples({ transaction }: { transaction: UnitOfWork }) {
  return (workspaceId: string, userId: string) =>
    transaction(async (repos) => ({
      people: await repos.members.examples(workspaceId, userId, 2),
      roundChannel:
        (await repos.rounds.channels(workspaceId)).find((c) => c.enabled)?.channelId ?? null,
    }));
}

/** Every use case, wired to one unit of work and clock. Every entry point builds them here. */
export function createUseCases(transaction: UnitOfWork, clock: Clock) {
  const introductions = makeIntroductions({ transaction, clock });
  return {
    giveKudos: makeGiveKudos({ transaction, clock }),
    networkSummary: makeNetworkSummary({ transaction, clock }),
    home: makeHome({ transaction, clock }),
    setDepartment: makeSetDepartment({ transaction }),
    setParticipation: makeSetParticipation({ transaction }),
    adminSettings: makeAdminSettings({ transaction }),
    admins: makeAdmins({ transaction }),
    updateKudosSettings: makeUpdateKudosSettings({ transaction }),
    kudosPrompt: makeKudosPrompt({ transaction }),
    kudosDigest: makeKudosDigest({ transaction }),
    deliveryReport: makeDeliveryReport({ transaction, clock }),
    insights: makeInsights({ transaction, clock }),
    runRound: makeRunRound({ transaction, clock }),
    respondToCheckin: makeRespondToCheckin({ transaction, clock }),
    rounds: makeRoundMembership({ transaction, clock }),
    roundAdmin: makeRoundAdmin({ transaction }),
    recordMeeting: makeRecordMeeting({ transaction, clock }),
    mentorship: makeMentorship({ transaction, clock }),
    undoMentorship: makeUndoMentorship({ transaction }),
    setNudges: makeNudgePreferences({ transaction }),
    setSuggestions: makeSuggestionPreference({ transaction }),
    followups: makeFollowups({ transaction, clock }),
    sendReminders: makeSendReminders({ transaction, clock }),
    weeklyNetwork: makeWeeklyNetwork({ transaction, clock }),
    suggestionLists: makeSuggestionLists({ transaction, clock }),
    introductions,
    welcomes: makeWelcomes({ transaction, clock }),
    mySettings: makeMySettings({ transaction, clock }),
    exportMyData: makeExportMyData({ transaction, clock }),
    forgetMe: makeForgetMe({ transaction, clock }),
    examples: makeExamples({ transaction }),
    /** A member as the directory has them now, or null. */
    member: (workspaceId: string, userId: string) =>
      transaction((repos) => repos.members.find(workspaceId, userId)),
    /** The names of people a message mentions, as the directory has them now. */
    names: (workspaceId: string, userIds: string[]) =>
      transaction(async (repos) =>
        userIds.length === 0
          ? new Map<string, string>()
          : new Map(
              (await repos.members.findMany(workspaceId, [...new Set(userIds)])).map((m) => [
                m.userId,
                m.name,
              ]),
            ),
      ),
    workspaceSettings: (workspaceId: string) =>
      transaction((repos) => repos.settings.get(workspaceId)),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
