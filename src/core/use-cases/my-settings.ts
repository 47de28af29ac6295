import type { Member } from '../domain/member';
import type { Clock, UnitOfWork } from '../ports';

/** Everything a member has chosen, in one place (`/rapport settings`). */
export interface MySettings {
  member: Member;
  /** The round channels and where the member stands in each. */
  rounds: Array<{ channelId: string; takesPart: boolean; skipNext: boolean; quiet: boolean }>;
  pausedUntil: Date | null;
}

export type MySettingsResult =
  { ok: true; settings: MySettings } | { ok: false; code: 'unknown_member' };

export function makeMySettings({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return function mySettings(workspaceId: string, userId: string): Promise<MySettingsResult> {
    return transaction(async (repos): Promise<MySettingsResult> => {
      const member = await repos.members.find(workspaceId, userId);
      if (!member || member.isDeactivated) return { ok: false, code: 'unknown_member' };
      const rounds = [];
      for (const channel of (await repos.rounds.channels(workspaceId)).filter((c) => c.enabled)) {
        const mine = (await repos.rounds.participants(channel.id)).find((p) => p.userId === userId);
        const takesPart = mine ? mine.status === 'in' : channel.participation === 'channel';
        rounds.push({
          channelId: channel.channelId,
          takesPart,
          skipNext: Boolean(mine?.skipNext),
          quiet: mine?.outReason === 'quiet',
        });
      }
      const pausedUntil =
        member.pausedUntil && member.pausedUntil > clock.now() ? member.pausedUntil : null;
      return { ok: true, settings: { member, rounds, pausedUntil } };
    });
  };
}
