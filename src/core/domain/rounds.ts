import { FREQUENCIES, type EveryWeeks } from './schedule';
import { isValidTimezone } from './time';
import { MAX_GROUP_SIZE, MIN_GROUP_SIZE } from './matching';

/** A channel whose members meet someone from another department every 1, 2 or 4 weeks. */
export interface RoundChannel {
  id: string;
  workspaceId: string;
  channelId: string;
  enabled: boolean;
  everyWeeks: EveryWeeks;
  /** ISO weekday: 1 is Monday. */
  weekday: number;
  hour: number;
  /** null: the workspace's timezone. */
  timezone: string | null;
  groupSize: number;
  repeatWindowDays: number;
  /** 'opt_in': people join with the button or /rapport join; 'channel': everyone in it. */
  participation: 'opt_in' | 'channel';
  /** Leftover people join a group (a trio), or sit out in turn. */
  leftover: 'join' | 'sit_out';
  checkinAfterDays: number;
}

export type RoundChannelSettings = Omit<RoundChannel, 'id' | 'workspaceId'>;

/** What people use today: weekly, Mondays at 10:00, pairs, opt-in, no repeat within 180 days. */
export const DEFAULT_ROUND_CHANNEL: Omit<RoundChannelSettings, 'channelId'> = {
  enabled: true,
  everyWeeks: 1,
  weekday: 1,
  hour: 10,
  timezone: null,
  groupSize: 2,
  repeatWindowDays: 180,
  participation: 'opt_in',
  leftover: 'join',
  checkinAfterDays: 3,
};

/** Three check-ins in a row without an answer pause a person's intros in that channel. */
export const QUIET_ROUNDS_BEFORE_PAUSE = 3;

/** As an admin submitted it: numbers arrive as text. */
export interface RoundChannelInput {
  channelId: string | null;
  enabled: boolean;
  everyWeeks: string;
  weekday: string;
  hour: string;
  timezone: string;
  groupSize: string;
  repeatWindowDays: string;
  participation: string;
  leftover: string;
  checkinAfterDays: string;
}

export type RoundChannelField = Exclude<keyof RoundChannelInput, 'enabled'>;

export type RoundChannelCheck =
  | { ok: true; settings: RoundChannelSettings }
  | { ok: false; errors: Partial<Record<RoundChannelField, string>> };

function whole(text: string, min: number, max: number): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** Checks a round channel's settings field by field. */
export function checkRoundChannel(input: RoundChannelInput): RoundChannelCheck {
  const errors: Partial<Record<RoundChannelField, string>> = {};
  if (!input.channelId) errors.channelId = 'Choose the channel whose members meet.';
  const everyWeeks = whole(input.everyWeeks, 1, 4);
  if (everyWeeks === null || !(FREQUENCIES as readonly number[]).includes(everyWeeks))
    errors.everyWeeks = 'Every 1, 2 or 4 weeks.';
  const weekday = whole(input.weekday, 1, 7);
  if (weekday === null) errors.weekday = 'Choose a day of the week.';
  const hour = whole(input.hour, 0, 23);
  if (hour === null) errors.hour = 'Choose an hour from 0 to 23.';
  const zone = input.timezone.trim();
  if (zone && !isValidTimezone(zone))
    errors.timezone = `${zone.slice(0, 40)} is not a timezone. Use a name such as Europe/Berlin.`;
  const groupSize = whole(input.groupSize, MIN_GROUP_SIZE, MAX_GROUP_SIZE);
  if (groupSize === null) errors.groupSize = 'Groups of 2 to 8 people.';
  const repeatWindowDays = whole(input.repeatWindowDays, 0, 730);
  if (repeatWindowDays === null) errors.repeatWindowDays = 'A number of days from 0 to 730.';
  // The check-in comes before the next round, which counts who answered it.
  const latestCheckin = everyWeeks ? Math.min(14, everyWeeks * 7 - 1) : 14;
  const checkinAfterDays = whole(input.checkinAfterDays, 1, latestCheckin);
  if (checkinAfterDays === null)
    errors.checkinAfterDays = `A number of days from 1 to ${latestCheckin}, so that it comes before the next round.`;
  if (input.participation !== 'opt_in' && input.participation !== 'channel')
    errors.participation = 'Choose who takes part.';
  if (input.leftover !== 'join' && input.leftover !== 'sit_out')
    errors.leftover = 'Choose what happens to an odd person out.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      channelId: input.channelId!,
      enabled: input.enabled,
      everyWeeks: everyWeeks as EveryWeeks,
      weekday: weekday!,
      hour: hour!,
      timezone: zone || null,
      groupSize: groupSize!,
      repeatWindowDays: repeatWindowDays!,
      participation: input.participation as RoundChannel['participation'],
      leftover: input.leftover as RoundChannel['leftover'],
      checkinAfterDays: checkinAfterDays!,
    },
  };
}

/** Openers for a first conversation across departments; one per group, by position. */
export const CONVERSATION_STARTERS = [
  'What does a good week look like in your team?',
  'What is something your team does that others would be surprised by?',
  'What are you working on that you are proud of?',
  'Which team do you wish you worked with more, and why?',
  'What was your first job, and what did it teach you?',
  'What is a problem your team keeps running into?',
  'What is one thing you would change about how we work, if you could?',
  'Who helped you most when you joined?',
];
