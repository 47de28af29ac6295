import type { UnitOfWork } from '../ports';

export interface JobOutcome {
  /** How many new deliveries were queued. */
  queued: number;
  /** What happened, in words: why nothing was queued, or what was done. */
  note?: string;
}

/** The weekly "who helped you this week?" post in the kudos channel, for one slot. */
export function makeKudosPrompt({ transaction }: { transaction: UnitOfWork }) {
  return function kudosPrompt(workspaceId: string, slot: Date): Promise<JobOutcome> {
    return transaction(async (repos) => {
      const settings = await repos.settings.get(workspaceId);
      if (!settings.kudosPrompt.enabled) return { queued: 0, note: 'the kudos prompt is off' };
      if (!settings.kudosChannelId) return { queued: 0, note: 'no kudos channel is set' };
      const queued = await repos.deliveries.enqueue(workspaceId, [
        {
          dedupeKey: `kudos-prompt:${slot.toISOString()}`,
          target: { type: 'channel', channelId: settings.kudosChannelId },
          message: { kind: 'kudos_prompt', values: settings.kudosValues },
          availableAt: slot,
        },
      ]);
      return { queued };
    });
  };
}

export type KudosPrompt = ReturnType<typeof makeKudosPrompt>;
