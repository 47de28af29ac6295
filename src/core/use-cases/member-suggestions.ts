import type { Member } from '../domain/member';
import { Candidates, suggestFor, type Suggestion } from '../domain/network';
import type { SuggestedPerson } from '../domain/outbound';
import { isInNetwork, isReachable } from '../domain/reachable';
import type { Clock, Repositories, UnitOfWork } from '../ports';
import type { JobOutcome } from './kudos-prompt';
import {
  loadWorkspaceNetwork,
  reachableDepartments,
  setAside,
  SUGGESTIONS,
  toSuggested,
  workspaceSuggester,
} from './workspace-network';

/**
 * Kept beyond the three shown, so that a list checked again when read (someone opted out,
 * was set aside, was met) still has three.
 */
export const SPARE_SUGGESTIONS = 5;
const KEPT = SUGGESTIONS + SPARE_SUGGESTIONS;
/**
 * A kept list older than this is worked out again when read. The daily job refreshes every
 * list well before: this bound only matters when the job has not run.
 */
export const SUGGESTIONS_MAX_AGE_MS = 26 * 60 * 60 * 1000;

/** One member's people to meet, from the network around them: a fraction of a second. */
export async function suggestionsNow(
  repos: Repositories,
  workspaceId: string,
  me: Member,
  now: Date,
  limit = KEPT,
): Promise<{ suggestions: Suggestion[]; departments: Map<string, string | null> }> {
  const { members, network } = await loadWorkspaceNetwork(repos, workspaceId, now, me.userId);
  const departments = reachableDepartments(members, now);
  const excluded = (await setAside(repos, workspaceId, now, me.userId))(me.userId);
  // The member's own department, even while they are paused, is not suggested.
  const candidates = new Candidates(network, departments);
  const suggestions = suggestFor(candidates, me.userId, {
    excluded,
    limit,
    department: me.departmentName,
  });
  return { suggestions, departments };
}

/**
 * A kept list checked against what is true now: only people who may still be suggested
 * (reachable, in another department, not set aside, not waiting on an introduction, never
 * met), through someone both know who is still here. Null when too few are left: the list
 * is then worked out again.
 */
async function stillGood(
  repos: Repositories,
  workspaceId: string,
  me: Member,
  kept: Suggestion[],
  now: Date,
): Promise<SuggestedPerson[] | null> {
  const ids = kept.flatMap((s) => [s.userId, ...(s.mutualId ? [s.mutualId] : [])]);
  const people = new Map(
    (await repos.members.findMany(workspaceId, ids)).map((m) => [m.userId, m]),
  );
  const excluded = (await setAside(repos, workspaceId, now, me.userId))(me.userId);
  const met = await repos.interactions.lastWith(
    workspaceId,
    me.userId,
    kept.map((s) => s.userId),
  );
  const good = kept.filter((s) => {
    const other = people.get(s.userId);
    const mutual = s.mutualId ? people.get(s.mutualId) : null;
    return (
      other &&
      isReachable(other, now) &&
      other.departmentName &&
      other.departmentName !== me.departmentName &&
      !excluded.has(s.userId) &&
      !met.has(s.userId) &&
      (s.mutualId === null || (mutual && isInNetwork(mutual)))
    );
  });
  if (good.length < Math.min(SUGGESTIONS, kept.length)) return null;
  return good.slice(0, SUGGESTIONS).map((s) => ({
    ...s,
    department: people.get(s.userId)!.departmentName,
  }));
}

/**
 * The member's people to meet for their Home: their kept list if it is fresh and still holds,
 * else worked out now and kept for the next time.
 */
export async function keptSuggestions(
  repos: Repositories,
  workspaceId: string,
  me: Member,
  now: Date,
): Promise<SuggestedPerson[]> {
  const kept = await repos.memberSuggestions.of(workspaceId, me.userId);
  if (kept && now.getTime() - kept.computedAt.getTime() < SUGGESTIONS_MAX_AGE_MS) {
    const good = await stillGood(repos, workspaceId, me, kept.suggestions, now);
    if (good) return good;
  }
  const fresh = await suggestionsNow(repos, workspaceId, me, now);
  await repos.memberSuggestions.put(workspaceId, me.userId, now, fresh.suggestions);
  return fresh.suggestions.slice(0, SUGGESTIONS).map((s) => toSuggested(s, fresh.departments));
}

/** Whether a member's Home shows people to meet (paused or opted out, it still does). */
export const showsSuggestions = (m: Pick<Member, 'suggestions' | 'isDeactivated'>) =>
  m.suggestions && !m.isDeactivated;

/**
 * Every member's people to meet, worked out in one pass over the workspace's network (as the
 * weekly DMs are) and kept: what the Home view reads. Kept for everyone whose Home shows them,
 * paused and opted-out members too, so that no Home works them out on opening (a few hundred
 * milliseconds at 10,000 members).
 */
export function makeSuggestionLists({
  transaction,
  clock,
}: {
  transaction: UnitOfWork;
  clock: Clock;
}) {
  return function suggestionLists(workspaceId: string): Promise<JobOutcome> {
    return transaction(async (repos) => {
      const now = clock.now();
      const { members, suggest } = await workspaceSuggester(repos, workspaceId, now);
      const lists = new Map<string, Suggestion[]>();
      for (const m of members)
        if (showsSuggestions(m)) lists.set(m.userId, suggest(m.userId, KEPT, m.departmentName));
      const kept = await repos.memberSuggestions.replaceAll(workspaceId, now, lists);
      return { queued: 0, note: `people to meet worked out for ${kept} members` };
    });
  };
}

export type SuggestionLists = ReturnType<typeof makeSuggestionLists>;
