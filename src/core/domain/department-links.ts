import { maximumMatching } from './blossom';

/** Two department numbers, the smaller first. */
export type Link = [number, number];

export interface LinkProblem {
  /** People of each department in the round. */
  sizes: number[];
  /** Whether two departments may meet: some pair of their people has not met inside the window. */
  allowed: (a: number, b: number) => boolean;
  /** How much two departments have met lately (0 never, up to 1); less goes first. */
  coverage: (a: number, b: number) => number;
  /** One group is a trio: an odd number of people, no one sitting out. */
  trio: boolean;
  /** Single-department groups the round may have: the groups beyond the cross-department bound. */
  sameDepartmentGroups: number;
  random: () => number;
}

export interface LinkPlan {
  /** Department pairs to link, each with one pair of people. */
  pairs: Link[];
  /** Three departments to link with one trio, or null. */
  trio: [number, number, number] | null;
}

/** How far apart coverage must be to count as "less linked lately" rather than a tie. */
const TIERS = [0.01, 0.1, 0.5, Infinity];

/** One number for an unordered pair of departments, for sets and maps. */
export const pairKey = (a: number, b: number) => (a < b ? a * 65536 + b : b * 65536 + a);

const linkCount = (plan: LinkPlan) => plan.pairs.length + (plan.trio ? 3 : 0);

/**
 * The department pairs a round of pairs links: as many as the round allows, of those linked
 * least lately first (a pair never linked before any number of pairs linked last week).
 *
 * Each department links at most as many departments as it has people. The people left over
 * must still pair across departments as far as the cross-department bound allows: with `r`
 * left over, `floor(r/2)` groups, and the most left in one department `m`, the groups of one
 * department number `floor(r/2) - (r - m)`. For a round with a trio, the trio is tried on
 * every three departments that may meet, when it can add links: it adds at most two over
 * pairs alone (three people in pairs link one or two department pairs with a fourth person's
 * help; in a trio they link three), so the search stops there.
 */
export function planLinks(problem: LinkProblem): LinkPlan {
  return search(problem, true).plan;
}

/**
 * The most department pairs one round of pairs can link: the plan without preferences. When
 * there are too many trios to try, the most pairs alone can link and the two a trio may add.
 */
export function pairLinkBound(problem: LinkProblem): number {
  const { plan, complete, edges, pairsOnly } = search(problem, false);
  return complete ? linkCount(plan) : Math.min(edges, pairsOnly + 2);
}

/**
 * Department pairs times trios tried, at most: each trio is a whole plan, whose cost grows
 * with the pairs. Every trio of 14 departments; 44 of the 9,880 of 40 departments (large
 * companies rarely need a trio: their departments have room for every link).
 */
const TRIO_WORK = 35_000;

function search(problem: LinkProblem, ranked: boolean) {
  const d = problem.sizes.length;
  const edges: Link[] = [];
  for (let a = 0; a < d; a += 1)
    for (let b = a + 1; b < d; b += 1) if (problem.allowed(a, b)) edges.push([a, b]);
  const order = orderEdges(edges, problem, ranked);
  const tierIndex = new Map<number, number>();
  order.forEach((tier, t) => tier.forEach(([a, b]) => tierIndex.set(pairKey(a, b), t)));
  const tierOf = (a: number, b: number) => tierIndex.get(pairKey(a, b))!;
  const pairsOnly = planPairs(problem.sizes, order, problem, null, tierOf);
  const result = (plan: LinkPlan, complete: boolean) => ({
    plan,
    complete,
    edges: edges.length,
    pairsOnly: pairsOnly.pairs.length,
  });
  if (!problem.trio || pairsOnly.pairs.length === edges.length) return result(pairsOnly, true);

  const most = Math.min(edges.length, pairsOnly.pairs.length + 2);
  const score = (plan: LinkPlan) => {
    const counts = order.map(() => 0);
    for (const [a, b] of plan.pairs) counts[tierOf(a, b)]! += 1;
    if (plan.trio) {
      const [a, b, c] = plan.trio;
      for (const [x, y] of [
        [a, b],
        [a, c],
        [b, c],
      ] as const)
        counts[tierOf(x, y)]! += 1;
    }
    return counts;
  };
  const better = (x: number[], y: number[]) => {
    for (let t = 0; t < x.length; t += 1) if (x[t] !== y[t]) return x[t]! > y[t]!;
    return false;
  };
  let best = pairsOnly;
  let bestScore = score(best);
  let tried = 0;
  const ok = (a: number, b: number) => problem.allowed(a, b);
  for (let a = 0; a < d; a += 1)
    for (let b = a + 1; b < d; b += 1) {
      if (!ok(a, b)) continue;
      for (let c = b + 1; c < d; c += 1) {
        if (!ok(a, c) || !ok(b, c)) continue;
        if (tried * edges.length >= TRIO_WORK) return result(best, false);
        tried += 1;
        const plan = planPairs(problem.sizes, order, problem, [a, b, c], tierOf);
        const planScore = score(plan);
        if (plan.trio && better(planScore, bestScore)) {
          best = plan;
          bestScore = planScore;
        }
        // Two more is the most a trio adds: the most on count, and enough on preferences.
        if (linkCount(best) >= most) return result(best, true);
      }
    }
  return result(best, true);
}

