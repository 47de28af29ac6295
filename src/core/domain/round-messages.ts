import { DateTime } from 'luxon';
import type { MembershipResult } from '../use-cases/round-membership';

/** How each platform writes a channel: <#C123> on Slack, #coffee in the terminal. */
export type ChannelFormat = (channelId: string) => string;

/** A day in a person's own calendar: a pause ends at the start of it, where they are. */
const day = (at: Date, zone: string) =>
  DateTime.fromJSDate(at, { zone }).toFormat('cccc d LLLL yyyy');

/** What a member hears after join, leave or skip, on any platform. */
export function membershipReply(
  what: 'join' | 'leave' | 'skip',
  r: MembershipResult,
  channel: ChannelFormat,
): string {
  const list = (ids: string[]) => ids.map(channel).join(', ');
  if (!r.ok) {
    switch (r.code) {
      case 'unknown_member':
        return r.message;
      case 'no_rounds':
        return 'There are no intro rounds here yet. An admin can start one with /rapport rounds.';
      case 'which_channel':
        return `Which round? Name its channel, for example /rapport ${what} ${channel(r.channelIds[0]!)}. Rounds: ${list(r.channelIds)}.`;
      case 'not_a_round_channel':
        return `${channel(r.channelId)} has no intro round. Rounds: ${list(r.channelIds)}.`;
    }
  }
  const where = list(r.channelIds);
  const paused = r.pausedUntil
    ? ` You're paused until ${day(r.pausedUntil, r.zone)}, so your first intro comes after that.`
    : '';
  if (what === 'join')
    return `You're in! You'll meet someone from another department in the next round in ${where}.${paused}`;
  if (what === 'leave')
    return `You've left the intro round in ${where}. Come back any time with /rapport join.`;
  return r.channelIds.length === 0
    ? "You aren't in any intro round, so there is nothing to skip."
    : `You'll sit out the next round in ${where}, then you're back in.`;
}

/** The confirmation of a pause, in the member's own calendar. */
export function pauseReply(until: Date, zone: string): string {
  return `Paused: no intros, check-ins or reminders until ${day(until, zone)}. It ends by itself; /rapport resume ends it sooner.`;
}
