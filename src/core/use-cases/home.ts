import type { Clock, DeliveryReport, KudosRecord, UnitOfWork } from '../ports';
import { summariseNetwork, UNKNOWN_MEMBER_MESSAGE, type NetworkSummary } from './network-summary';

export const RECENT_KUDOS_SHOWN = 5;

export interface Home {
  summary: NetworkSummary;
  recentGiven: KudosRecord[];
  recentReceived: KudosRecord[];
  /** For admins: the week's delivery counts. */
  deliveries?: DeliveryReport['counts'];
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type HomeResult = { ok: true; home: Home } | { ok: false; message: string };

/** What a member sees on their home tab: their network and their latest kudos. */
export function makeHome({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return function home(workspaceId: string, userId: string): Promise<HomeResult> {
    return transaction(async (repos) => {
      const summary = await summariseNetwork(repos, workspaceId, userId, clock.now());
      if (!summary) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
      const recent = await repos.kudos.recent(workspaceId, userId, RECENT_KUDOS_SHOWN);
      const since = new Date(clock.now().getTime() - WEEK_MS);
      const deliveries = summary.member.isAdmin
        ? (await repos.deliveryLog.report(workspaceId, since, 0)).counts
        : undefined;
      return {
        ok: true,
        home: {
          summary,
          recentGiven: recent.given,
          recentReceived: recent.received,
          ...(deliveries && { deliveries }),
        },
      };
    });
  };
}

export type HomeUseCase = ReturnType<typeof makeHome>;
