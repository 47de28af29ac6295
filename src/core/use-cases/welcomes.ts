import { workingHoursOf } from '../domain/member';
import type { NewDelivery, SuggestedPerson } from '../domain/outbound';
import { isInNetwork, isReachable } from '../domain/reachable';
import { nextWorkingMoment } from '../domain/schedule';
import { starterIntroductions } from '../domain/starters';
import type { Clock, UnitOfWork } from '../ports';
import type { JobOutcome } from './kudos-prompt';
import { loadWorkspaceNetwork, reachableDepartments } from './workspace-network';

const DAY_MS = 24 * 60 * 60 * 1000;
/** People in the new member's own department, and from other departments. */
export const STARTERS = { own: 2, across: 3 };

/** New members: a welcome with introductions some days after they join (an admin's setting). */
export function makeWelcomes({ transaction, clock }: { transaction: UnitOfWork; clock: Clock }) {
  return {
    /** A member joined the workspace (not a directory sync): their welcome is due later. */
    joined(workspaceId: string, userId: string): Promise<void> {
      return transaction(async (repos) => {
        const at = clock.now();
        const { welcome } = await repos.settings.get(workspaceId);
        if (!welcome.enabled) return;
        await repos.welcomes.schedule(
          workspaceId,
          userId,
          at,
          new Date(at.getTime() + welcome.delayDays * DAY_MS),
        );
      });
    },

    /** Queues every welcome that has come due, with starter introductions for each. */
    sendDue(workspaceId: string): Promise<JobOutcome> {
      return transaction(async (repos) => {
        const now = clock.now();
        const due = await repos.welcomes.claimDue(workspaceId, now, 200);
        if (due.length === 0) return { queued: 0, note: 'no welcomes due' };
        const { welcome } = await repos.settings.get(workspaceId);
        if (!welcome.enabled) {
          // Turned off since they joined: these welcomes are done with, unsent.
          for (const { userId } of due) await repos.welcomes.markQueued(workspaceId, userId, now);
          return { queued: 0, note: 'welcomes are off' };
        }
        const { members, network } = await loadWorkspaceNetwork(repos, workspaceId, now);
        const byId = new Map(members.map((m) => [m.userId, m]));
        const departments = reachableDepartments(members, now);
        const deliveries: NewDelivery[] = [];
        for (const { userId } of due) {
          const member = byId.get(userId);
          if (member?.pausedUntil && member.pausedUntil > now && isInNetwork(member)) {
            await repos.welcomes.postpone(workspaceId, userId, member.pausedUntil);
            continue;
          }
          await repos.welcomes.markQueued(workspaceId, userId, now);
          if (!member || !isReachable(member, now)) continue;
          const starters = starterIntroductions(network, userId, {
            departments: new Map([...departments, [userId, member.departmentName]]),
            ...STARTERS,
          });
          const person = (id: string): SuggestedPerson => ({
            userId: id,
            department: departments.get(id) ?? null,
            mutualId: null,
            mutualCount: 0,
          });
          if (starters.own.length + starters.across.length === 0) continue;
          deliveries.push({
            dedupeKey: `welcome:${userId}`,
            target: { type: 'member', userId },
            message: {
              kind: 'welcome',
              ownDepartment: starters.own.map(person),
              acrossDepartments: starters.across.map(person),
            },
            availableAt: nextWorkingMoment(now, workingHoursOf(member)),
          });
        }
        const queued = await repos.deliveries.enqueue(workspaceId, deliveries);
        return { queued, note: `${queued} welcomes queued` };
      });
    },
  };
}

export type Welcomes = ReturnType<typeof makeWelcomes>;
