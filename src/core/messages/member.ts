import { card, context, section, type Card } from '../conversation/card';
import { bold, br, channel, command, listOf, mention, text, type Text } from '../conversation/text';
import type { OutboundMessage } from '../domain/outbound';
import type { MentorshipResult } from '../use-cases/mentorship';
import type { MySettings } from '../use-cases/my-settings';
import type { PreferenceResult } from '../use-cases/nudge-preferences';
import type { RecordMeetingResult } from '../use-cases/record-meeting';
import type { SetParticipationResult } from '../use-cases/set-participation';
import { optedOut, unknownMember, type Examples } from './common';
import { counterpartText } from './followups';
import { person, type Names } from './people';
import { pausedThrough } from './rounds';
import { usageText } from './usage';

const names = (people: Array<{ userId: string; name: string }>) =>
  listOf(people.map((p) => [mention(p)]));

/** `/rapport met @x`. */
export function metReply(r: RecordMeetingResult, x: Examples): Text {
  if (!r.ok) {
    if ('usage' in r) return usageText(r.usage, x);
    if (r.code === 'counterpart')
      return counterpartText(r.problem, r.name, 'record a meeting with');
    return r.code === 'opted_out' ? optedOut() : unknownMember();
  }
  if (r.met.length === 0)
    return text(
      'Already noted today: you met ',
      names(r.already),
      '. A meeting counts once a day.',
    );
  return text(
    'Noted: you met ',
    names(r.met),
    '. It counts toward your network.',
    r.already.length > 0 && text(' (', names(r.already), ' already noted today.)'),
  );
}

const weeks = (days: number) =>
  days % 7 === 0 ? `${days / 7} week${days === 7 ? '' : 's'}` : `${days} days`;

/** `/rapport mentor @x` and `/rapport mentee @x` (and "off"). */
export function mentorshipReply(r: MentorshipResult): Text {
  if (!r.ok)
    return r.code === 'counterpart'
      ? counterpartText(r.problem, r.name, 'name as your mentor or mentee')
      : unknownMember();
  if ('ended' in r)
    return r.ended
      ? text(`Done: ${r.otherName} and you are no longer recorded as mentor and mentee.`)
      : text(`${r.otherName} and you are not recorded as mentor and mentee.`);
  const said =
    r.role === 'mentor'
      ? text(mention(r.other), ' is your mentor')
      : text('you are ', mention(r.other), "'s mentor");
  return r.declared
    ? text(
        'Noted: ',
        said,
        '. Your network shows it as a mentor/mentee relationship. I have let them know.',
      )
    : text('Already noted: ', said, '.');
}

/** The other person hears of a mentorship declared with them, with a way to undo it. */
export function mentorshipDeclared(
  m: Extract<OutboundMessage, { kind: 'mentorship_declared' }>,
  n: Names,
): Card {
  const who = person(n, m.declarerId);
  return card(
    'A mentorship with you was noted',
    section(
      m.declarerIsMentor
        ? text(
            '🧭 ',
            who,
            ' noted that they mentor you. It shows in both your networks as a mentor/mentee relationship.',
          )
        : text(
            '🧭 ',
            who,
            ' noted that you are their mentor. It shows in both your networks as a mentor/mentee relationship.',
          ),
      { label: 'Undo', action: 'mentorship_undo', payload: { id: m.declarerId }, style: 'danger' },
    ),
  );
}

export const mentorshipUndone = (removed: boolean, declarerName: string): Text =>
  removed
    ? text(`Removed: you and ${declarerName} are no longer recorded as mentor and mentee.`)
    : text(`You and ${declarerName} are not recorded as mentor and mentee.`);

/** `/rapport nudges …`. */
export function nudgesReply(r: PreferenceResult<{ enabled: boolean; cadenceDays: number }>): Text {
  if (!r.ok) return unknownMember();
  const prefix = r.changed ? '' : 'Already so: ';
  return r.enabled
    ? text(
        `${prefix}I'll nudge you about anyone you haven't been in touch with for ${weeks(r.cadenceDays)}, in one weekly message at most.`,
      )
    : text(
        `${prefix}Keep-in-touch nudges are off. Turn them back on with `,
        command('/rapport nudges on'),
        '.',
      );
}

/** `/rapport suggestions on|off`. */
export function suggestionsReply(r: PreferenceResult<{ on: boolean }>): Text {
  if (!r.ok) return unknownMember();
  const prefix = r.changed ? '' : 'Already so: ';
  return r.on
    ? text(`${prefix}Weekly suggestions of people to meet are on.`)
    : text(
        `${prefix}Weekly suggestions are off. `,
        command('/rapport suggest'),
        ' still works whenever you like.',
      );
}

