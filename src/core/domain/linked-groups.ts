/** A round of pairs built around the department links it plans: the plan, seats, the rest. */
import { pairKey, planLinks, type LinkProblem } from './department-links';
import { groupCost, WEIGHTS, type MeetingIndex, type Person } from './matching-cost';
import { countGroups, deal, improve } from './matching-search';
import { seatLinks } from './seat-links';

/** The round's people as departments: who may still meet, and how lately each pair met. */
export function linkProblem(
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

/** A lone leftover joins the pair where they link the most new departments, repeating no one. */
function joinBest(person: number, groups: number[][], people: Person[], met: MeetingIndex) {
  const linked = new Set<number>();
  for (const g of groups)
    for (const a of g)
      for (const b of g) linked.add(pairKey(people[a]!.department, people[b]!.department));
  let best = 0;
  let bestScore = Infinity;
  groups.forEach((g, i) => {
    const mine = people[person]!.department;
    const fresh = new Set(
      g
        .map((m) => people[m]!.department)
        .filter((dep) => dep !== mine && !linked.has(pairKey(dep, mine))),
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

/** Pairs for the planned department links first, then the rest dealt and improved. */
export function linkDepartments(
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
