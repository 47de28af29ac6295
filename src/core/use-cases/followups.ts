import { DateTime } from 'luxon';
import { counterpartMessage, counterpartProblem, onePerson } from '../domain/counterpart';
import { FOLLOWUP_EXAMPLES, parseWhen } from '../domain/followup';
import type { ReminderAction } from '../domain/followup-messages';
import type { MentionToken } from '../domain/kudos-command';
import { workingHoursOf, type Member } from '../domain/member';
import { classifyRelationship } from '../domain/relationship-kind';
import { nextWorkingMoment } from '../domain/schedule';
import type { Clock, Reminder, UnitOfWork } from '../ports';
import { UNKNOWN_MEMBER_MESSAGE } from './network-summary';

export const LIST_SHOWN = 20;

export interface FollowupRequest {
  workspaceId: string;
  userId: string;
  /** What was typed after /followup, mentions included. */
  text: string;
  mentions: MentionToken[];
  /** The platform's request id: a replay sets nothing new. */
  sourceKey: string;
}

type Failure = { ok: false; message: string };
export type FollowupSet =
  { ok: true; other: Member; due: Date; zone: string; about: string | null } | Failure;
export type ReminderAnswer =
  { ok: true; action: ReminderAction; other: Member; due: Date; zone: string } | Failure;

/** The start of the member's working day `days` from today (a snooze, a later check-in). */
export function daysLater(member: Member, now: Date, days: number): Date {
  const day = DateTime.fromJSDate(now, { zone: member.timezone }).startOf('day').plus({ days });
  return nextWorkingMoment(day.toJSDate(), workingHoursOf(member));
}

/** /followup: set a reminder, list what is pending, and answer a reminder's buttons. */
export function makeFollowups({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return {
    set(request: FollowupRequest): Promise<FollowupSet> {
      const { workspaceId } = request;
      if (request.mentions.some((m) => m.kind === 'group'))
        return Promise.resolve({
          ok: false,
          message: `Follow-ups are with one person, not a group. ${FOLLOWUP_EXAMPLES}`,
        });
      const who = onePerson(
        request.mentions.map((m) => m.userId),
        '/followup @carol in 3 weeks about the budget review',
      );
      if (!who.ok) return Promise.resolve(who);
      // What is left once the mention is out is when, and what about.
      const sorted = [...request.mentions].sort((a, b) => b.start - a.start);
      const rest = sorted.reduce((t, m) => t.slice(0, m.start) + t.slice(m.end), request.text);
      return transaction(async (repos) => {
        const me = await repos.members.find(workspaceId, request.userId);
        if (!me || me.isDeactivated) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
        if (me.optedOut)
          return {
            ok: false,
            message: "You've opted out of Rapport. Opt back in with /rapport optin first.",
          };
        const other = await repos.members.find(workspaceId, who.userId);
        const problem = counterpartProblem(me, other);
        if (problem)
          return {
            ok: false,
            message: counterpartMessage(problem, other?.name ?? who.userId, 'follow up with'),
          };
        const zone = me.timezone;
        const replay = await repos.reminders.findBySource(
          workspaceId,
          'manual',
          request.sourceKey,
          me.userId,
        );
        if (replay)
          return { ok: true, other: other!, due: replay.dueAt, zone, about: replay.about };
        const now = clock.now();
        const when = parseWhen(rest, now, workingHoursOf(me));
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
        return { ok: true, other: other!, due: when.due, zone, about: when.about };
      });
    },

    list(
      workspaceId: string,
      userId: string,
    ): Promise<
      { ok: true; zone: string; reminders: Array<Reminder & { otherName: string }> } | Failure
    > {
      return transaction(async (repos) => {
        const me = await repos.members.find(workspaceId, userId);
        if (!me) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
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
    },

    answer(
      workspaceId: string,
      userId: string,
      reminderId: string,
      action: ReminderAction,
    ): Promise<ReminderAnswer> {
      return transaction(async (repos) => {
        const reminder = await repos.reminders.lock(workspaceId, reminderId);
        if (!reminder) return { ok: false, message: 'I could not find that reminder any more.' };
        if (reminder.memberId !== userId)
          return { ok: false, message: 'This reminder is for someone else.' };
        if (reminder.status !== 'pending')
          return {
            ok: false,
            message: `This reminder is already ${reminder.status === 'done' ? 'done' : 'cancelled'}.`,
          };
        const [me, other] = await Promise.all([
          repos.members.find(workspaceId, userId),
          repos.members.find(workspaceId, reminder.otherId),
        ]);
        if (!me || !other) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
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
    },
  };
}

export type Followups = ReturnType<typeof makeFollowups>;