/** `/rapport optout` and `/rapport optin`, saying what is already so. */
export function participationReply(r: SetParticipationResult): Text {
  if (!r.ok) return unknownMember();
  if (r.optedOut)
    return r.changed
      ? text(
          "You've opted out of Rapport: no kudos to or from you, no introductions and no reminders. What you already gave and received stays. Opt back in any time with ",
          command('/rapport optin'),
          '.',
        )
      : text(
          "You're already opted out. Opt back in any time with ",
          command('/rapport optin'),
          '.',
        );
  return r.changed
    ? text(
        "Welcome back! You're in Rapport again. Type ",
        command('/rapport help'),
        ' to see what you can do.',
      )
    : text(
        "You're already in Rapport: nothing changed. Type ",
        command('/rapport help'),
        ' to see what you can do.',
      );
}

export const departmentReply = (department: string): Text =>
  text("Got it: you're in ", bold(department), '.');

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** `/rapport settings`: everything the member has chosen, and how to change each. */
export function mySettingsCard(s: MySettings): Card {
  const m = s.member;
  const rounds = s.rounds.map((r) =>
    text(
      '• ',
      channel(r.channelId),
      ': ',
      r.quiet
        ? 'paused after quiet check-ins (join again to come back)'
        : r.takesPart
          ? r.skipNext
            ? 'in, sitting out the next round'
            : 'in'
          : 'not taking part',
    ),
  );
  const hours = m.workingHours;
  const days = hours.days.map((d) => DAYS[d - 1]).join(', ');
  return card(
    'Your Rapport settings',
    section(text(bold('Your Rapport settings'))),
    section(
      text(
        bold('Rapport: '),
        m.optedOut
          ? text('opted out (', command('/rapport optin'), ' to come back)')
          : text('taking part (', command('/rapport optout'), ' to stop everything)'),
      ),
    ),
    section(
      text(
        bold('Intro rounds: '),
        rounds.length > 0
          ? text(...rounds.flatMap((r) => [br, ...r]))
          : 'there are no intro rounds yet',
      ),
    ),
    section(
      text(
        bold('Pause: '),
        s.pausedUntil
          ? text(
              'paused through ',
              pausedThrough(s.pausedUntil, m.timezone),
              ' (',
              command('/rapport resume'),
              ' ends it)',
            )
          : text('not paused (', command('/rapport pause 2w'), ' for a break)'),
      ),
    ),
    section(
      text(
        bold('Keep-in-touch nudges: '),
        m.nudges.enabled ? `on, after ${weeks(m.nudges.cadenceDays)} without contact` : 'off',
        ' (',
        command('/rapport nudges every 4 weeks'),
        ')',
      ),
    ),
    section(
      text(
        bold('Weekly suggestions: '),
        m.suggestions ? 'on' : 'off',
        ' (',
        command(`/rapport suggestions ${m.suggestions ? 'off' : 'on'}`),
        ')',
      ),
    ),
    section(
      text(
        bold('Department: '),
        m.departmentName ?? 'not known',
        ' (',
        command('/rapport department <name>'),
        ')',
      ),
    ),
    context(
      text(
        `Timezone ${m.timezone}; working hours ${clock(hours.startMinute)}–${clock(hours.endMinute)}, ${days}. Rapport writes to you only then; both come from your profile.`,
      ),
    ),
  );
}

/** `/rapport nudges` alone: how they are set, and how to change them. */
export const nudgesStatus = (nudges: { enabled: boolean; cadenceDays: number }): Text =>
  text(
    nudges.enabled
      ? `Keep-in-touch nudges are on: I nudge you about anyone you haven't been in touch with for ${weeks(nudges.cadenceDays)}, in one weekly message at most. `
      : 'Keep-in-touch nudges are off. ',
    'Change with ',
    command('/rapport nudges off'),
    ', ',
    command('/rapport nudges on'),
    ' or ',
    command('/rapport nudges every 4 weeks'),
    '.',
  );

/** `/rapport suggestions` alone. */
export const suggestionsStatus = (on: boolean): Text =>
  text(
    `Weekly suggestions of people to meet are ${on ? 'on' : 'off'}. Change with `,
    command(`/rapport suggestions ${on ? 'off' : 'on'}`),
    '.',
  );
