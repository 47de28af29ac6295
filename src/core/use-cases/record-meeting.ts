import { counterpartMessage, counterpartProblem } from '../domain/counterpart';
import { classifyRelationship } from '../domain/relationship-kind';
import type { Clock, UnitOfWork } from '../ports';
import { UNKNOWN_MEMBER_MESSAGE } from './network-summary';

const EXAMPLE = '/rapport met @priya';
const MAX_PEOPLE = 10;

export interface RecordMeetingRequest {
  workspaceId: string;
  userId: string;
  otherIds: string[];
  /** The platform's request id: a replay records nothing new. */
  sourceKey: string;
}

export type RecordMeetingResult = { ok: true; names: string[] } | { ok: false; message: string };

/** "/rapport met @x": the member says they met someone, which counts toward the relationship. */
export function makeRecordMeeting({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  return function recordMeeting(request: RecordMeetingRequest): Promise<RecordMeetingResult> {
    const ids = [...new Set(request.otherIds)];
    if (ids.length === 0)
      return Promise.resolve({
        ok: false,
        message: `Who did you meet? Mention them with @. For example: ${EXAMPLE}`,
      });
    if (ids.length > MAX_PEOPLE)
      return Promise.resolve({ ok: false, message: `At most ${MAX_PEOPLE} people at a time.` });
    return transaction(async (repos) => {
      const me = await repos.members.find(request.workspaceId, request.userId);
      if (!me || me.isDeactivated) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
      if (me.optedOut)
        return {
          ok: false,
          message: "You've opted out of Rapport. Opt back in with /rapport optin first.",
        };
      const others = new Map(
        (await repos.members.findMany(request.workspaceId, ids)).map((m) => [m.userId, m]),
      );
      for (const id of ids) {
        const problem = counterpartProblem(me, others.get(id) ?? null);
        if (problem)
          return {
            ok: false,
            message: counterpartMessage(
              problem,
              others.get(id)?.name ?? id,
              'record a meeting with',
            ),
          };
      }
      const now = clock.now();
      await repos.interactions.insertMany(
        request.workspaceId,
        ids.map((id) => ({
          memberId: me.userId,
          otherMemberId: id,
          kind: classifyRelationship(me, others.get(id)!),
          source: 'manual',
          sourceRef: request.sourceKey,
          occurredAt: now,
        })),
      );
      return { ok: true, names: ids.map((id) => others.get(id)!.name) };
    });
  };
}

export type RecordMeeting = ReturnType<typeof makeRecordMeeting>;
