import { formGroups, type Candidate } from '../domain/matching';
import { utcWindow } from '../domain/matching-cost';
import { workingHoursOf, type Member } from '../domain/member';
import { GROUP_REACH, toGroup, toMember, type NewDelivery } from '../domain/outbound';
import { CONVERSATION_STARTERS, QUIET_ROUNDS_BEFORE_PAUSE } from '../domain/rounds';
import { groupDelivery, roundDeliveryKeys } from './round-deliveries';
import { sharedWorkingMoment, type IntervalCache } from '../domain/schedule';
import type { Clock, RoundRecord, Repositories, UnitOfWork } from '../ports';
import type { JobOutcome } from './kudos-prompt';

const DAY_MS = 24 * 60 * 60 * 1000;
/** History further back than this no longer shapes a round. */
const LOOK_BACK_DAYS = 365;

export interface RunRoundRequest {
  workspaceId: string;
  roundChannelId: string;
  slot: Date;
  /** Everyone in the channel, when the channel's members take part by default. */
  channelMembers?: string[];
}

/** The longest stretch of the round's (UTC) day, in half hours, when every member is at work. */
function sharedHours(members: Member[], at: Date): { start: string; end: string } | null {
  const windows = members.map((m) =>
    utcWindow(m.timezone, m.workingHours.startMinute, m.workingHours.endMinute, at),
  );
  const working = (w: { utcStart: number; utcEnd: number }, t: number) =>
    w.utcStart < w.utcEnd ? t >= w.utcStart && t < w.utcEnd : t >= w.utcStart || t < w.utcEnd;
  let best: { start: number; end: number } | null = null;
  let runStart: number | null = null;
  for (let t = 0; t <= 1440; t += 30) {
    const all = t < 1440 && windows.every((w) => working(w, t));
    if (all && runStart === null) runStart = t;
    if (!all && runStart !== null) {
      if (!best || t - runStart > best.end - best.start) best = { start: runStart, end: t };
      runStart = null;
    }
  }
  if (!best) return null;
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const instant = (minute: number) => new Date(midnight + minute * 60_000).toISOString();
  return { start: instant(best.start), end: instant(best.end) };
}

/**
 * Counts a member's silence in the previous round: whoever was asked "did you meet?" and did
 * not answer (and whose group did not say it met) is one round quieter; three in a row pauses
 * them in this channel, and they are told how to rejoin. Someone whose check-in never reached
 * them (paused, or it was not sent) was not silent.
 */
async function countQuietRounds(
  repos: Repositories,
  workspaceId: string,
  channel: { id: string; channelId: string },
  previous: RoundRecord | null,
  now: Date,
): Promise<NewDelivery[]> {
  if (!previous) return [];
  const participants = new Map(
    (await repos.rounds.participants(channel.id)).map((p) => [p.userId, p]),
  );
  const checkinKey = (position: number) => `round:${previous.id}:checkin:${position}`;
  const checkins = await repos.deliveryLog.byKeys(workspaceId, roundDeliveryKeys(previous));
  const told: NewDelivery[] = [];
  const counts: Array<{ userId: string; quietRounds: number }> = [];
  for (const group of previous.groups) {
    const checkin = groupDelivery(
      checkins,
      checkinKey(group.position),
      group.members.map((m) => m.userId),
    );
    const asked = new Set(checkin?.status === 'sent' ? checkin.recipients : []);
    for (const { userId, response } of group.members) {
      const before = participants.get(userId)?.quietRounds ?? 0;
      const answered = response !== null || group.outcome === 'met';
      if (!answered && !asked.has(userId)) continue;
      const quietRounds = answered ? 0 : before + 1;
      if (quietRounds < QUIET_ROUNDS_BEFORE_PAUSE) {
        if (quietRounds !== before) counts.push({ userId, quietRounds });
        continue;
      }
      await repos.rounds.setParticipant(workspaceId, channel.id, userId, {
        status: 'out',
        outReason: 'quiet',
        quietRounds,
      });
      const member = await repos.members.find(workspaceId, userId);
      if (member)
        told.push(
          toMember(
            member,
            `round:${previous.id}:paused:${userId}`,
            { kind: 'round_paused', channelId: channel.channelId, quietRounds },
            now,
          ),
        );
    }
  }
  await repos.rounds.setQuietRounds(workspaceId, channel.id, counts);
  return told;
}

