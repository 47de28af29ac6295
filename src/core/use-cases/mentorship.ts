import { counterpartProblem, type CounterpartProblem } from '../domain/counterpart';
import type { Member } from '../domain/member';
import { toMember } from '../domain/outbound';
import type { Clock, UnitOfWork } from '../ports';

/** "/rapport mentor @x off" (or end, stop, remove) ends a mentorship instead. */
export const endsMentorship = (text: string) => /\b(?:off|end|stop|remove)\b/i.test(text);

export type MentorRole = 'mentor' | 'mentee';

export interface MentorshipRequest {
  workspaceId: string;
  userId: string;
  otherId: string;
  /** 'mentor': the other person mentors this member; 'mentee': this member mentors them. */
  role: MentorRole;
  /** Ends the mentorship instead. */
  end: boolean;
}

export type MentorshipResult =
  | { ok: true; declared: boolean; role: MentorRole; other: Member }
  | { ok: true; ended: boolean; otherName: string }
  | { ok: false; code: 'unknown_member' }
  | { ok: false; code: 'counterpart'; problem: CounterpartProblem; name: string };

/**
 * "/rapport mentor @x" (x mentors me) and "/rapport mentee @x" (I mentor x): declared
 * mentorships make the relationship mentor/mentee, whatever the directory says. The other
 * person is told, with a button to undo it: it is their network too.
 */
export function makeMentorship({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return function mentorship(request: MentorshipRequest): Promise<MentorshipResult> {
    const { workspaceId } = request;
    return transaction(async (repos): Promise<MentorshipResult> => {
      const me = await repos.members.find(workspaceId, request.userId);
      if (!me || me.isDeactivated) return { ok: false, code: 'unknown_member' };
      const other = await repos.members.find(workspaceId, request.otherId);
      if (request.end) {
        const ended = await repos.mentorships.remove(workspaceId, me.userId, request.otherId);
        return { ok: true, ended, otherName: other?.name ?? request.otherId };
      }
      const problem = counterpartProblem(me, other);
      if (problem)
        return { ok: false, code: 'counterpart', problem, name: other?.name ?? request.otherId };
      const [mentorId, menteeId] =
        request.role === 'mentor' ? [other!.userId, me.userId] : [me.userId, other!.userId];
      const now = clock.now();
      const declared = await repos.mentorships.declare(workspaceId, {
        mentorId,
        menteeId,
        declaredBy: me.userId,
        at: now,
      });
      if (declared)
        await repos.deliveries.enqueue(workspaceId, [
          toMember(
            other!,
            `mentorship:${mentorId}:${menteeId}:${now.getTime()}`,
            {
              kind: 'mentorship_declared',
              declarerId: me.userId,
              declarerIsMentor: mentorId === me.userId,
            },
            now,
          ),
        ]);
      return { ok: true, declared, role: request.role, other: other! };
    });
  };
}

export type Mentorship = ReturnType<typeof makeMentorship>;

/** The other person undoes a mentorship someone declared with them. */
export function makeUndoMentorship({ transaction }: { transaction: UnitOfWork }) {
  return (
    workspaceId: string,
    userId: string,
    declarerId: string,
  ): Promise<{ removed: boolean; declarerName: string }> =>
    transaction(async (repos) => {
      const declarer = await repos.members.find(workspaceId, declarerId);
      const removed = await repos.mentorships.remove(workspaceId, userId, declarerId);
      return { removed, declarerName: declarer?.name ?? 'them' };
    });
}
