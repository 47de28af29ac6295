import type { Member } from '../domain/member';
import { Candidates, Network, Scratch, suggestFor, type Suggestion } from '../domain/network';
import type { SuggestedPerson } from '../domain/outbound';
import { isInNetwork, isReachable } from '../domain/reachable';
import { INTERACTION_WEIGHTS, STRENGTH_HALF_LIFE_DAYS } from '../domain/relationships';
import type { Repositories, StrengthRule } from '../ports';

export const STRENGTH_RULE: StrengthRule = {
  weights: INTERACTION_WEIGHTS,
  halfLifeDays: STRENGTH_HALF_LIFE_DAYS,
};
/** People in a week's suggestions, or in /rapport suggest. */
export const SUGGESTIONS = 3;

/**
 * Everyone in the workspace and who knows whom: for the whole workspace, or only `around`
 * one member and the people they know (enough for that member's suggestions).
 */
export async function loadWorkspaceNetwork(
  repos: Repositories,
  workspaceId: string,
  now: Date,
  around?: string,
): Promise<{ members: Member[]; network: Network }> {
  const members = await repos.members.all(workspaceId);
  const pairs = await repos.interactions.pairStrengths(workspaceId, now, STRENGTH_RULE, around);
  return {
    members,
    network: new Network(
      members.filter(isInNetwork).map((m) => m.userId),
      pairs,
    ),
  };
}

/** The department of everyone who may be suggested or introduced now. */
export function reachableDepartments(members: Member[], now: Date): Map<string, string | null> {
  return new Map(
    members.filter((m) => isReachable(m, now)).map((m) => [m.userId, m.departmentName]),
  );
}

/** Whom each member set aside ("Not now") or already has an introduction waiting with. */
export async function setAside(
  repos: Repositories,
  workspaceId: string,
  now: Date,
  memberId?: string,
): Promise<(id: string) => ReadonlySet<string>> {
  const excluded = new Map<string, Set<string>>(
    await repos.suggestionSnoozes.active(workspaceId, now, memberId),
  );
  const open = memberId
    ? [...(await repos.introductions.openWith(workspaceId, memberId))].map(
        (other) => [memberId, other] as [string, string],
      )
    : await repos.introductions.openPairs(workspaceId);
  const add = (x: string, y: string) => {
    const set = excluded.get(x) ?? new Set<string>();
    set.add(y);
    excluded.set(x, set);
  };
  for (const [a, b] of open) {
    add(a, b);
    add(b, a);
  }
  return (id) => excluded.get(id) ?? new Set<string>();
}

export const toSuggested = (
  s: { userId: string; mutualId: string | null; mutualCount: number },
  departments: ReadonlyMap<string, string | null>,
): SuggestedPerson => ({ ...s, department: departments.get(s.userId) ?? null });

/**
 * Suggestions for every member of a workspace from one read of it (the weekly DM, the daily
 * lists Home reads): the members, their network, and `suggest(member, limit)`, which reuses
 * one set of counters from member to member.
 */
export async function workspaceSuggester(repos: Repositories, workspaceId: string, now: Date) {
  const { members, network } = await loadWorkspaceNetwork(repos, workspaceId, now);
  const departments = reachableDepartments(members, now);
  const excludedFor = await setAside(repos, workspaceId, now);
  const candidates = new Candidates(network, departments);
  const scratch = new Scratch(candidates);
  return {
    members,
    network,
    departments,
    /** `department`: the member's own, whether or not they are among the candidates. */
    suggest: (userId: string, limit: number, department: string | null): Suggestion[] =>
      suggestFor(candidates, userId, {
        excluded: excludedFor(userId),
        limit,
        scratch,
        department,
      }),
  };
}
