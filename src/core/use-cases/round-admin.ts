import {
  checkRoundChannel,
  DEFAULT_ROUND_CHANNEL,
  type RoundChannel,
  type RoundChannelCheck,
  type RoundChannelInput,
  type RoundChannelSettings,
} from '../domain/rounds';
import type {
  CheckinResponse,
  DeliveryRecord,
  DeliveryState,
  Repositories,
  RoundRecord,
  UnitOfWork,
} from '../ports';
import { ADMINS_ONLY, type AdminsOnly } from './admin-settings';
import { groupDelivery, roundDeliveryKeys } from './round-deliveries';

type Refused = AdminsOnly;
const refused: Refused = ADMINS_ONLY;

/** One group as an admin reads it. */
export interface GroupReport {
  position: number;
  members: string[];
  /** The intro's delivery; null if it was never queued. */
  intro: DeliveryState | null;
  /** Why the intro was not sent, when it was not. */
  reason: string | null;
  /** Members the intro left out because they could no longer be reached. */
  leftOut: string[];
  checkin: DeliveryState | null;
  outcome: CheckinResponse | null;
  answers: number;
}

/** A round as an admin reads it: every group, who was told, who met, who sat out and why. */
export interface RoundReport {
  channel: RoundChannel;
  round: Pick<
    RoundRecord,
    'id' | 'slot' | 'absences' | 'departmentPairs' | 'departmentPairsBound'
  > | null;
  groups: GroupReport[];
  totals: {
    people: number;
    groups: number;
    /** Groups whose intro was sent. */
    told: number;
    /** Groups whose intro was skipped or given up on. */
    notTold: number;
    met: number;
    notYet: number;
    skipped: number;
    noAnswer: number;
  };
}

/** Puts a round's groups beside what happened to their messages. */
export function roundReport(
  channel: RoundChannel,
  round: RoundRecord | null,
  deliveries: Map<string, DeliveryRecord>,
): RoundReport {
  const groups: GroupReport[] = (round?.groups ?? []).map((g) => {
    const members = g.members.map((m) => m.userId);
    const intro = groupDelivery(deliveries, `round:${round!.id}:intro:${g.position}`, members);
    return {
      position: g.position,
      members,
      intro: intro?.status ?? null,
      reason: intro?.reason ?? null,
      leftOut: intro?.status === 'sent' ? members.filter((m) => !intro.recipients.includes(m)) : [],
      checkin:
        groupDelivery(deliveries, `round:${round!.id}:checkin:${g.position}`, members)?.status ??
        null,
      outcome: g.outcome,
      answers: g.members.filter((m) => m.response !== null).length,
    };
  });
  const count = (test: (g: GroupReport) => boolean) => groups.filter(test).length;
  return {
    channel,
    round: round && {
      id: round.id,
      slot: round.slot,
      absences: round.absences,
      departmentPairs: round.departmentPairs,
      departmentPairsBound: round.departmentPairsBound,
    },
    groups,
    totals: {
      people: groups.reduce((n, g) => n + g.members.length, 0),
      groups: groups.length,
      told: count((g) => g.intro === 'sent'),
      notTold: count((g) => g.intro === 'skipped' || g.intro === 'dead'),
      met: count((g) => g.outcome === 'met'),
      notYet: count((g) => g.outcome === 'not_yet'),
      skipped: count((g) => g.outcome === 'skip'),
      noAnswer: count((g) => g.checkin === 'sent' && g.answers === 0),
    },
  };
}

/** Round channels for admins: list, add or change, and read the latest round. */
export function makeRoundAdmin({ transaction }: { transaction: UnitOfWork }) {
  const asAdmin = <T>(
    workspaceId: string,
    actorId: string,
    work: (repos: Repositories) => Promise<T>,
  ): Promise<T | Refused> =>
    transaction(async (repos) => {
      const actor = await repos.members.find(workspaceId, actorId);
      if (!actor?.isAdmin || actor.isDeactivated) return refused;
      return work(repos);
    });

  return {
    list: (workspaceId: string, actorId: string) =>
      asAdmin(workspaceId, actorId, async (repos) => ({
        ok: true as const,
        channels: await repos.rounds.channels(workspaceId),
      })),

    /** The settings to show in the form: the channel's own, or the defaults for a new one. */
    settingsFor: (workspaceId: string, actorId: string, channelId: string | null) =>
      asAdmin(workspaceId, actorId, async (repos) => {
        const existing = channelId ? await repos.rounds.channel(workspaceId, channelId) : null;
        const settings:
          | RoundChannelSettings
          | (Omit<RoundChannelSettings, 'channelId'> & {
              channelId: string | null;
            }) = existing ?? { ...DEFAULT_ROUND_CHANNEL, channelId };
        return { ok: true as const, settings };
      }),

    save: (
      workspaceId: string,
      actorId: string,
      input: RoundChannelInput,
    ): Promise<RoundChannelCheck | Refused | { ok: true; channel: RoundChannel }> => {
      const check = checkRoundChannel(input);
      if (!check.ok) return Promise.resolve(check);
      return asAdmin(workspaceId, actorId, async (repos) => ({
        ok: true as const,
        channel: await repos.rounds.saveChannel(workspaceId, check.settings),
      }));
    },

    report: (workspaceId: string, actorId: string, channelId: string | null) =>
      asAdmin(workspaceId, actorId, async (repos) => {
        const channels = await repos.rounds.channels(workspaceId);
        const channel = channelId
          ? channels.find((c) => c.channelId === channelId)
          : channels.length === 1
            ? channels[0]
            : undefined;
        if (!channel)
          return {
            ok: false as const,
            code: channels.length === 0 ? ('no_rounds' as const) : ('which_round' as const),
            example: channels[0]?.channelId ?? null,
          };
        const round = await repos.rounds.latestRound(channel.id);
        const deliveries = await repos.deliveryLog.byKeys(workspaceId, roundDeliveryKeys(round));
        const zone = channel.timezone ?? (await repos.settings.get(workspaceId)).timezone;
        return { ok: true as const, report: roundReport(channel, round, deliveries), zone };
      }),
  };
}

export type RoundAdmin = ReturnType<typeof makeRoundAdmin>;
