import { DateTime } from 'luxon';
import { counterpartProblem, type CounterpartProblem } from '../domain/counterpart';
import { parseWhen } from '../domain/followup';
import type { MentionToken } from '../domain/mention';
import { workingHoursOf, type Member } from '../domain/member';
import { classifyRelationship } from '../domain/relationship-kind';
import { nextWorkingMoment } from '../domain/schedule';
import type { UsageProblem } from '../conversation/usage';
import type { Clock, Reminder, UnitOfWork } from '../ports';

export const LIST_SHOWN = 20;

export type ReminderAction = 'done' | 'snooze_day' | 'snooze_week' | 'cancel';

export interface FollowupRequest {
  workspaceId: string;
  userId: string;
  /** Whom the follow-up is with: the people the command mentioned. */
  mentions: MentionToken[];
  /** What was typed besides the mention: when, and what about. */
  when: string;
  /** The platform's request id: a replay sets nothing new. */
  sourceKey: string;
}

/** Why a follow-up or an answer to one could not be made. */
export type FollowupFailure =
  | { ok: false; code: 'unknown_member' | 'opted_out' }
  | { ok: false; code: 'counterpart'; problem: CounterpartProblem; name: string }
  | { ok: false; usage: UsageProblem };

export type FollowupSet =
  | { ok: true; other: Member; due: Date; zone: string; about: string | null; defaulted: boolean }
  | FollowupFailure;

export type ReminderAnswer =
  | { ok: true; action: ReminderAction; other: Member; due: Date; zone: string }
  | { ok: false; code: 'unknown_member' | 'gone' | 'not_yours' }
  | { ok: false; code: 'already'; status: 'done' | 'cancelled' };

export type ListedReminder = Reminder & { otherName: string };

/** The start of the member's working day `days` from today (a snooze, a later check-in). */
export function daysLater(member: Member, now: Date, days: number): Date {
  const day = DateTime.fromJSDate(now, { zone: member.timezone }).startOf('day').plus({ days });
  return nextWorkingMoment(day.toJSDate(), workingHoursOf(member));
}

/** /followup: set a reminder, list what is pending, cancel one, answer a reminder's buttons. */
export function makeFollowups({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  async function answer(
    workspaceId: string,
    userId: string,
    reminderId: string,
    action: ReminderAction,
  ): Promise<ReminderAnswer> {
    return transaction(async (repos) => {
      const reminder = await repos.reminders.lock(workspaceId, reminderId);
      if (!reminder) return { ok: false, code: 'gone' };
      if (reminder.memberId !== userId) return { ok: false, code: 'not_yours' };
      if (reminder.status !== 'pending')
        return { ok: false, code: 'already', status: reminder.status };
      const [me, other] = await Promise.all([
        repos.members.find(workspaceId, userId),
        repos.members.find(workspaceId, reminder.otherId),
      ]);
      if (!me || !other) return { ok: false, code: 'unknown_member' };
      const now = clock.now();
      let due = reminder.dueAt;
      if (action === 'done') {
        await repos.reminders.update(workspaceId, reminder.id, { status: 'done', doneAt: now });
        await repos.interactions.insertMany(workspaceId, [
          {
            memberId: me.userId,
            otherMemberId: other.userId,
            kind: classifyRelationship(me, other),
            source: 'followup',
            sourceRef: reminder.id,
            occurredAt: now,
          },
        ]);
      } else if (action === 'cancel') {
        await repos.reminders.update(workspaceId, reminder.id, { status: 'cancelled' });
      } else {
        due = daysLater(me, now, action === 'snooze_day' ? 1 : 7);
        await repos.reminders.update(workspaceId, reminder.id, {
          dueAt: due,
          version: reminder.version + 1,
          queuedAt: null,
        });
      }
      return { ok: true, action, other, due, zone: me.timezone };
    });
  }

  const list = (
    workspaceId: string,
    userId: string,
  ): Promise<
    { ok: true; zone: string; reminders: ListedReminder[] } | { ok: false; code: 'unknown_member' }
  > =>
    transaction(async (repos) => {
      const me = await repos.members.find(workspaceId, userId);
      if (!me) return { ok: false, code: 'unknown_member' };
      const pending = await repos.reminders.pendingOf(workspaceId, userId, LIST_SHOWN);
      const names = new Map(
        (
          await repos.members.findMany(
            workspaceId,
            pending.map((r) => r.otherId),
          )
        ).map((m) => [m.userId, m.name]),
      );
      return {
        ok: true,
        zone: me.timezone,
        reminders: pending.map((r) => ({ ...r, otherName: names.get(r.otherId) ?? r.otherId })),
      };
    });

  return {
    set(request: FollowupRequest): Promise<FollowupSet> {
      const { workspaceId } = request;
      if (request.mentions.some((m) => m.kind === 'group'))
        return Promise.resolve({ ok: false, usage: { code: 'followup_group' } });
      const people = [...new Set(request.mentions.map((m) => m.userId))];
      if (people.length !== 1)
        return Promise.resolve({
          ok: false,
          usage: { code: people.length === 0 ? 'followup_who' : 'followup_one' },
        });
      return transaction(async (repos): Promise<FollowupSet> => {
        const me = await repos.members.find(workspaceId, request.userId);
        if (!me || me.isDeactivated) return { ok: false, code: 'unknown_member' };
        if (me.optedOut) return { ok: false, code: 'opted_out' };
        const other = await repos.members.find(workspaceId, people[0]!);
        const problem = counterpartProblem(me, other);
        if (problem)
          return { ok: false, code: 'counterpart', problem, name: other?.name ?? people[0]! };
        const zone = me.timezone;
        const replay = await repos.reminders.findBySource(
          workspaceId,
          'manual',
          request.sourceKey,
          me.userId,
        );
        if (replay)
          return {
            ok: true,
            other: other!,
            due: replay.dueAt,
            zone,
            about: replay.about,
            defaulted: false,
          };
        const now = clock.now();
        const when = parseWhen(request.when, now, workingHoursOf(me));
        if (!when.ok) return when;
        await repos.reminders.createMany(workspaceId, [
          {
            memberId: me.userId,
            otherId: other!.userId,
            about: when.about,
            dueAt: when.due,
            origin: 'manual',
            sourceRef: request.sourceKey,
            createdAt: now,
          },
        ]);
        return {
          ok: true,
          other: other!,
          due: when.due,
          zone,
          about: when.about,
          defaulted: when.defaulted,
        };
      });
    },

    list,
    answer,

    /** `/followup cancel 2`: the second of the member's list, as `/followup list` numbers it. */
    async cancelNumber(
      workspaceId: string,
      userId: string,
      n: number,
    ): Promise<ReminderAnswer | { ok: false; usage: UsageProblem }> {
      const listed = await list(workspaceId, userId);
      if (!listed.ok) return listed;
      const reminder = listed.reminders[n - 1];
      if (!reminder)
        return {
          ok: false,
          usage: { code: 'followup_cancel_which', count: listed.reminders.length },
        };
      return answer(workspaceId, userId, reminder.id, 'cancel');
    },
  };
}

export type Followups = ReturnType<typeof makeFollowups>;
