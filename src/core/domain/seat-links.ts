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
): number[][] {
  const used = new Uint8Array(people.length);
  const groups: number[][] = [];
  const cost = (g: number[]) => groupCost(g, people, met);
  const closest = (from: number, to: number, count: number) =>
    byDepartment[from]!.filter((p) => !used[p])
      .map((p) => ({ p, known: met.familiarity(p, to) }))
      .sort((x, y) => x.known - y.known)
      .slice(0, count)
      .map((x) => x.p);
  /** The cheapest group of `seated` and one more from `department`, not repeating. */
  const best = (seated: number[], department: number, options: number[]) => {
    let found: { person: number; cost: number } | null = null;
    for (const p of options) {
      const c = cost([...seated, p]);
      if (c < WEIGHTS.windowRepeat && (found === null || c < found.cost))
        found = { person: p, cost: c };
    }
    return found?.person ?? null;
  };
  const take = (group: number[]) => {
    for (const p of group) used[p] = 1;
    groups.push(group);
  };

  if (plan.trio) {
    const [a, b, c] = plan.trio;
    for (const x of closest(a, b, CANDIDATES)) {
      const y = best([x], b, closest(b, a, Infinity));
      const z = y === null ? null : best([x, y], c, closest(c, a, Infinity));
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
    let chosen: number[] | null = null;
    let chosenCost = Infinity;
    const others = byDepartment[b]!.filter((p) => !used[p]);
    for (const x of closest(a, b, CANDIDATES)) {
      const y = best([x], b, others);
      if (y === null) continue;
      const c = cost([x, y]);
      if (c < chosenCost) {
        chosen = [x, y];
        chosenCost = c;
      }
    }
    if (chosen) take(chosen);
  }
  return groups;
}
