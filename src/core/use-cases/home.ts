import type { KudosRecord, UnitOfWork } from '../ports';
import { summariseNetwork, UNKNOWN_MEMBER_MESSAGE, type NetworkSummary } from './network-summary';

export const RECENT_KUDOS_SHOWN = 5;

export interface Home {
  summary: NetworkSummary;
  recentGiven: KudosRecord[];
  recentReceived: KudosRecord[];
}

export type HomeResult = { ok: true; home: Home } | { ok: false; message: string };

/** What a member sees on their home tab: their network and their latest kudos. */
export function makeHome({ transaction }: { transaction: UnitOfWork }) {
  return function home(workspaceId: string, userId: string): Promise<HomeResult> {
    return transaction(async (repos) => {
      const summary = await summariseNetwork(repos, workspaceId, userId);
      if (!summary) return { ok: false, message: UNKNOWN_MEMBER_MESSAGE };
      const recent = await repos.kudos.recent(workspaceId, userId, RECENT_KUDOS_SHOWN);
      return {
        ok: true,
        home: { summary, recentGiven: recent.given, recentReceived: recent.received },
      };
    });
  };
}

export type HomeUseCase = ReturnType<typeof makeHome>;
