import type { Member } from '../domain/member';
import { Candidates, Network, Scratch, suggestFor } from '../domain/network';
import type { NewDelivery, SuggestedPerson } from '../domain/outbound';
import { isInNetwork, isReachable } from '../domain/reachable';
import { INTERACTION_WEIGHTS, STRENGTH_HALF_LIFE_DAYS } from '../domain/relationships';
import { nextWorkingMoment } from '../domain/schedule';
import type { Clock, Repositories, StrengthRule, UnitOfWork } from '../ports';
import { hoursOf } from './followups';
import type { JobOutcome } from './kudos-prompt';

export const STRENGTH_RULE: StrengthRule = {
  weights: INTERACTION_WEIGHTS,
  halfLifeDays: STRENGTH_HALF_LIFE_DAYS,
};
/** Names in a keep-in-touch nudge, and people in a week's suggestions. */
export const NUDGE_NAMES = 3;
export const SUGGESTIONS = 3;

/** What suggestions need: who can be suggested (by department) and whom each set aside. */
export async function suggestionContext(
  repos: Repositories,
  workspaceId: string,
  members: Member[],
  now: Date,
  memberId?: string,
) {
  const departments = new Map(
    members.filter((m) => isReachable(m, now)).map((m) => [m.userId, m.departmentName]),
  );
  const snoozed = await repos.suggestionSnoozes.active(workspaceId, now, memberId);
  const open = memberId
    ? [...(await repos.introductions.openWith(workspaceId, memberId))].map(
        (other) => [memberId, other] as [string, string],
      )
    : await repos.introductions.openPairs(workspaceId);
  const excluded = new Map<string, Set<string>>(snoozed);
  for (const [a, b] of open)
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = excluded.get(x) ?? new Set<string>();
      set.add(y);
      excluded.set(x, set);
    }
  return {
    departments,
    excludedFor: (id: string) => excluded.get(id) ?? new Set<string>(),
  };
}

export const toSuggested = (
  s: { userId: string; mutualId: string | null; mutualCount: number },
  departments: ReadonlyMap<string, string | null>,
): SuggestedPerson => ({ ...s, department: departments.get(s.userId) ?? null });

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
      const members = await repos.members.all(workspaceId);
      const pairs = await repos.interactions.pairStrengths(workspaceId, now, STRENGTH_RULE);
      const network = new Network(
        members.filter(isInNetwork).map((m) => m.userId),
        pairs,
      );
      const { departments, excludedFor } = await suggestionContext(
        repos,
        workspaceId,
        members,
        now,
      );
      const candidates = new Candidates(network, departments);
      const scratch = new Scratch(candidates);
      const deliveries: NewDelivery[] = [];
      let nudges = 0;
      let suggested = 0;
      for (const m of members) {
        if (!isReachable(m, now)) continue;
        const i = network.index.get(m.userId)!;
        const cold = m.nudges.enabled
          ? network.goingCold(i, now, m.nudges.cadenceDays, NUDGE_NAMES)
          : [];
        const suggestions = m.suggestions
          ? suggestFor(candidates, m.userId, {
              excluded: excludedFor(m.userId),
              limit: SUGGESTIONS,
              scratch,
            })
          : [];
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
          availableAt: nextWorkingMoment(slot, hoursOf(m)),
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
