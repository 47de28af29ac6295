import { buttons, card, context, section, type Card } from '../conversation/card';
import {
  bold,
  br,
  channel,
  command,
  date,
  listOf,
  mention,
  text,
  type Text,
} from '../conversation/text';
import type { IntroMember, OutboundMessage } from '../domain/outbound';
import type { CheckinResponse } from '../ports';
import type { MembershipChange, MembershipResult } from '../use-cases/round-membership';
import { count, unknownMember, type Examples } from './common';
import { person, type Names } from './people';

type Of<K extends OutboundMessage['kind']> = Extract<OutboundMessage, { kind: K }>;

const channels = (ids: string[]) => listOf(ids.map((id) => [channel(id)]));

/** What a member hears after join, leave or skip. */
export function membershipReply(what: MembershipChange, r: MembershipResult, x: Examples): Text {
  if (!r.ok) {
    switch (r.code) {
      case 'unknown_member':
        return unknownMember();
      case 'guest':
        return text(
          "Intro rounds are for people in this organisation, so as a guest from another organisation you won't be matched. Kudos and follow-ups work for you as for everyone.",
        );
      case 'no_rounds':
        return text(
          'There are no intro rounds here yet. An admin can start one with ',
          command('/rapport rounds'),
          '.',
        );
      case 'which_channel':
        return text(
          'Which round? Name its channel, for example ',
          command(`/rapport ${what} ${x.channel}`),
          '. Rounds: ',
          channels(r.channelIds),
          '.',
        );
      case 'not_a_round_channel':
        return text(
          channel(r.channelId),
          ' has no intro round. Rounds: ',
          channels(r.channelIds),
          '.',
        );
    }
  }
  const changed = r.channels.filter((c) => c.changed).map((c) => c.channelId);
  const same = r.channels.filter((c) => !c.changed).map((c) => c.channelId);
  const paused =
    r.pausedUntil &&
    text(
      " You're paused through ",
      pausedThrough(r.pausedUntil, r.zone),
      ', so your first intro comes after that.',
    );
  if (what === 'join')
    return changed.length > 0
      ? text(
          "You're in! You'll meet someone from another department in the next round in ",
          channels(changed),
          '.',
          same.length > 0 && text(' You were already in ', channels(same), '.'),
          paused,
        )
      : text("You're already in the intro round in ", channels(same), '. Nothing changed.', paused);
  if (what === 'leave')
    return changed.length > 0
      ? text(
          "You've left the intro round in ",
          channels(changed),
          '. Come back any time with ',
          command('/rapport join'),
          '.',
        )
      : text("You aren't in the intro round in ", channels(same), ", so there's nothing to leave.");
  if (r.channels.length === 0)
    return text("You aren't in any intro round, so there is nothing to skip.");
  return changed.length > 0
    ? text("You'll sit out the next round in ", channels(changed), ", then you're back in.")
    : text("You're already sitting out the next round in ", channels(same), '.');
}

/**
 * The last day of a pause, in the member's calendar: a pause lasts through a day and ends at
 * the start of the next, so it is named by the day typed, wherever it is said.
 */
export const pausedThrough = (until: Date, zone: string) =>
  date(new Date(until.getTime() - 60_000), zone, 'day');

/** The confirmation of a pause: through the day the member typed, in their own calendar. */
export const pauseReply = (lastDay: Date, zone: string): Text =>
  text(
    'Paused: no intros, check-ins or reminders through ',
    date(lastDay, zone, 'day'),
    '. It ends by itself; ',
    command('/rapport resume'),
    ' ends it sooner.',
  );

export const resumeReply = (wasPaused: boolean): Text =>
  wasPaused
    ? text("You're back: intros and reminders start again.")
    : text("You weren't paused, so nothing changed: intros and reminders are on.");

/** The answer to "did you meet?": for the group when they met, else for the one who pressed. */
export function checkinAnswer(response: CheckinResponse, who: { userId: string; name: string }) {
  if (response === 'met')
    return card(
      'You met!',
      section(text('🎉 ', mention(who), " says you met. That's recorded: nice work, all of you!")),
    );
  return card(
    response === 'not_yet' ? 'Not yet' : 'Skipping',
    section(
      response === 'not_yet'
        ? text("No problem, there's still time. Press ", bold('We met'), ' once you have.')
        : text("Okay, you're skipping this one. See you next round!"),
    ),
  );
}

export const checkinGone = () => text('I could not find that round any more.');
export const checkinNotYours = () => text('This check-in is for the people in this group.');

