import { Blocks, Elements, Message } from 'slack-block-builder';
import type { ReminderAction } from '../../../core/domain/followup-messages';
import type { OutboundMessage } from '../../../core/domain/outbound';
import type { Reminder } from '../../../core/ports';
import { mention, toMrkdwn } from '../text';

export const REMINDER_ACTIONS: Record<ReminderAction, string> = {
  done: 'reminder_done',
  snooze_day: 'reminder_snooze_day',
  snooze_week: 'reminder_snooze_week',
  cancel: 'reminder_cancel',
};

/** A moment Slack shows in the reader's own calendar. */
const day = (at: Date | string, format = '{date_long}') => {
  const time = new Date(at);
  return `<!date^${Math.floor(time.getTime() / 1000)}^${format}|${time.toISOString().slice(0, 10)}>`;
};

export function followupReminder(m: Extract<OutboundMessage, { kind: 'followup_reminder' }>) {
  const since =
    m.origin === 'round'
      ? `You met in an intro round on ${day(m.since)}.`
      : `You set this reminder on ${day(m.since)}.`;
  return Message({ text: 'Time to follow up' })
    .blocks(
      Blocks.Section({
        text: `:alarm_clock: *Time to follow up with ${mention(m.otherId)}*${m.about ? `\nAbout: ${toMrkdwn(m.about)}` : ''}`,
      }),
      Blocks.Context().elements(since),
      Blocks.Actions().elements(
        Elements.Button({
          text: 'Done',
          actionId: REMINDER_ACTIONS.done,
          value: m.reminderId,
        }).primary(),
        Elements.Button({
          text: 'Snooze 1 day',
          actionId: REMINDER_ACTIONS.snooze_day,
          value: m.reminderId,
        }),
        Elements.Button({
          text: 'Snooze 1 week',
          actionId: REMINDER_ACTIONS.snooze_week,
          value: m.reminderId,
        }),
        Elements.Button({ text: 'Cancel', actionId: REMINDER_ACTIONS.cancel, value: m.reminderId }),
      ),
    )
    .buildToObject();
}

/** /followup list: what is coming up, each with a way to cancel it. */
export function followupList(reminders: Array<Reminder & { otherName: string }>) {
  if (reminders.length === 0)
    return {
      text: 'No follow-ups coming up. Set one with `/followup @name in 3 weeks about …`.',
    };
  return Message({ text: 'Your follow-ups' })
    .blocks(
      Blocks.Section({ text: `*Your follow-ups* (${reminders.length})` }),
      ...reminders.map((r) =>
        Blocks.Section({
          text: `${day(r.dueAt, '{date_short_pretty} {time}')}: ${mention(r.otherId)}${r.about ? ` — ${toMrkdwn(r.about)}` : ''}`,
        }).accessory(
          Elements.Button({ text: 'Cancel', actionId: REMINDER_ACTIONS.cancel, value: r.id }),
        ),
      ),
    )
    .buildToObject();
}
