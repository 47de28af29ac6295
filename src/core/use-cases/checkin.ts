import { classifyRelationship } from '../domain/relationship-kind';
import type { Member } from '../domain/member';
import type { CheckinResponse, Clock, Repositories, UnitOfWork } from '../ports';
import { daysLater } from './followups';

/** Bigger groups than this get no automatic follow-ups: seven reminders each would be noise. */
export const FOLLOWUP_GROUP_MAX = 3;

/**
 * Some weeks after a group met, each of them is reminded to check in again with the others
 * (the workspace's setting; 0 turns it off).
 */
async function followUpLater(
  repos: Repositories,
  workspaceId: string,
  groupId: string,
  members: Member[],
  now: Date,
) {
  const { followupAfterMetDays } = await repos.settings.get(workspaceId);
  if (followupAfterMetDays === 0 || members.length > FOLLOWUP_GROUP_MAX) return;
  await repos.reminders.createMany(
    workspaceId,
    members.flatMap((me) =>
      members
        .filter((other) => other.userId !== me.userId)
        .map((other) => ({
          memberId: me.userId,
          otherId: other.userId,
          about: null,
          dueAt: daysLater(me, now, followupAfterMetDays),
          origin: 'round' as const,
          sourceRef: groupId,
          createdAt: now,
        })),
    ),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CheckinResult =
  | {
      ok: true;
      response: CheckinResponse;
      /** The group's outcome after this answer. */
      outcome: CheckinResponse;
      members: string[];
    }
  | { ok: false; code: 'gone' | 'not_in_group' };

/**
 * A member answers "did you meet?". "Met" records an interaction between every two people in
 * the group (once, however many of them press it); any answer shows they are still there.
 */
export function makeRespondToCheckin({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  return function respondToCheckin(
    workspaceId: string,
    groupId: string,
    userId: string,
    response: CheckinResponse,
  ): Promise<CheckinResult> {
    if (!UUID.test(groupId)) return Promise.resolve({ ok: false, code: 'gone' });
    return transaction(async (repos) => {
      const group = await repos.rounds.lockGroup(workspaceId, groupId);
      if (!group) return { ok: false, code: 'gone' };
      const ids = group.members.map((m) => m.userId);
      if (!ids.includes(userId)) return { ok: false, code: 'not_in_group' };
      const now = clock.now();
      await repos.rounds.respond(workspaceId, groupId, userId, response, now);
      await repos.rounds.setParticipant(workspaceId, group.roundChannelId, userId, {
        quietRounds: 0,
      });
      // Met beats not yet, which beats skip: one "met" settles the group.
      const rank = { met: 3, not_yet: 2, skip: 1 } as const;
      const outcome =
        group.outcome && rank[group.outcome] >= rank[response] ? group.outcome : response;
      if (outcome !== group.outcome) await repos.rounds.setOutcome(groupId, outcome, now);
      if (outcome === 'met' && group.outcome !== 'met') {
        const members = await repos.members.findMany(workspaceId, ids);
        const interactions = [];
        for (let x = 0; x < members.length; x += 1)
          for (let y = x + 1; y < members.length; y += 1)
            interactions.push({
              memberId: members[x]!.userId,
              otherMemberId: members[y]!.userId,
              kind: classifyRelationship(members[x]!, members[y]!),
              source: 'round',
              sourceRef: groupId,
              occurredAt: now,
            });
        await repos.interactions.insertMany(workspaceId, interactions);
        await followUpLater(repos, workspaceId, groupId, members, now);
      }
      return { ok: true, response, outcome, members: ids };
    });
  };
}

export type RespondToCheckin = ReturnType<typeof makeRespondToCheckin>;
