/** Dealing people into groups and the local search that improves them, for any group size. */
import { pairKey } from './department-links';
import { groupCost, WEIGHTS, type MeetingIndex, type Person } from './matching-cost';
import { shuffle } from './random';

export const MIN_GROUP_SIZE = 2;
export const MAX_GROUP_SIZE = 8;

/**
 * As many groups of `size` as fit; leftovers join them (a pair becomes a trio), unless they
 * are at least half a group, when they make one more, smaller group (8 people in threes:
 * 3, 3 and 2, not 4 and 4).
 */
export function countGroups(n: number, size: number): number {
  if (n === 0) return 0;
  const full = Math.floor(n / size);
  if (full === 0) return 1;
  let count = size >= 3 && n % size >= Math.ceil(size / 2) ? full + 1 : full;
  // A group DM holds at most eight people besides Rapport.
  while (Math.ceil(n / count) > MAX_GROUP_SIZE) count += 1;
  return count;
}

/** Largest department first (each shuffled), dealt round-robin into `count` groups. */
export function deal(
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
export function improve(
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
export function linkedPairs(groups: number[][], people: Person[]): number {
  const linked = new Set<number>();
  for (const g of groups)
    for (const a of g)
      for (const b of g) {
        const da = people[a]!.department;
        const db = people[b]!.department;
        if (da < db) linked.add(pairKey(da, db));
      }
  return linked.size;
}

export function departmentLists(people: Person[], departments: number): number[][] {
  const lists: number[][] = Array.from({ length: departments }, () => []);
  people.forEach((p, i) => lists[p.department]!.push(i));
  return lists;
}

export function windowRepeatsIn(groups: number[][], met: MeetingIndex): number {
  let repeats = 0;
  for (const g of groups)
    for (let x = 0; x < g.length; x += 1)
      for (let y = x + 1; y < g.length; y += 1) repeats += met.get(g[x]!, g[y]!)?.inWindow ? 1 : 0;
  return repeats;
}
