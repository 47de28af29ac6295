import { groupLinkBound, pairLinkBound } from './department-links';
import { linkDepartments, linkProblem } from './linked-groups';
import { MeetingIndex, utcWindow, type Person } from './matching-cost';
import {
  countGroups,
  deal,
  departmentLists,
  improve,
  linkedPairs,
  MAX_GROUP_SIZE,
  MIN_GROUP_SIZE,
  windowRepeatsIn,
} from './matching-search';
import { seededRandom, shuffle } from './random';

export { MAX_GROUP_SIZE, MIN_GROUP_SIZE } from './matching-search';

export interface Candidate {
  userId: string;
  department: string | null;
  timezone: string;
  workingHours: { startMinute: number; endMinute: number };
  pausedUntil?: Date | null;
  optedOut?: boolean;
  isDeactivated?: boolean;
  /** Asked to skip this one round. */
  skipping?: boolean;
}

export type ExclusionReason = 'deactivated' | 'opted_out' | 'paused' | 'skipping';
export type SitOutReason = 'odd_one_out' | 'alone';

export interface MatchOptions {
  now: Date;
  groupSize: number;
  /** A pair that met within this many days is not matched again while another choice exists. */
  repeatWindowDays: number;
  /** What happens to people left over: they join a group (a trio), or sit out in turn. */
  leftover: 'join' | 'sit_out';
  /** The same seed and inputs always give the same groups. */
  seed: string;
  history: Array<{ members: string[]; at: Date }>;
  /** When each person last sat out, for a fair rotation. */
  lastSatOut?: Map<string, Date>;
}

export interface MatchResult {
  groups: string[][];
  satOut: Array<{ userId: string; reason: SitOutReason }>;
  excluded: Array<{ userId: string; reason: ExclusionReason }>;
  stats: {
    /** Groups with people from more than one department. */
    crossDepartment: number;
    /** The most that any grouping of these people could have. */
    crossDepartmentBound: number;
    /** Pairs that met inside the repeat window and meet again. */
    windowRepeats: number;
    /** Distinct pairs of departments that this round's groups bring together. */
    departmentPairs: number;
    /** The most department pairs that any one round of these people could bring together. */
    departmentPairsBound: number;
  };
}

const UNKNOWN = '\u0000unknown';

function exclusion(c: Candidate, now: Date): ExclusionReason | null {
  if (c.isDeactivated) return 'deactivated';
  if (c.optedOut) return 'opted_out';
  if (c.pausedUntil && c.pausedUntil > now) return 'paused';
  if (c.skipping) return 'skipping';
  return null;
}

/** How many groups could have more than one department: all, unless one department is most. */
export function crossDepartmentBound(departments: string[], groups: number): number {
  const sizes = new Map<string, number>();
  for (const d of departments) sizes.set(d, (sizes.get(d) ?? 0) + 1);
  const largest = Math.max(0, ...sizes.values());
  return Math.max(0, Math.min(groups, departments.length - largest));
}

/**
 * Forms the round's groups. Pure and deterministic for a seed.
 *
 * Pairs first link the department pairs the round can (department-links.ts, seat-links.ts,
 * linked-groups.ts); the rest, and groups of three or more, are dealt and searched
 * (matching-search.ts):
 *
 * 1. People are ordered by department, largest first, and dealt round-robin into the groups:
 *    each group's last seat then goes to one of the last people in that order, so as many
 *    groups as possible hold someone outside the largest department — the bound, always.
 * 2. A local search swaps and moves people between groups while that lowers the cost
 *    (see matching-cost.ts) and never raises the number of single-department groups:
 *    repeats inside the window go first, then same-department pairs, recent meetings, and
 *    working hours that do not overlap.
 */
