import type { UnitOfWork } from '../ports';
import { UNKNOWN_MEMBER_MESSAGE } from './network-summary';

export type SetParticipationResult = { ok: true; message: string } | { ok: false; message: string };

const OUT =
  "You've opted out of Rapport: no kudos to or from you, no introductions and no reminders. " +
  'What you already gave and received stays. Opt back in any time with /rapport optin.';
const IN = "Welcome back! You're in Rapport again. Type /rapport help to see what you can do.";

/** A member opts out of everything Rapport does, or back in. Saying it twice changes nothing. */
export function makeSetParticipation({ transaction }: { transaction: UnitOfWork }) {
  return function setParticipation(
    workspaceId: string,
    userId: string,
    optedOut: boolean,
  ): Promise<SetParticipationResult> {
    return transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
      await repos.members.setOptedOut(workspaceId, userId, optedOut);
      return { ok: true, message: optedOut ? OUT : IN };
    });
  };
}

export type SetParticipation = ReturnType<typeof makeSetParticipation>;
