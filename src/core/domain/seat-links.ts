import type { LinkPlan } from './department-links';
import { groupCost, WEIGHTS, type MeetingIndex, type Person } from './matching-cost';

/** People of a department tried for one link: those who know the other department least. */
const CANDIDATES = 6;

/**
 * Chooses who meets for each planned department link: from each side, the people who have
 * met the other department least lately (so a department does not always send the same ones,
 * and each person meets a department new to them), never a pair that met inside the window,
 * working hours overlapping where they can. A link nobody can take is left to the rest of
 * the round.
 */
export function seatLinks(
  plan: LinkPlan,
  byDepartment: number[][],
  people: Person[],
  met: MeetingIndex,
  random: () => number,
): number[][] {
  const used = new Uint8Array(people.length);
  const groups: number[][] = [];
  const cost = (g: number[]) => groupCost(g, people, met);
  const closest = (from: number, to: number, count: number) =>
    byDepartment[from]!.filter((p) => !used[p])
      // Ties in random order: not always the same colleagues for a department never met.
      .map((p) => ({ p, known: met.familiarity(p, to), tie: random() }))
      .sort((x, y) => x.known - y.known || x.tie - y.tie)
      .slice(0, count)
      .map((x) => x.p);
  /** The cheapest group of `seated` and one more of `options`, not repeating anyone. */
  const best = (seated: number[], options: number[]) => {
    let found: { person: number; cost: number } | null = null;
    for (const p of options) {
      const c = cost([...seated, p]);
      if (c < WEIGHTS.windowRepeat && (found === null || c < found.cost))
        found = { person: p, cost: c };
    }
    return found?.person ?? null;
  };
  const cheapestPair = (xs: number[], ys: number[]) => {
    let found: number[] | null = null;
    let lowest = Infinity;
    for (const x of xs) {
      const y = best([x], ys);
      if (y === null) continue;
      const c = cost([x, y]);
      if (c < lowest) {
        found = [x, y];
        lowest = c;
      }
    }
    return found;
  };
  const take = (group: number[]) => {
    for (const p of group) used[p] = 1;
    groups.push(group);
  };

  if (plan.trio) {
    const [a, b, c] = plan.trio;
    for (const x of closest(a, b, CANDIDATES)) {
      const y = best([x], closest(b, a, Infinity));
      const z = y === null ? null : best([x, y], closest(c, a, Infinity));
      if (y !== null && z !== null) {
        take([x, y, z]);
        break;
      }
    }
  }
  // Departments with the fewest people to spare go first, while they still have a choice.
  const spare = byDepartment.map((members) => members.length);
  for (const [a, b] of plan.pairs) {
    spare[a]! -= 1;
    spare[b]! -= 1;
  }
  const links = [...plan.pairs].sort(
    ([a, b], [c, d]) => Math.min(spare[a]!, spare[b]!) - Math.min(spare[c]!, spare[d]!),
  );
  for (const [a, b] of links) {
    const xs = closest(a, b, CANDIDATES);
    // The few on the other side who know this department least, then everyone if they
    // all met the few on this side inside the window.
    const chosen =
      cheapestPair(xs, closest(b, a, 2 * CANDIDATES)) ??
      cheapestPair(
        xs,
        byDepartment[b]!.filter((p) => !used[p]),
      );
    if (chosen) take(chosen);
  }
  return groups;
}
