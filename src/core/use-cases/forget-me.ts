import { confirmationValid, deliveryWithout } from '../domain/forget';
import type { Member } from '../domain/member';
import type { Clock, ForgetCounts, UnitOfWork } from '../ports';

export type ForgetResult =
  | { ok: true; counts: ForgetCounts }
  | { ok: false; code: 'not_yours' | 'expired' | 'unknown_member' };

export interface ForgetRequest {
  workspaceId: string;
  /** Who pressed the button: the only person whose data a press can delete. */
  userId: string;
  /** Whom the confirmation was shown to, and when (from the button). */
  askedBy: string | undefined;
  issuedAt: string | undefined;
  /** What their name becomes in kudos others keep that mention them (words: the caller's). */
  mentionedAs: string;
}

/**
 * "Forget me": asked, confirmed within minutes by the same person, then everything Rapport
 * keeps about them deleted in one transaction; messages not sent yet that name them are sent
 * without them, or not at all. A forgotten person may start again as someone new.
 */
export function makeForgetMe({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return {
    /** `/rapport forget-me`: the moment the confirmation is shown, for its button. */
    ask(
      workspaceId: string,
      userId: string,
    ): Promise<{ ok: true; issuedAt: Date } | { ok: false; code: 'unknown_member' }> {
      return transaction(async (repos) =>
        (await repos.members.find(workspaceId, userId))
          ? { ok: true as const, issuedAt: clock.now() }
          : { ok: false as const, code: 'unknown_member' as const },
      );
    },

    confirm(request: ForgetRequest): Promise<ForgetResult> {
      const { workspaceId, userId } = request;
      if (request.askedBy !== userId) return Promise.resolve({ ok: false, code: 'not_yours' });
      if (!confirmationValid(request.issuedAt, clock.now()))
        return Promise.resolve({ ok: false, code: 'expired' });
      return transaction(async (repos): Promise<ForgetResult> => {
        const member = await repos.members.lockForUpdate(workspaceId, userId);
        if (!member) return { ok: false, code: 'unknown_member' };
        const forgetting = { userId, name: member.name, mentionedAs: request.mentionedAs };
        for (const waiting of await repos.memberData.waitingDeliveriesNaming(workspaceId, userId)) {
          const kept = deliveryWithout(waiting, forgetting);
          if (kept)
            await repos.memberData.rewriteDelivery(workspaceId, { id: waiting.id, ...kept });
        }
        return {
          ok: true,
          counts: await repos.memberData.erase(workspaceId, forgetting, clock.now()),
        };
      });
    },

    /** The member as the directory has them, and whether they asked to be forgotten. */
    standing(
      workspaceId: string,
      userId: string,
    ): Promise<{ member: Member | null; forgotten: boolean }> {
      return transaction(async (repos) => {
        const member = await repos.members.find(workspaceId, userId);
        return {
          member,
          forgotten: member ? false : await repos.memberData.isForgotten(workspaceId, userId),
        };
      });
    },

    /** A forgotten person starts again: the directory may add them as someone new. */
    rejoin(workspaceId: string, userId: string): Promise<boolean> {
      return transaction((repos) => repos.memberData.unforget(workspaceId, userId));
    },
  };
}

export type ForgetMe = ReturnType<typeof makeForgetMe>;
