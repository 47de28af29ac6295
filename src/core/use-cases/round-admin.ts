import {
  checkRoundChannel,
  DEFAULT_ROUND_CHANNEL,
  type RoundChannel,
  type RoundChannelCheck,
  type RoundChannelInput,
  type RoundChannelSettings,
} from '../domain/rounds';
import type { DeliveryState, Repositories, RoundRecord, UnitOfWork } from '../ports';
import { ADMINS_ONLY } from './admin-settings';

type Refused = { ok: false; message: string };
const refused: Refused = { ok: false, message: ADMINS_ONLY };

/** A round as an admin reads it: every group, who was told, who met, who sat out and why. */
export interface RoundReport {
  channel: RoundChannel;
  round: RoundRecord | null;
  /** Per group position: the intro's and the check-in's delivery. */
  told: Map<number, { intro?: DeliveryState; checkin?: DeliveryState; reason: string | null }>;
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
            message:
              channels.length === 0
                ? 'There are no rounds yet. Set one up with /rapport rounds.'
                : 'Which round? Name its channel, for example: /rapport round #coffee',
          };
        const round = await repos.rounds.latestRound(channel.id);
        const told: RoundReport['told'] = new Map();
        if (round) {
          const keys = round.groups.flatMap((g) => [
            `round:${round.id}:intro:${g.position}`,
            `round:${round.id}:checkin:${g.position}`,
          ]);
          const states = await repos.deliveryLog.byKeys(workspaceId, keys);
          for (const g of round.groups) {
            const intro = states.get(`round:${round.id}:intro:${g.position}`);
            const checkin = states.get(`round:${round.id}:checkin:${g.position}`);
            told.set(g.position, {
              ...(intro && { intro: intro.status }),
              ...(checkin && { checkin: checkin.status }),
              reason: intro?.reason ?? null,
            });
          }
        }
        return { ok: true as const, report: { channel, round, told } satisfies RoundReport };
      }),
  };
}

export type RoundAdmin = ReturnType<typeof makeRoundAdmin>;