export function roundSummary(m: Of<'round_summary'>): Card {
  const headline =
    m.groups === 0
      ? text(
          '☕ No intros this round: not enough people have joined ',
          channel(m.channelId),
          ' yet.',
        )
      : text(
          '☕ ',
          bold("This round's intros are out:"),
          ` ${count(m.people, 'person', 'people')} in ${count(m.groups, 'group', 'groups')}, ` +
            `${m.crossDepartment} across departments, from ${count(m.departments, 'department', 'departments')}. Check your messages!`,
        );
  return card(
    'This round’s intros are out',
    section(headline),
    m.optIn &&
      section(text('Want to meet someone from another department next round?'), {
        label: 'Join',
        action: 'round_join',
        // The post's own channel, which the press joins (older posts carried the round's id).
        payload: { c: m.channelId },
        style: 'primary',
      }),
    context(
      text(
        'Pause with ',
        command('/rapport pause 2w'),
        ', skip one with ',
        command('/rapport skip'),
        ', leave with ',
        command('/rapport leave'),
        '.',
      ),
    ),
  );
}

const about = (p: IntroMember) => [p.title, p.department].filter(Boolean).join(', ');

/**
 * A round's introduction: to the group in one conversation, or (`toEach`) to one reader alone,
 * who is introduced to the others, with hours in their own zone and a link to start the chat.
 */
export function roundIntro(m: Of<'round_intro'>, reader?: { userId: string; zone: string }): Card {
  const alone = Boolean(m.toEach && reader);
  const shown = alone ? m.members.filter((p) => p.userId !== reader!.userId) : m.members;
  const people = shown.map((p) => text('• ', mention(p), about(p) && ` — ${about(p)}`));
  const zone = alone ? reader!.zone : 'UTC';
  const who = m.members.length === 2 ? 'You both' : 'You all';
  const hours = m.sharedHours
    ? text(
        `${who} work between `,
        date(m.sharedHours.start, zone, 'time'),
        ' and ',
        date(m.sharedHours.end, zone, 'time'),
        '.',
      )
    : text('Your working hours do not overlap much: an async voice note works too.');
  return card(
    'Meet each other!',
    section(
      text(
        '👋 ',
        bold('Meet each other!'),
        alone ? " You're in this round's group from " : " You're this round's group from ",
        channel(m.channelId),
        alone
          ? ', with people from other corners of the company:'
          : ', from different corners of the company:',
        ...people.flatMap((p) => [br, ...p]),
      ),
    ),
    section(text(bold('To start:'), ` ${m.starter}`)),
    context(text('Find 30 minutes in the next few days. ', hours)),
    m.toEach && {
      type: 'links',
      links: [
        {
          label: 'Start a group chat',
          chatWith: {
            userIds: m.members.map((p) => p.userId),
            topic: `Intro round: ${m.members.map((p) => p.name.split(' ')[0]).join(', ')}`,
            message: `Hello! Rapport's intro round put us together. ${m.starter}`,
          },
        },
      ],
    },
  );
}

export function roundCheckin(m: Of<'round_checkin'>): Card {
  const payload = { id: m.groupId };
  return card(
    'Did you get a chance to meet?',
    section(text('👋 ', bold('Did you get a chance to meet?'))),
    buttons(
      { label: 'We met', action: 'checkin_met', payload, style: 'primary' },
      { label: 'Not yet', action: 'checkin_not_yet', payload },
      { label: 'Skip this one', action: 'checkin_skip', payload },
    ),
  );
}

export function roundSatOut(m: Of<'round_sat_out'>): Card {
  const t =
    m.reason === 'alone'
      ? text(
          'You were the only one in ',
          channel(m.channelId),
          "'s round this time, so there was nobody to meet. Invite a colleague to join!",
        )
      : text(
          'There was an odd number of people in ',
          channel(m.channelId),
          " this round, so you sit this one out. You're first in line next time.",
        );
  return card('No intro this round', section(t));
}

export function roundPaused(m: Of<'round_paused'>): Card {
  return card(
    'Your intros are paused',
    section(
      text(
        `You haven't answered the last ${m.quietRounds} check-ins in `,
        channel(m.channelId),
        ", so I've paused your intros there. Type ",
        command('/rapport join'),
        ' whenever you would like to meet people again.',
      ),
    ),
  );
}

/** A member's name in a round message, for places that list people. */
export const named = (names: Names, id: string) => person(names, id);
