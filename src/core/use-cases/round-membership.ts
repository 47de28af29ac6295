import { parsePause } from '../domain/pause';
import type { RoundChannel } from '../domain/rounds';
import type { UsageProblem } from '../conversation/usage';
import type { Clock, Repositories, UnitOfWork } from '../ports';

export type MembershipChange = 'join' | 'leave' | 'skip';

/** A channel's round as a member's change found and left it. */
export interface ChannelChange {
  channelId: string;
  /** False when it was already so: joined twice, left twice, skipping already. */
  changed: boolean;
}

/** Which round channel a member means, when they did not say and there are several. */
export type MembershipResult =
  | {
      ok: true;
      channels: ChannelChange[];
      pausedUntil: Date | null;
      zone: string;
    }
  | { ok: false; code: 'unknown_member' }
  | { ok: false; code: 'guest'; org: string }
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

export type PauseResult =
  | { ok: true; until: Date; lastDay: Date; zone: string }
  | { ok: false; code: 'unknown_member' }
  | { ok: false; usage: UsageProblem };

/** Joining, leaving and skipping a round, and pausing everything for a while. */
export function makeRoundMembership({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  const change = (
    what: MembershipChange,
    workspaceId: string,
    userId: string,
    channelId: string | null,
  ): Promise<MembershipResult> =>
    transaction(async (repos) => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated || member.isBot)
        return { ok: false, code: 'unknown_member' };
      // Guests from another organisation are never matched: joining would promise them intros.
      if (what === 'join' && member.externalOrg)
        return { ok: false, code: 'guest', org: member.externalOrg };
      // Skipping without naming a channel skips every round the member is in.
      const found = await resolve(repos, workspaceId, channelId, what === 'skip');
      if (!found.ok) return found;
      const changes: ChannelChange[] = [];
      for (const channel of found.channels) {
        const mine = (await repos.rounds.participants(channel.id)).find((p) => p.userId === userId);
        const takesPart = mine ? mine.status === 'in' : channel.participation === 'channel';
        if (what === 'join') {
          await repos.rounds.setParticipant(workspaceId, channel.id, userId, {
            status: 'in',
            outReason: null,
            quietRounds: 0,
          });
          changes.push({ channelId: channel.channelId, changed: !takesPart });
        } else if (what === 'leave') {
          await repos.rounds.setParticipant(workspaceId, channel.id, userId, {
            status: 'out',
            outReason: null,
            skipNext: false,
          });
          changes.push({ channelId: channel.channelId, changed: takesPart });
        } else {
          if (!takesPart) continue;
          await repos.rounds.setParticipant(workspaceId, channel.id, userId, {
            skipNext: true,
            ...(!mine && { status: 'in' as const }),
          });
          changes.push({ channelId: channel.channelId, changed: !mine?.skipNext });
        }
      }
      const paused = member.pausedUntil && member.pausedUntil > clock.now();
      return {
        ok: true,
        channels: changes,
        pausedUntil: paused ? member.pausedUntil : null,
        zone: member.timezone,
      };
    });

  return {
    join: (ws: string, user: string, channel: string | null) => change('join', ws, user, channel),
    leave: (ws: string, user: string, channel: string | null) => change('leave', ws, user, channel),
    skip: (ws: string, user: string, channel: string | null) => change('skip', ws, user, channel),

    /** Pauses intros, check-ins and reminders until a day; it ends by itself. */
    pause(workspaceId: string, userId: string, typed: string): Promise<PauseResult> {
      return transaction(async (repos) => {
        const member = await repos.members.find(workspaceId, userId);
        if (!member) return { ok: false, code: 'unknown_member' };
        const parsed = parsePause(typed, clock.now(), member.timezone);
        if (!parsed.ok) return parsed;
        await repos.members.setPausedUntil(workspaceId, userId, parsed.until);
        return { ok: true, until: parsed.until, lastDay: parsed.lastDay, zone: member.timezone };
      });
    },

    /** Ends a pause now; `wasPaused` false when there was none to end. */
    resume(
      workspaceId: string,
      userId: string,
    ): Promise<{ ok: true; wasPaused: boolean } | { ok: false; code: 'unknown_member' }> {
      return transaction(async (repos) => {
        const member = await repos.members.find(workspaceId, userId);
        if (!member) return { ok: false, code: 'unknown_member' };
        const wasPaused = Boolean(member.pausedUntil && member.pausedUntil > clock.now());
        if (member.pausedUntil) await repos.members.setPausedUntil(workspaceId, userId, null);
        return { ok: true, wasPaused };
      });
    },
  };
}

export type RoundMembership = ReturnType<typeof makeRoundMembership>;
