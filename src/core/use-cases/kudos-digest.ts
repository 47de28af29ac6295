import { summariseWeek } from '../domain/digest';
import type { UnitOfWork } from '../ports';
import type { JobOutcome } from './kudos-prompt';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The weekly digest of the seven days before the slot, posted in the kudos channel. */
export function makeKudosDigest({ transaction }: { transaction: UnitOfWork }) {
  return function kudosDigest(workspaceId: string, slot: Date): Promise<JobOutcome> {
    return transaction(async (repos) => {
      const settings = await repos.settings.get(workspaceId);
      if (!settings.kudosDigest.enabled) return { queued: 0, note: 'the kudos digest is off' };
      if (!settings.kudosChannelId) return { queued: 0, note: 'no kudos channel is set' };
      const from = new Date(slot.getTime() - WEEK_MS);
      const week = await repos.kudos.between(workspaceId, from, slot);
      if (week.length === 0) return { queued: 0, note: 'no kudos this week' };
      const queued = await repos.deliveries.enqueue(workspaceId, [
        {
          dedupeKey: `kudos-digest:${slot.toISOString()}`,
          target: { type: 'channel', channelId: settings.kudosChannelId },
          message: { kind: 'kudos_digest', digest: summariseWeek(week, from, slot) },
          availableAt: slot,
        },
      ]);
      return { queued };
    });
  };
}

export type KudosDigestJob = ReturnType<typeof makeKudosDigest>;
