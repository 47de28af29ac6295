import { DateTime } from 'luxon';

/** "Tuesday 24 November at 09:00", in the member's own calendar. */
export function localMoment(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("cccc d LLLL 'at' HH:mm");
}

/** The confirmation of a new follow-up; `name` is written as the platform writes people. */
export function followupSetReply(name: string, due: Date, zone: string, about: string | null) {
  return (
    `Got it: I'll remind you to follow up with ${name} on ${localMoment(due, zone)}` +
    `${about ? `, about ${about}` : ''}. \`/followup list\` shows what is coming up.`
  );
}

export type ReminderAction = 'done' | 'snooze_day' | 'snooze_week' | 'cancel';

/** What a member sees after pressing a reminder's button. */
export function reminderAnswerReply(
  action: ReminderAction,
  name: string,
  due: Date,
  zone: string,
): string {
  switch (action) {
    case 'done':
      return `Done: nice work keeping in touch with ${name}. It counts toward your network.`;
    case 'cancel':
      return `Cancelled the reminder about ${name}.`;
    default:
      return `Snoozed: I'll remind you about ${name} again on ${localMoment(due, zone)}.`;
  }
}