export function formGroups(candidates: Candidate[], options: MatchOptions): MatchResult {
  const size = Math.min(MAX_GROUP_SIZE, Math.max(MIN_GROUP_SIZE, Math.round(options.groupSize)));
  const random = seededRandom(options.seed);
  const excluded: MatchResult['excluded'] = [];
  const eligible: Candidate[] = [];
  for (const c of [...candidates].sort((a, b) => (a.userId < b.userId ? -1 : 1))) {
    const reason = exclusion(c, options.now);
    if (reason) excluded.push({ userId: c.userId, reason });
    else eligible.push(c);
  }

  const satOut: MatchResult['satOut'] = [];
  let players = eligible;
  if (players.length === 1) {
    satOut.push({ userId: players[0]!.userId, reason: 'alone' });
    players = [];
  }
  if (options.leftover === 'sit_out' && players.length > size) {
    const extra = players.length % size;
    // Whoever sat out longest ago (or never) is least due to sit out now.
    const order = shuffle(players, random).sort(
      (a, b) =>
        (options.lastSatOut?.get(b.userId)?.getTime() ?? 0) -
        (options.lastSatOut?.get(a.userId)?.getTime() ?? 0),
    );
    const out = new Set(order.slice(players.length - extra).map((c) => c.userId));
    for (const id of out) satOut.push({ userId: id, reason: 'odd_one_out' });
    players = players.filter((c) => !out.has(c.userId));
  }

  const n = players.length;
  const groupCount = countGroups(n, size);
  const departmentNumbers = new Map<string, number>();
  const numberOf = (c: Candidate) => {
    const name = c.department ?? UNKNOWN;
    if (!departmentNumbers.has(name)) departmentNumbers.set(name, departmentNumbers.size);
    return departmentNumbers.get(name)!;
  };
  const people: Person[] = players.map((c) => ({
    department: numberOf(c),
    ...utcWindow(c.timezone, c.workingHours.startMinute, c.workingHours.endMinute, options.now),
  }));
  const index = new Map(players.map((c, i) => [c.userId, i]));
  // The departments of everyone who took part before, here now or not.
  const departmentOf = new Map(
    candidates.map((c) => [c.userId, departmentNumbers.get(c.department ?? UNKNOWN)]),
  );
  const met = new MeetingIndex(
    n,
    departmentNumbers.size,
    index,
    options.history,
    options.now,
    options.repeatWindowDays,
    (id) => departmentOf.get(id),
  );

  const byDepartment = departmentLists(people, departmentNumbers.size);
  const sameDepartmentGroups =
    groupCount -
    crossDepartmentBound(
      people.map((p) => String(p.department)),
      groupCount,
    );
  const problem = linkProblem(byDepartment, people, met, sameDepartmentGroups, random);
  const dealAll = () => {
    const all = deal(
      people,
      people.map((_p, i) => i),
      groupCount,
      random,
    );
    improve(all, people, met, size, random);
    return all;
  };
  let groups: number[][];
  let departmentPairsBound: number;
  if (size === 2 && groupCount > 1) {
    departmentPairsBound = pairLinkBound(problem);
    groups = linkDepartments(problem, byDepartment, people, met, random);
    // The links left too few people who have not met for the rest: a repeat inside the
    // window is worse than a department pair not linked this week.
    if (windowRepeatsIn(groups, met) > 0) {
      const dealt = dealAll();
      if (windowRepeatsIn(dealt, met) < windowRepeatsIn(groups, met)) groups = dealt;
    }
  } else {
    groups = dealAll();
    departmentPairsBound = groupLinkBound(problem, groupCount);
  }

  const crossDepartment = groups.filter(
    (g) => new Set(g.map((m) => people[m]!.department)).size > 1,
  ).length;
  const windowRepeats = windowRepeatsIn(groups, met);
  return {
    groups: groups
      .map((g) => g.map((m) => players[m]!.userId).sort())
      .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    satOut,
    excluded,
    stats: {
      crossDepartment,
      crossDepartmentBound: crossDepartmentBound(
        people.map((p) => String(p.department)),
        groupCount,
      ),
      windowRepeats,
      departmentPairs: linkedPairs(groups, people),
      departmentPairsBound,
    },
  };
}
