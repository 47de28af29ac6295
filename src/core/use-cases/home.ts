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
import type { Introductions } from './introductions';
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
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type HomeResult = { ok: true; home: Home } | { ok: false; code: 'unknown_member' };

/**
 * What a member sees on their home tab, read afresh each time: their network, follow-ups,
 * introductions waiting, people to meet, their latest kudos.
 */
export function makeHome({
  transaction,
  clock,
  introductions,
}: {
  transaction: UnitOfWork;
  clock: Clock;
  introductions: Introductions;
}) {
  return async function home(workspaceId: string, userId: string): Promise<HomeResult> {
    const read = await transaction(async (repos) => {
      const now = clock.now();
      const summary = await summariseNetwork(repos, workspaceId, userId, now);
      if (!summary) return null;
      const recent = await repos.kudos.recent(workspaceId, userId, RECENT_KUDOS_SHOWN);
      const deliveries = summary.member.isAdmin
        ? (await repos.deliveryLog.report(workspaceId, new Date(now.getTime() - WEEK_MS), 0)).counts
        : undefined;
      return {
        summary,
        recentGiven: recent.given,
        recentReceived: recent.received,
        followups: (await repos.reminders.pendingOf(workspaceId, userId, LIST_SHOWN)).slice(
          0,
          FOLLOWUPS_SHOWN,
        ),
        introductions: await repos.introductions.openFor(workspaceId, userId),
        ...(deliveries && { deliveries }),
      };
    });
    if (!read) return { ok: false, code: 'unknown_member' };
    const suggested = read.summary.member.suggestions
      ? await introductions.suggestNow(workspaceId, userId)
      : null;
    return {
      ok: true,
      home: { ...read, suggestions: suggested?.ok ? suggested.suggestions : [] },
    };
  };
}

export type HomeUseCase = ReturnType<typeof makeHome>;