/** Least-linked first, ties in seeded random order; unranked, one tier. */
function orderEdges(edges: Link[], problem: LinkProblem, ranked: boolean): Link[][] {
  const tiers: Link[][] = TIERS.map(() => []);
  for (const e of edges) {
    const tier = ranked ? TIERS.findIndex((t) => problem.coverage(e[0], e[1]) < t) : 0;
    tiers[tier]!.push(e);
  }
  for (const tier of tiers)
    for (let i = tier.length - 1; i > 0; i -= 1) {
      const j = Math.floor(problem.random() * (i + 1));
      [tier[i], tier[j]] = [tier[j]!, tier[i]!];
    }
  return tiers.filter((t) => t.length > 0);
}

function planPairs(
  sizes: number[],
  tiers: Link[][],
  problem: LinkProblem,
  trio: [number, number, number] | null,
  tierOf: (a: number, b: number) => number,
): LinkPlan {
  const capacity = [...sizes];
  if (trio) for (const t of trio) capacity[t]! -= 1;
  if (trio && trio.some((t) => capacity[t]! < 0)) return { pairs: [], trio: null };
  const inTrio = (e: Link) => trio !== null && trio.includes(e[0]) && trio.includes(e[1]);
  const usable = tiers.map((tier) => tier.filter((e) => !inTrio(e)));
  const pairs = fill(capacity, usable);
  const balanced = balance(capacity, pairs, problem, inTrio, tierOf);
  return balanced ? { pairs: balanced, trio } : { pairs: [], trio: null };
}

/**
 * Moves links toward a department with too many people left over for the rest to pair
 * across departments: a link x–y becomes x–(crowded), which keeps the count and leaves y one
 * more person instead. Only when no such move is left does a link go, the least wanted
 * first. Null when even no links would do (a trio that took the people the leftovers need).
 */
function balance(
  capacity: number[],
  chosen: Link[],
  problem: LinkProblem,
  inTrio: (e: Link) => boolean,
  tierOf: (a: number, b: number) => number,
): Link[] | null {
  const pairs = [...chosen];
  const linked = new Set(pairs.map(([a, b]) => pairKey(a, b)));
  const has = (a: number, b: number) => linked.has(pairKey(a, b));
  const left = [...capacity];
  for (const [a, b] of pairs) {
    left[a]! -= 1;
    left[b]! -= 1;
  }
  // Each move lowers the crowded department's leftovers; should two departments take turns
  // being crowded, links go instead once moves could have emptied every department.
  let moves = capacity.reduce((total, c) => total + Math.max(0, c), 0);
  for (let crowded = crowdedDepartment(left, problem.sameDepartmentGroups); crowded !== null;) {
    const m = crowded;
    let move = null as { index: number; keep: number; release: number; key: number } | null;
    let drop = -1;
    pairs.forEach(([a, b], index) => {
      if (a === m || b === m) return;
      if (drop === -1 || tierOf(a, b) >= tierOf(...pairs[drop]!)) drop = index;
      for (const [keep, release] of [
        [a, b],
        [b, a],
      ] as const) {
        const link: Link = keep < m ? [keep, m] : [m, keep];
        if (has(keep, m) || inTrio(link) || !problem.allowed(link[0], link[1])) continue;
        // The least wanted link moves, to where fewest are left over.
        const key = left[release]! - 65536 * tierOf(a, b);
        if (move === null || key < move.key) move = { index, keep, release, key };
      }
    });
    if (drop === -1) return null;
    // Moving a link trades it for one to the crowded department; dropping one loses it. A
    // move that swaps a wanted link for a less wanted one, when a less wanted one could go
    // instead, is the worse of the two.
    if (move !== null) {
      const lost = tierOf(...pairs[move.index]!);
      const gained = move.keep < m ? tierOf(move.keep, m) : tierOf(m, move.keep);
      if (gained > lost && tierOf(...pairs[drop]!) > lost) move = null;
    }
    if (moves === 0) move = null;
    if (move !== null) {
      const { index, keep, release } = move;
      const [a, b] = pairs[index]!;
      linked.delete(pairKey(a, b));
      pairs[index] = keep < m ? [keep, m] : [m, keep];
      linked.add(pairKey(keep, m));
      left[m]! -= 1;
      left[release]! += 1;
      moves -= 1;
    } else {
      const [a, b] = pairs[drop]!;
      linked.delete(pairKey(a, b));
      pairs.splice(drop, 1);
      left[a]! += 1;
      left[b]! += 1;
    }
    crowded = crowdedDepartment(left, problem.sameDepartmentGroups);
  }
  return pairs;
}

