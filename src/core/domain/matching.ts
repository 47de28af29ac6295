import { groupCost, MeetingIndex, utcWindow, WEIGHTS, type Person } from './matching-cost';
import { pairLinkBound, planLinks, type LinkProblem } from './department-links';
import { seededRandom, shuffle } from './random';
import { seatLinks } from './seat-links';

export const MIN_GROUP_SIZE = 2;
export const MAX_GROUP_SIZE = 8;

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

/**
 * As many groups of `size` as fit; leftovers join them (a pair becomes a trio), unless they
 * are at least half a group, when they make one more, smaller group (8 people in threes:
 * 3, 3 and 2, not 4 and 4).
 */
function countGroups(n: number, size: number): number {
  if (n === 0) return 0;
  const full = Math.floor(n / size);
  if (full === 0) return 1;
  let count = size >= 3 && n % size >= Math.ceil(size / 2) ? full + 1 : full;
  // A group DM holds at most eight people besides Rapport.
  while (Math.ceil(n / count) > MAX_GROUP_SIZE) count += 1;
  return count;
}

/** Largest department first (each shuffled), dealt round-robin into `count` groups. */
function deal(
  people: Person[],
  members: number[],
  count: number,
  random: () => number,
): number[][] {
  const byDepartment = new Map<number, number[]>();
  for (const i of members) {
    const list = byDepartment.get(people[i]!.department) ?? [];
    list.push(i);
    byDepartment.set(people[i]!.department, list);
  }
  const order = [...byDepartment.entries()]
    .sort(([a, x], [b, y]) => y.length - x.length || a - b)
    .flatMap(([, list]) => shuffle(list, random));
  const groups: number[][] = Array.from({ length: count }, () => []);
  order.forEach((person, i) => groups[i % count]!.push(person));
  return groups;
}

/** Tries to move people between groups to lower the total cost; never increases it. */
function improve(
  groups: number[][],
  people: Person[],
  met: MeetingIndex,
  size: number,
  random: () => number,
) {
  if (groups.length < 2) return;
  const costs = groups.map((g) => groupCost(g, people, met));
  const cost = (g: number[]) => groupCost(g, people, met);
  const SAMPLES = 24;
  const PASSES = 6;

  /** Tries every swap and move of group `a`'s people with group `b`'s; keeps the first gain. */
  const tryPair = (a: number, b: number): boolean => {
    const ga = groups[a]!;
    const gb = groups[b]!;
    const before = costs[a]! + costs[b]!;
    for (let i = 0; i < ga.length; i += 1) {
      for (let j = 0; j < gb.length; j += 1) {
        // Swapped in place and back, unless it helps: this loop runs millions of times.
        const x = ga[i]!;
        ga[i] = gb[j]!;
        gb[j] = x;
        const ca = cost(ga);
        const cb = cost(gb);
        if (ca + cb < before - 1e-6) {
          costs[a] = ca;
          costs[b] = cb;
          return true;
        }
        gb[j] = ga[i]!;
        ga[i] = x;
      }
      // A leftover seat can move to a group that has none.
      if (ga.length > size && gb.length === size) {
        const na = ga.filter((_m, k) => k !== i);
        const nb = [...gb, ga[i]!];
        const ca = cost(na);
        const cb = cost(nb);
        if (ca + cb < before - 1e-6) {
          groups[a] = na;
          groups[b] = nb;
          costs[a] = ca;
          costs[b] = cb;
          return true;
        }
      }
    }
    return false;
  };

  for (let pass = 0; pass < PASSES; pass += 1) {
    let changed = false;
    for (let a = 0; a < groups.length; a += 1) {
      if (costs[a]! < WEIGHTS.noOverlap * 1e-3) continue;
      const serious = costs[a]! % WEIGHTS.singleDepartment >= WEIGHTS.windowRepeat;
      // A repeat inside the window is worth looking everywhere for; the rest, a sample.
      const partners = serious
        ? groups.map((_g, b) => b)
        : Array.from({ length: SAMPLES }, () => Math.floor(random() * groups.length));
      for (const b of partners) {
        if (b === a) continue;
        if (tryPair(a, b) || tryPair(b, a)) {
          changed = true;
          if (costs[a]! < WEIGHTS.noOverlap * 1e-3) break;
        }
      }
    }
    if (!changed) break;
  }
}

/** Distinct department pairs that the groups bring together. */
function linkedPairs(groups: number[][], people: Person[]): number {
  const linked = new Set<number>();
  for (const g of groups)
    for (const a of g)
      for (const b of g) {
        const da = people[a]!.department;
        const db = people[b]!.department;
        if (da < db) linked.add(da * 65536 + db);
      }
  return linked.size;
}

function departmentLists(people: Person[], departments: number): number[][] {
  const lists: number[][] = Array.from({ length: departments }, () => []);
  people.forEach((p, i) => lists[p.department]!.push(i));
  return lists;
}

/** The round's people as departments: who may still meet, and how lately each pair met. */
function linkProblem(
  byDepartment: number[][],
  people: Person[],
  met: MeetingIndex,
  sameDepartmentGroups: number,
  random: () => number,
): LinkProblem {
  const d = byDepartment.length;
  const sizes = byDepartment.map((m) => m.length);
  const metInWindow = met.windowMeetingsBetween((i) => people[i]!.department);
  return {
    sizes,
    allowed: (a, b) =>
      sizes[a]! > 0 && sizes[b]! > 0 && metInWindow[a * d + b]! < sizes[a]! * sizes[b]!,
    coverage: (a, b) => met.coverage(a, b),
    trio: people.length % 2 === 1,
    sameDepartmentGroups,
    random,
  };
}

