import { DEFAULT_INSIGHT_WEEKS, type InsightsHeadline } from '../domain/insights';
import type { SuggestedPerson } from '../domain/outbound';
import type {
  Clock,
  DeliveryReport,
  Introduction,
  KudosRecord,
  Reminder,
  UnitOfWork,
} from '../ports';
import { LIST_SHOWN } from './followups';
import { keptSuggestions, showsSuggestions } from './member-suggestions';
import { summariseNetwork, type NetworkSummary } from './network-summary';

export const RECENT_KUDOS_SHOWN = 5;
export const FOLLOWUPS_SHOWN = 5;

export interface Home {
  summary: NetworkSummary;
  recentGiven: KudosRecord[];
  recentReceived: KudosRecord[];
  /** Follow-ups coming up, soonest first. */
  followups: Reminder[];
  /** Introductions waiting on this member's answer, or on someone else's. */
  introductions: Introduction[];
  suggestions: SuggestedPerson[];
  /** For admins: the week's delivery counts. */
  deliveries?: DeliveryReport['counts'];
  /** For admins: the workspace's insights headline as last worked out; null before the first. */
  insights?: { headline: InsightsHeadline; computedAt: Date } | null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type HomeResult = { ok: true; home: Home } | { ok: false; code: 'unknown_member' };

/**
 * What a member sees on their home tab: their network, follow-ups, introductions waiting and
 * latest kudos read afresh; people to meet and an admin's insights headline as worked out
 * ahead (see member-suggestions.ts and the insights-headline job), so that opening Home costs
 * a few small queries whatever the workspace's size.
 */
export function makeHome({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return async function home(workspaceId: string, userId: string): Promise<HomeResult> {
    const read = await transaction(async (repos): Promise<Home | null> => {
      const now = clock.now();
      const summary = await summariseNetwork(repos, workspaceId, userId, now);
      if (!summary) return null;
      const { member } = summary;
      const recent = await repos.kudos.recent(workspaceId, userId, RECENT_KUDOS_SHOWN);
      const admin = member.isAdmin
        ? {
            deliveries: (
              await repos.deliveryLog.report(workspaceId, new Date(now.getTime() - WEEK_MS), 0)
            ).counts,
            insights: await repos.insights.headline(workspaceId, DEFAULT_INSIGHT_WEEKS),
          }
        : {};
      return {
        summary,
        recentGiven: recent.given,
        recentReceived: recent.received,
        followups: (await repos.reminders.pendingOf(workspaceId, userId, LIST_SHOWN)).slice(
          0,
          FOLLOWUPS_SHOWN,
        ),
        introductions: await repos.introductions.openFor(workspaceId, userId),
        suggestions: showsSuggestions(member)
          ? await keptSuggestions(repos, workspaceId, member, now)
          : [],
        ...admin,
      };
    });
    return read ? { ok: true, home: read } : { ok: false, code: 'unknown_member' };
  };
}

export type HomeUseCase = ReturnType<typeof makeHome>;