/** The links of each tier in turn, the most each time, with the capacity the earlier left. */
function fill(capacity: number[], tiers: Link[][]): Link[] {
  const left = [...capacity];
  const chosen: Link[] = [];
  for (const tier of tiers) {
    const picked = mostLinks(left, tier);
    for (const [a, b] of picked) {
      left[a]! -= 1;
      left[b]! -= 1;
    }
    chosen.push(...picked);
  }
  return chosen;
}

/**
 * The department whose leftovers would need more single-department groups than the round
 * may have, or null.
 */
function crowdedDepartment(left: number[], sameDepartmentGroups: number): number | null {
  let total = 0;
  let most = 0;
  for (let d = 0; d < left.length; d += 1) {
    total += left[d]!;
    if (left[d]! > left[most]!) most = d;
  }
  const needed = Math.floor(total / 2) - (total - left[most]!);
  return needed > sameDepartmentGroups ? most : null;
}

/**
 * The most links with each department in at most `capacity` of them (a maximum simple
 * b-matching), earlier links preferred. Tutte's reduction to a matching: each department
 * becomes one vertex per unit of capacity, each link two joined vertices, each tied to its
 * department's vertices; a maximum matching then uses both ends of as many links as possible.
 *
 * A department with room for all its links takes them all ("free"); one without takes its
 * links to free departments first (swapping one of its other links for such a link never
 * costs one). Only what is left between departments without room needs the matching.
 */
export function mostLinks(capacity: number[], links: Link[]): Link[] {
  const degree = capacity.map(() => 0);
  for (const [a, b] of links) {
    degree[a]! += 1;
    degree[b]! += 1;
  }
  const free = capacity.map((c, d) => c >= degree[d]!);
  const left = [...capacity];
  const chosen: Link[] = [];
  const contested: Link[] = [];
  for (const link of links) {
    const [a, b] = link;
    if (free[a] && free[b]) chosen.push(link);
    else if (free[a] || free[b]) {
      const bound = free[a] ? b : a;
      if (left[bound]! > 0) {
        left[bound]! -= 1;
        chosen.push(link);
      }
    } else contested.push(link);
  }
  return [...chosen, ...matchLinks(left, contested)];
}

function matchLinks(capacity: number[], links: Link[]): Link[] {
  if (links.length === 0) return [];
  const degree = capacity.map(() => 0);
  for (const [a, b] of links) {
    degree[a]! += 1;
    degree[b]! += 1;
  }
  const slots: number[][] = [];
  const kind: number[] = [];
  let n = 0;
  capacity.forEach((c, d) => {
    const count = Math.max(0, Math.min(c, degree[d]!));
    slots.push(Array.from({ length: count }, () => n++));
    for (let i = 0; i < count; i += 1) kind.push(d);
  });
  const ends: Array<[number, number]> = [];
  for (let i = 0; i < links.length; i += 1) {
    ends.push([n, n + 1]);
    kind.push(capacity.length + 2 * i, capacity.length + 2 * i + 1);
    n += 2;
  }
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  const join = (x: number, y: number) => {
    adjacency[x]!.push(y);
    adjacency[y]!.push(x);
  };
  links.forEach(([a, b], i) => {
    const [ea, eb] = ends[i]!;
    join(ea, eb);
    for (const s of slots[a]!) join(ea, s);
    for (const s of slots[b]!) join(eb, s);
  });

  // Greedy first, in order of preference: the search then only repairs what greed missed.
  const match = new Int32Array(n).fill(-1);
  const free = slots.map((s) => [...s]);
  links.forEach(([a, b], i) => {
    const [ea, eb] = ends[i]!;
    if (free[a]!.length > 0 && free[b]!.length > 0) {
      const sa = free[a]!.pop()!;
      const sb = free[b]!.pop()!;
      match[ea] = sa;
      match[sa] = ea;
      match[eb] = sb;
      match[sb] = eb;
    } else {
      match[ea] = eb;
      match[eb] = ea;
    }
  });
  maximumMatching(adjacency, match, Int32Array.from(kind));

  const isSlot = (v: number) => v !== -1 && v < ends[0]![0];
  return links.filter((_l, i) => {
    const [ea, eb] = ends[i]!;
    return isSlot(match[ea]!) && isSlot(match[eb]!);
  });
}

/**
 * For groups of three or more, a sound upper bound rather than the most: each person links
 * at most the other seats of their group, each department at most the departments it may
 * meet, and each group at most the pairs of its seats.
 */
export function groupLinkBound(problem: LinkProblem, groupCount: number): number {
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
