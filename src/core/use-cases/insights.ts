import {
  DEFAULT_INSIGHT_WEEKS,
  headlineOf,
  type Insights,
  type InsightWeeks,
} from '../domain/insights';
import { buildInsights, insightPeriod } from '../domain/insights-rules';
import { MEANINGFUL_STRENGTH } from '../domain/relationships';
import type { Clock, MeaningfulRule, Repositories, UnitOfWork } from '../ports';
import type { JobOutcome } from './kudos-prompt';
import { ADMINS_ONLY, type AdminsOnly } from './admin-settings';
import { STRENGTH_RULE } from './workspace-network';

export type InsightsResult = { ok: true; insights: Insights } | AdminsOnly;

const MEANINGFUL: MeaningfulRule = { ...STRENGTH_RULE, threshold: MEANINGFUL_STRENGTH };

/**
 * What an admin reads about the whole workspace over the last 4, 12 or 52 weeks up to now
 * (both ends included). Only counted members appear: not bots, not deactivated, not opted
 * out, not guests; departments are today's.
 *
 * - A relationship in the period: two counted members with an interaction in it, either way.
 *   It crosses departments when both have one and they differ; it is meaningful when all
 *   the pair's interactions up to the end, decayed, reach MEANINGFUL_STRENGTH.
 * - Cross share: members with a department who have a cross-department relationship from
 *   interactions up to the end (or up to the start); isolated: those with none at the end.
 * - Kudos: created in the period. By department and crossing count only counted members'
 *   departments (a forgotten giver has none); the total and values count every kudos.
 * - Rounds: every round whose slot is in the period, people as the round recorded them.
 */
async function workOut(
  repos: Repositories,
  workspaceId: string,
  weeks: InsightWeeks,
  now: Date,
): Promise<Insights> {
  const period = insightPeriod(now, weeks);
  const { minDepartmentSize } = await repos.settings.get(workspaceId);
  const q = repos.insights;
  // One after another: a transaction holds one connection.
  const figures = {
    departments: await q.departments(workspaceId),
    links: await q.links(workspaceId, period, MEANINGFUL),
    reach: await q.reach(workspaceId, period),
    kudos: await q.kudos(workspaceId, period),
    rounds: await q.rounds(workspaceId, period),
  };
  const insights = buildInsights({ weeks, ...period, minDepartmentSize, figures });
  // Whoever works out the Home's period keeps its headline for admins' Home views.
  if (weeks === DEFAULT_INSIGHT_WEEKS)
    await repos.insights.saveHeadline(workspaceId, headlineOf(insights), now);
  return insights;
}

export function makeInsights({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return {
    read(workspaceId: string, actorId: string, weeks: InsightWeeks): Promise<InsightsResult> {
      return transaction(async (repos) => {
        const actor = await repos.members.find(workspaceId, actorId);
        if (!actor?.isAdmin || actor.isDeactivated) return ADMINS_ONLY;
        return {
          ok: true as const,
          insights: await workOut(repos, workspaceId, weeks, clock.now()),
        };
      });
    },

    /** The headline admins' Home views show, worked out again (the insights-headline job). */
    refreshHeadline(workspaceId: string): Promise<JobOutcome> {
      return transaction(async (repos) => {
        await workOut(repos, workspaceId, DEFAULT_INSIGHT_WEEKS, clock.now());
        return { queued: 0, note: 'insights headline worked out' };
      });
    },
  };
}

export type InsightsUseCase = ReturnType<typeof makeInsights>;
