import { parsePause } from '../domain/pause';
import type { RoundChannel } from '../domain/rounds';
import type { Clock, Repositories, UnitOfWork } from '../ports';
import { UNKNOWN_MEMBER_MESSAGE } from './network-summary';

/** Which round channel a member means, when they did not say and there are several. */
export type MembershipResult =
  | { ok: true; channelIds: string[]; pausedUntil: Date | null; zone: string }
  | { ok: false; code: 'unknown_member'; message: string }
  | { ok: false; code: 'no_rounds' }
  | { ok: false; code: 'which_channel'; channelIds: string[] }
  | { ok: false; code: 'not_a_round_channel'; channelId: string; channelIds: string[] };

type Resolved = { ok: true; channels: RoundChannel[] } | Exclude<MembershipResult, { ok: true }>;

async function resolve(
  repos: Repositories,
  workspaceId: string,
  channelId: string | null,
  all: boolean,
): Promise<Resolved> {
  const channels = (await repos.rounds.channels(workspaceId)).filter((c) => c.enabled);
  const ids = channels.map((c) => c.channelId);
  if (channels.length === 0) return { ok: false, code: 'no_rounds' };
  if (channelId) {
    const channel = channels.find((c) => c.channelId === channelId);
    return channel
      ? { ok: true, channels: [channel] }
      : { ok: false, code: 'not_a_round_channel', channelId, channelIds: ids };
  }
  if (channels.length === 1 || all) return { ok: true, channels };
  return { ok: false, code: 'which_channel', channelIds: ids };
}

/** Joining, leaving and skipping a round, and pausing everything for a while. */
export function makeRoundMembership({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  const change = (
    what: 'join' | 'leave' | 'skip',
    workspaceId: string,
    userId: string,
    channelId: string | null,
  ): Promise<MembershipResult> =>
    transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated || member.isBot)
        return { ok: false, code: 'unknown_member', message: UNKNOWN_MEMBER_MESSAGE };
      // Skipping without naming a channel skips every round the member is in.
      const found = await resolve(repos, workspaceId, channelId, what === 'skip');
      if (!found.ok) return found;
      for (const channel of found.channels) {
        const update =
          what === 'join'
            ? { status: 'in' as const, outReason: null, quietRounds: 0 }
            : what === 'leave'
              ? { status: 'out' as const, outReason: null, skipNext: false }
              : { skipNext: true };
        if (what === 'skip') {
          const mine = (await repos.rounds.participants(channel.id)).find(
            (p) => p.userId === userId,
          );
          const takesPart = mine ? mine.status === 'in' : channel.participation === 'channel';
          if (!takesPart) continue;
          if (!mine) Object.assign(update, { status: 'in' as const });
        }
        await repos.rounds.setParticipant(workspaceId, channel.id, userId, update);
      }
      const paused = member.pausedUntil && member.pausedUntil > clock.now();
      return {
        ok: true,
        channelIds: found.channels.map((c) => c.channelId),
        pausedUntil: paused ? member.pausedUntil : null,
        zone: member.timezone,
      };
    });

  return {
    join: (ws: string, user: string, channel: string | null) => change('join', ws, user, channel),
    leave: (ws: string, user: string, channel: string | null) => change('leave', ws, user, channel),
    skip: (ws: string, user: string, channel: string | null) => change('skip', ws, user, channel),

    /** Pauses intros, check-ins and reminders until a day; it ends by itself. */
    pause(
      workspaceId: string,
      userId: string,
      text: string,
    ): Promise<{ ok: true; until: Date; zone: string } | { ok: false; message: string }> {
      return transaction(async (repos) => {
        const member = await repos.members.find(workspaceId, userId);
        if (!member) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
        const parsed = parsePause(text, clock.now(), member.timezone);
        if (!parsed.ok) return parsed;
        await repos.members.setPausedUntil(workspaceId, userId, parsed.until);
        return { ok: true, until: parsed.until, zone: member.timezone };
      });
    },

    resume(workspaceId: string, userId: string): Promise<{ ok: boolean; message: string }> {
      return transaction(async (repos) => {
        const member = await repos.members.find(workspaceId, userId);
        if (!member) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
        await repos.members.setPausedUntil(workspaceId, userId, null);
        return { ok: true, message: "You're back: intros and reminders start again." };
      });
    },
  };
}

export type RoundMembership = ReturnType<typeof makeRoundMembership>;
