import { DateTime } from 'luxon';
import { counterpartProblem, type CounterpartProblem } from '../domain/counterpart';
import { classifyRelationship } from '../domain/relationship-kind';
import type { UsageProblem } from '../conversation/usage';
import type { Clock, UnitOfWork } from '../ports';

export const MAX_MET = 10;

export interface RecordMeetingRequest {
  workspaceId: string;
  userId: string;
  otherIds: string[];
}

export type RecordMeetingResult =
  | {
      ok: true;
      /** Meetings recorded now, and those already recorded today (they count once). */
      met: Array<{ userId: string; name: string }>;
      already: Array<{ userId: string; name: string }>;
    }
  | { ok: false; code: 'unknown_member' | 'opted_out' }
  | { ok: false; code: 'counterpart'; problem: CounterpartProblem; name: string }
  | { ok: false; usage: UsageProblem };

/**
 * "/rapport met @x": the member says they met someone, which counts toward the relationship.
 * A pair's meeting counts once a day, whoever of the two says so and however often: the
 * day (in the member's calendar) and the pair are the record's key.
 */
export function makeRecordMeeting({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  return function recordMeeting(request: RecordMeetingRequest): Promise<RecordMeetingResult> {
    const ids = [...new Set(request.otherIds)];
    if (ids.length === 0) return Promise.resolve({ ok: false, usage: { code: 'met_who' } });
    if (ids.length > MAX_MET)
      return Promise.resolve({ ok: false, usage: { code: 'met_too_many', max: MAX_MET } });
    return transaction(async (repos): Promise<RecordMeetingResult> => {
      const me = await repos.members.find(request.workspaceId, request.userId);
      if (!me || me.isDeactivated) return { ok: false, code: 'unknown_member' };
      if (me.optedOut) return { ok: false, code: 'opted_out' };
      const others = new Map(
        (await repos.members.findMany(request.workspaceId, ids)).map((m) => [m.userId, m]),
      );
      for (const id of ids) {
        const problem = counterpartProblem(me, others.get(id) ?? null);
        if (problem)
          return { ok: false, code: 'counterpart', problem, name: others.get(id)?.name ?? id };
      }
      const now = clock.now();
      const day = DateTime.fromJSDate(now, { zone: me.timezone }).toISODate();
      const met: Array<{ userId: string; name: string }> = [];
      const already: Array<{ userId: string; name: string }> = [];
      for (const id of ids) {
        const other = others.get(id)!;
        const [a, b] = [me.userId, id].sort();
        const inserted = await repos.interactions.insertMany(request.workspaceId, [
          {
            memberId: a!,
            otherMemberId: b!,
            kind: classifyRelationship(me, other),
            source: 'manual',
            sourceRef: `day:${day}`,
            occurredAt: now,
          },
        ]);
        (inserted > 0 ? met : already).push({ userId: id, name: other.name });
      }
      return { ok: true, met, already };
    });
  };
}

export type RecordMeeting = ReturnType<typeof makeRecordMeeting>;
