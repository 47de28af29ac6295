import type { UnitOfWork } from '../ports';

export type SetParticipationResult =
  { ok: true; optedOut: boolean; changed: boolean } | { ok: false; code: 'unknown_member' };

/** A member opts out of everything Rapport does, or back in. Saying it twice changes nothing. */
export function makeSetParticipation({ transaction }: { transaction: UnitOfWork }) {
  return function setParticipation(
    workspaceId: string,
    userId: string,
    optedOut: boolean,
  ): Promise<SetParticipationResult> {
    return transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated) return { ok: false, code: 'unknown_member' };
      const changed = member.optedOut !== optedOut;
      if (changed) await repos.members.setOptedOut(workspaceId, userId, optedOut);
      return { ok: true, optedOut, changed };
    });
  };
}

export type SetParticipation = ReturnType<typeof makeSetParticipation>;