/**
 * For groups of three or more, a sound upper bound rather than the most: each person links
 * at most the other seats of their group, each department at most the departments it may
 * meet, and each group at most the pairs of its seats.
 */
function groupLinkBound(problem: LinkProblem, groupCount: number): number {
  const n = problem.sizes.reduce((total, s) => total + s, 0);
  if (groupCount === 0) return 0;
  const small = Math.floor(n / groupCount);
  const big = n % groupCount;
  const seats = (big * (small + 1) * small) / 2 + ((groupCount - big) * small * (small - 1)) / 2;
  const d = problem.sizes.length;
  const degree = new Array<number>(d).fill(0);
  let allowed = 0;
  for (let a = 0; a < d; a += 1)
    for (let b = a + 1; b < d; b += 1) {
      if (!problem.allowed(a, b)) continue;
      allowed += 1;
      degree[a]! += 1;
      degree[b]! += 1;
    }
  const perPerson = small + (big > 0 ? 1 : 0) - 1;
  const ends = problem.sizes.reduce(
    (total, s, k) => total + Math.min(s * perPerson, degree[k]!),
    0,
  );
  return Math.min(allowed, Math.floor(ends / 2), seats);
}

/** A lone leftover joins the pair where they link the most new departments, repeating no one. */
function joinBest(person: number, groups: number[][], people: Person[], met: MeetingIndex) {
  const linked = new Set<number>();
  const key = (a: number, b: number) => (a < b ? a * 65536 + b : b * 65536 + a);
  for (const g of groups)
    for (const a of g)
      for (const b of g) linked.add(key(people[a]!.department, people[b]!.department));
  let best = 0;
  let bestScore = Infinity;
  groups.forEach((g, i) => {
    const mine = people[person]!.department;
    const fresh = new Set(
      g
        .map((m) => people[m]!.department)
        .filter((dep) => dep !== mine && !linked.has(key(dep, mine))),
    ).size;
    const score =
      groupCost([...g, person], people, met) -
      groupCost(g, people, met) -
      fresh * WEIGHTS.sameDepartmentPair;
    if (score < bestScore) {
      best = i;
      bestScore = score;
    }
  });
  groups[best]!.push(person);
}

function windowRepeatsIn(groups: number[][], met: MeetingIndex): number {
  let repeats = 0;
  for (const g of groups)
    for (let x = 0; x < g.length; x += 1)
      for (let y = x + 1; y < g.length; y += 1) repeats += met.get(g[x]!, g[y]!)?.inWindow ? 1 : 0;
  return repeats;
}

/** Pairs for the planned department links first, then the rest dealt and improved. */
function linkDepartments(
  problem: LinkProblem,
  byDepartment: number[][],
  people: Person[],
  met: MeetingIndex,
  random: () => number,
): number[][] {
  const groups = seatLinks(planLinks(problem), byDepartment, people, met, random);
  const seated = new Set(groups.flat());
  const rest = people.map((_p, i) => i).filter((i) => !seated.has(i));
  if (rest.length === 1) joinBest(rest[0]!, groups, people, met);
  else if (rest.length > 1) {
    const restGroups = deal(people, rest, countGroups(rest.length, 2), random);
    improve(restGroups, people, met, 2, random);
    groups.push(...restGroups);
    swapWithinDepartments(groups, byDepartment, people, met, random);
  }
  return groups;
}

/** Colleagues tried for each person's seat. */
const SWAP_SAMPLES = 8;

/**
 * Swaps colleagues between groups where that lowers the cost: the departments each group
 * links stay the same, while the people who fill them change. The links were seated before
 * the rest was dealt, so someone seated for a link may have been the one the rest needed (the
 * only one of their department who had not yet met the largest).
 */
function swapWithinDepartments(
  groups: number[][],
  byDepartment: number[][],
  people: Person[],
  met: MeetingIndex,
  random: () => number,
) {
  const where = new Int32Array(people.length);
  groups.forEach((g, i) => g.forEach((m) => (where[m] = i)));
  const cost = (g: number[]) => groupCost(g, people, met);
  for (let gi = 0; gi < groups.length; gi += 1)
    for (let slot = 0; slot < groups[gi]!.length; slot += 1) {
      const colleagues = byDepartment[people[groups[gi]![slot]!]!.department]!;
      for (let k = 0; k < SWAP_SAMPLES && colleagues.length > 1; k += 1) {
        const other = colleagues[Math.floor(random() * colleagues.length)]!;
        const gj = where[other]!;
        if (gj === gi) continue;
        const a = groups[gi]!;
        const b = groups[gj]!;
        const before = cost(a) + cost(b);
        const x = a[slot]!;
        const y = b.indexOf(other);
        a[slot] = other;
        b[y] = x;
        if (cost(a) + cost(b) < before - 1e-6) {
          where[other] = gi;
          where[x] = gj;
        } else {
          a[slot] = x;
          b[y] = other;
        }
      }
    }
}