/** One round in one channel: groups formed, recorded, and every message queued, at once. */
export function makeRunRound({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return function runRound(request: RunRoundRequest): Promise<JobOutcome> {
    const { workspaceId, slot } = request;
    return transaction(async (repos) => {
      const channel = await repos.rounds.channelById(workspaceId, request.roundChannelId);
      if (!channel?.enabled) return { queued: 0, note: 'the round channel is off' };
      const previous = await repos.rounds.latestRound(channel.id);
      if (previous && previous.slot.getTime() === slot.getTime())
        return { queued: 0, note: 'this round already ran' };
      const now = clock.now();
      const deliveries = await countQuietRounds(repos, workspaceId, channel, previous, now);

      const participants = await repos.rounds.participants(channel.id);
      const state = new Map(participants.map((p) => [p.userId, p]));
      const ids =
        channel.participation === 'channel'
          ? [
              ...new Set([
                ...(request.channelMembers ?? []),
                ...participants.filter((p) => p.status === 'in').map((p) => p.userId),
              ]),
            ].filter((id) => state.get(id)?.status !== 'out')
          : participants.filter((p) => p.status === 'in').map((p) => p.userId);
      // Bots and guests from other organisations are not part of the company's rounds.
      const members = (await repos.members.findMany(workspaceId, ids)).filter(
        (m) => !m.isBot && !m.externalOrg,
      );
      const byId = new Map(members.map((m) => [m.userId, m]));
      const candidates: Candidate[] = members.map((m) => ({
        userId: m.userId,
        department: m.departmentName,
        timezone: m.timezone,
        workingHours: m.workingHours,
        pausedUntil: m.pausedUntil,
        optedOut: m.optedOut,
        isDeactivated: m.isDeactivated,
        skipping: state.get(m.userId)?.skipNext ?? false,
      }));
      const lookBack = Math.max(channel.repeatWindowDays, LOOK_BACK_DAYS);
      const result = formGroups(candidates, {
        now: slot,
        groupSize: channel.groupSize,
        repeatWindowDays: channel.repeatWindowDays,
        leftover: channel.leftover,
        seed: `${channel.id}:${slot.toISOString()}`,
        history: await repos.rounds.history(
          workspaceId,
          new Date(slot.getTime() - lookBack * DAY_MS),
        ),
        lastSatOut: await repos.rounds.lastSatOut(channel.id),
      });

      const checkinFrom = new Date(slot.getTime() + channel.checkinAfterDays * DAY_MS);
      const groupMembers = result.groups.map((g) => g.map((id) => byId.get(id)!));
      const created = await repos.rounds.createRound(workspaceId, {
        roundChannelId: channel.id,
        slot,
        checkinAt: checkinFrom,
        createdAt: now,
        groups: result.groups,
        absences: [...result.satOut, ...result.excluded],
        departmentPairs: result.stats.departmentPairs,
        departmentPairsBound: result.stats.departmentPairsBound,
      });
      // Another replica recorded this round first: undo everything done here.
      if (!created) throw new Error('the round was recorded by another replica');
      for (const e of result.excluded.filter((x) => x.reason === 'skipping'))
        await repos.rounds.setParticipant(workspaceId, channel.id, e.userId, { skipNext: false });

      const key = (part: string) => `round:${created.id}:${part}`;
      const intervals: IntervalCache = new Map();
      deliveries.push({
        dedupeKey: key('summary'),
        target: { type: 'channel', channelId: channel.channelId },
        message: {
          kind: 'round_summary',
          roundChannelId: channel.id,
          channelId: channel.channelId,
          people: result.groups.flat().length,
          groups: result.groups.length,
          crossDepartment: result.stats.crossDepartment,
          departments: new Set(members.map((m) => m.departmentName).filter(Boolean)).size,
          optIn: channel.participation === 'opt_in',
        },
        availableAt: slot,
      });
      const reach = GROUP_REACH[await repos.workspaces.platformOf(workspaceId)];
      groupMembers.forEach((group, position) => {
        const target = { type: 'group' as const, userIds: group.map((m) => m.userId) };
        deliveries.push(
          ...toGroup(reach, {
            dedupeKey: key(`intro:${position}`),
            target,
            message: {
              kind: 'round_intro',
              channelId: channel.channelId,
              members: group.map((m) => ({
                userId: m.userId,
                name: m.name,
                department: m.departmentName,
                title: m.title,
              })),
              starter: CONVERSATION_STARTERS[position % CONVERSATION_STARTERS.length]!,
              sharedHours: sharedHours(group, slot),
            },
            availableAt: sharedWorkingMoment(slot, group.map(workingHoursOf), intervals),
          }),
        );
        deliveries.push(
          ...toGroup(reach, {
            dedupeKey: key(`checkin:${position}`),
            target,
            message: {
              kind: 'round_checkin',
              groupId: created.groupIds[position]!,
              channelId: channel.channelId,
            },
            availableAt: sharedWorkingMoment(checkinFrom, group.map(workingHoursOf), intervals),
          }),
        );
      });
      for (const out of result.satOut) {
        const member = byId.get(out.userId)!;
        deliveries.push(
          toMember(
            member,
            key(`sat-out:${out.userId}`),
            { kind: 'round_sat_out', channelId: channel.channelId, reason: out.reason },
            slot,
          ),
        );
      }
      const queued = await repos.deliveries.enqueue(workspaceId, deliveries);
      return {
        queued,
        note:
          `${result.groups.length} groups (${result.stats.crossDepartment} across departments, ` +
          `bound ${result.stats.crossDepartmentBound}), ` +
          `${result.stats.departmentPairs} department pairs ` +
          `(bound ${result.stats.departmentPairsBound}), ${result.satOut.length} sat out, ` +
          `${result.excluded.length} away`,
      };
    });
  };
}

export type RunRound = ReturnType<typeof makeRunRound>;
