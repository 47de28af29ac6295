import { buttons, card, context, section, type Card } from '../conversation/card';
import { bold, command, date, mention, text, type Text } from '../conversation/text';
import type { CounterpartProblem } from '../domain/counterpart';
import type { OutboundMessage } from '../domain/outbound';
import type { FollowupSet, ListedReminder, ReminderAnswer } from '../use-cases/followups';
import { optedOut, unknownMember, type Examples } from './common';
import { person, type Names } from './people';
import { usageText } from './usage';

/** Why something cannot be done with another person; `action` reads "follow up with". */
export function counterpartText(problem: CounterpartProblem, name: string, action: string): Text {
  switch (problem) {
    case 'unknown':
      return text(`I don't know who ${name} is. Mention people with @ so I can find them.`);
    case 'self':
      return text(`You can't ${action} yourself.`);
    case 'bot':
      return text(`${name} is a bot; Rapport is about people.`);
    case 'deactivated':
      return text(`${name} is no longer active in this workspace.`);
    case 'opted_out':
      return text(`${name} has opted out of Rapport, so I can't ${action} them.`);
  }
}

/** The answer to `/followup @x <when> [about …]`. */
export function followupSetReply(r: FollowupSet, x: Examples): Text {
  if (!r.ok) {
    if ('usage' in r) return usageText(r.usage, x);
    if (r.code === 'counterpart') return counterpartText(r.problem, r.name, 'follow up with');
    return r.code === 'opted_out' ? optedOut() : unknownMember();
  }
  return text(
    "Got it: I'll remind you to follow up with ",
    mention(r.other),
    r.defaulted ? ' in a week, on ' : ' on ',
    date(r.due, r.zone, 'moment'),
    r.about && `, about ${r.about}`,
    '.',
    r.defaulted && " You didn't say when, so I picked a week from now.",
    ' ',
    command('/followup list'),
    ' shows what is coming up.',
  );
}

type Reminder = Extract<OutboundMessage, { kind: 'followup_reminder' }>;

/** The reminder itself, in the member's DM, with Done / Snooze / Cancel. */
export function followupReminder(m: Reminder, names: Names, zone: string): Card {
  const payload = { id: m.reminderId };
  const since =
    m.origin === 'round'
      ? text('You met in an intro round on ', date(m.since, zone, 'day'), '.')
      : text('You set this reminder on ', date(m.since, zone, 'day'), '.');
  return card(
    'Time to follow up',
    section(
      text(
        '⏰ ',
        bold('Time to follow up with '),
        person(names, m.otherId),
        m.about && `\nAbout: ${m.about}`,
      ),
    ),
    context(since),
    buttons(
      { label: 'Done', action: 'reminder_done', payload, style: 'primary' },
      { label: 'Snooze 1 day', action: 'reminder_snooze_day', payload },
      { label: 'Snooze 1 week', action: 'reminder_snooze_week', payload },
      { label: 'Cancel', action: 'reminder_cancel', payload },
    ),
  );
}

/** `/followup list`: numbered, each with Cancel, and `/followup cancel <n>` for typing. */
export function followupList(reminders: ListedReminder[], zone: string, x: Examples): Card {
  if (reminders.length === 0)
    return card(
      'No follow-ups coming up',
      section(
        text(
          'No follow-ups coming up. Set one with ',
          command(`/followup ${x.person} in 3 weeks about …`),
          '.',
        ),
      ),
    );
  return card(
    'Your follow-ups',
    section(text(bold('Your follow-ups'), ` (${reminders.length})`)),
    ...reminders.map((r, i) =>
      section(
        text(
          `${i + 1}. `,
          date(r.dueAt, zone, 'moment'),
          ': ',
          mention({ userId: r.otherId, name: r.otherName }),
          r.about && ` — ${r.about}`,
        ),
        { label: 'Cancel', action: 'reminder_cancel', payload: { id: r.id } },
      ),
    ),
    context(text('Cancel one by its number: ', command('/followup cancel 1'), '.')),
  );
}

/** What a member sees after answering a reminder (a button, or `/followup cancel <n>`). */
export function reminderAnswerReply(r: ReminderAnswer): Text {
  if (!r.ok) {
    switch (r.code) {
      case 'gone':
        return text('I could not find that reminder any more.');
      case 'not_yours':
        return text('This reminder is for someone else.');
      case 'already':
        return text(`This reminder is already ${r.status}.`);
      default:
        return unknownMember();
    }
  }
  const who = mention(r.other);
  switch (r.action) {
    case 'done':
      return text(
        'Done: nice work keeping in touch with ',
        who,
        '. It counts toward your network.',
      );
    case 'cancel':
      return text('Cancelled the reminder about ', who, '.');
    default:
      return text(
        "Snoozed: I'll remind you about ",
        who,
        ' again on ',
        date(r.due, r.zone, 'moment'),
        '.',
      );
  }
}
