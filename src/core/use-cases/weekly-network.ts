import { workingHoursOf } from '../domain/member';
import type { NewDelivery } from '../domain/outbound';
import { isReachable } from '../domain/reachable';
import { nextWorkingMoment } from '../domain/schedule';
import type { Clock, UnitOfWork } from '../ports';
import type { JobOutcome } from './kudos-prompt';
import { SUGGESTIONS, toSuggested, workspaceSuggester } from './workspace-network';

/** Names in a keep-in-touch nudge. */
export const NUDGE_NAMES = 3;

/**
 * Once a week, each member who takes part gets at most one DM, at the start of their working
 * day: up to three relationships going cold (unless they turned nudges off) and up to three
 * people to meet (unless they turned suggestions off). Nothing when there is neither.
 */
export function makeWeeklyNetwork({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  return function weeklyNetwork(workspaceId: string, slot: Date): Promise<JobOutcome> {
    return transaction(async (repos) => {
      const now = clock.now();
      const { members, network, departments, suggest } = await workspaceSuggester(
        repos,
        workspaceId,
        now,
      );
      const deliveries: NewDelivery[] = [];
      let nudges = 0;
      let suggested = 0;
      for (const m of members) {
        if (!isReachable(m, now)) continue;
        const i = network.index.get(m.userId)!;
        const cold = m.nudges.enabled
          ? network.goingCold(i, now, m.nudges.cadenceDays, NUDGE_NAMES)
          : [];
        const suggestions = m.suggestions ? suggest(m.userId, SUGGESTIONS, m.departmentName) : [];
        if (cold.length === 0 && suggestions.length === 0) continue;
        nudges += cold.length > 0 ? 1 : 0;
        suggested += suggestions.length > 0 ? 1 : 0;
        deliveries.push({
          dedupeKey: `weekly:${m.userId}:${slot.toISOString().slice(0, 10)}`,
          target: { type: 'member', userId: m.userId },
          message: {
            kind: 'weekly_network',
            asOf: now.toISOString(),
            cold: cold.map((c) => ({ userId: c.userId, lastAt: c.lastAt.toISOString() })),
            suggestions: suggestions.map((s) => toSuggested(s, departments)),
          },
          availableAt: nextWorkingMoment(slot, workingHoursOf(m)),
        });
      }
      const queued = await repos.deliveries.enqueue(workspaceId, deliveries);
      return {
        queued,
        note: `${deliveries.length} weekly DMs (${nudges} with nudges, ${suggested} with suggestions)`,
      };
    });
  };
}

export type WeeklyNetwork = ReturnType<typeof makeWeeklyNetwork>;
