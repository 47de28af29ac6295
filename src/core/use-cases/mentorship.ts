import { counterpartMessage, counterpartProblem } from '../domain/counterpart';
import type { Clock, UnitOfWork } from '../ports';
import { UNKNOWN_MEMBER_MESSAGE } from './network-summary';

/** "/rapport mentor @x off" (or end, stop, remove) ends a mentorship instead. */
export const endsMentorship = (text: string) => /\b(?:off|end|stop|remove)\b/i.test(text);

export interface MentorshipRequest {
  workspaceId: string;
  userId: string;
  otherId: string;
  /** 'mentor': the other person mentors this member; 'mentee': this member mentors them. */
  role: 'mentor' | 'mentee';
  /** Ends the mentorship instead. */
  end: boolean;
}

/**
 * "/rapport mentor @x" (x mentors me) and "/rapport mentee @x" (I mentor x): declared
 * mentorships make the relationship mentor/mentee, whatever the directory says.
 */
export function makeMentorship({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return function mentorship(
    request: MentorshipRequest,
  ): Promise<{ ok: boolean; message: string }> {
    return transaction(async (repos) => {
      const me = await repos.members.find(request.workspaceId, request.userId);
      if (!me || me.isDeactivated) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
      const other = await repos.members.find(request.workspaceId, request.otherId);
      const action = request.role === 'mentor' ? 'name as your mentor' : 'name as your mentee';
      if (request.end) {
        const removed = await repos.mentorships.remove(
          request.workspaceId,
          me.userId,
          request.otherId,
        );
        const name = other?.name ?? request.otherId;
        return removed
          ? {
              ok: true,
              message: `Done: ${name} and you are no longer recorded as mentor and mentee.`,
            }
          : { ok: false, message: `${name} and you are not recorded as mentor and mentee.` };
      }
      const problem = counterpartProblem(me, other);
      if (problem)
        return {
          ok: false,
          message: counterpartMessage(problem, other?.name ?? request.otherId, action),
        };
      const [mentorId, menteeId] =
        request.role === 'mentor' ? [other!.userId, me.userId] : [me.userId, other!.userId];
      const added = await repos.mentorships.declare(request.workspaceId, {
        mentorId,
        menteeId,
        declaredBy: me.userId,
        at: clock.now(),
      });
      const said =
        request.role === 'mentor'
          ? `${other!.name} is your mentor`
          : `you are ${other!.name}'s mentor`;
      return {
        ok: true,
        message: added
          ? `Noted: ${said}. Your network shows it as a mentor/mentee relationship.`
          : `Already noted: ${said}.`,
      };
    });
  };
}

export type Mentorship = ReturnType<typeof makeMentorship>;
