import { describe, expect, it } from '@jest/globals';
import { mostLinks, pairLinkBound, type Link } from '../../src/core/domain/department-links';
import { formGroups } from '../../src/core/domain/matching';
import { seededRandom } from '../../src/core/domain/random';

/**
 * The plan against every grouping of small organisations: every way to pair their people
 * (with one trio when the count is odd), keeping those with no more single-department groups
 * than the cross-department bound allows, and counting the department pairs each links.
 */
function bruteForce(sizes: number[], forbidden: Set<string>): number {
  const people = sizes.flatMap((s, d) => Array.from({ length: s }, () => d));
  const n = people.length;
  const groups = Math.floor(n / 2);
  const largest = Math.max(...sizes);
  const sameAllowed = groups - Math.min(groups, n - largest);
  const meets = (a: number, b: number) =>
    people[a] === people[b] ||
    !forbidden.has(`${Math.min(people[a]!, people[b]!)}-${Math.max(people[a]!, people[b]!)}`);
  let best = -1;
  const chosen: number[][] = [];
  const taken = new Array<boolean>(n).fill(false);
  const score = () => {
    let same = 0;
    const linked = new Set<string>();
    for (const g of chosen) {
      if (g.every((m) => people[m] === people[g[0]!])) same += 1;
      for (const x of g)
        for (const y of g) if (people[x]! < people[y]!) linked.add(`${people[x]}-${people[y]}`);
    }
    if (same <= sameAllowed) best = Math.max(best, linked.size);
  };
  const search = (trioLeft: boolean) => {
    const first = taken.indexOf(false);
    if (first === -1) return score();
    taken[first] = true;
    for (let second = first + 1; second < n; second += 1) {
      if (taken[second] || !meets(first, second)) continue;
      taken[second] = true;
      chosen.push([first, second]);
      search(trioLeft);
      if (trioLeft)
        for (let third = second + 1; third < n; third += 1) {
          if (taken[third] || !meets(first, third) || !meets(second, third)) continue;
          taken[third] = true;
          chosen[chosen.length - 1] = [first, second, third];
          search(false);
          chosen[chosen.length - 1] = [first, second];
          taken[third] = false;
        }
      chosen.pop();
      taken[second] = false;
    }
    taken[first] = false;
  };
  search(n % 2 === 1);
  return best;
}

function problem(sizes: number[], forbidden: Set<string>, seed: string) {
  const n = sizes.reduce((a, b) => a + b, 0);
  const groups = Math.floor(n / 2);
  const sameDepartmentGroups = groups - Math.min(groups, n - Math.max(...sizes));
  return {
    sizes,
    allowed: (a: number, b: number) => !forbidden.has(`${a}-${b}`),
    coverage: () => 0,
    trio: n % 2 === 1,
    sameDepartmentGroups,
    random: seededRandom(seed),
  };
}

function randomOrganisation(random: () => number) {
  const departments = 2 + Math.floor(random() * 5);
  const sizes = Array.from({ length: departments }, () => 1 + Math.floor(random() * 3));
  if (random() < 0.3) sizes[0]! += Math.floor(random() * 5);
  while (sizes.reduce((a, b) => a + b, 0) > 11) sizes[sizes.indexOf(Math.max(...sizes))]! -= 1;
  return sizes;
}

describe('the department-pair bound for a round of pairs', () => {
  it('is exactly the most that any grouping links, on 250 small organisations', () => {
    const random = seededRandom('exact');
    let checked = 0;
    for (let i = 0; i < 250; i += 1) {
      const sizes = randomOrganisation(random);
      if (sizes.reduce((a, b) => a + b, 0) < 2) continue;
      expect([sizes, pairLinkBound(problem(sizes, new Set(), `b${i}`))]).toEqual([
        sizes,
        bruteForce(sizes, new Set()),
      ]);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('never promises fewer than a grouping links when some departments may not meet', () => {
    const random = seededRandom('forbidden');
    let exact = 0;
    let checked = 0;
    for (let i = 0; i < 110; i += 1) {
      const sizes = randomOrganisation(random);
      const forbidden = new Set<string>();
      for (let a = 0; a < sizes.length; a += 1)
        for (let b = a + 1; b < sizes.length; b += 1)
          if (random() < 0.3) forbidden.add(`${a}-${b}`);
      const truth = bruteForce(sizes, forbidden);
      if (truth < 0) continue;
      const bound = pairLinkBound(problem(sizes, forbidden, `f${i}`));
      expect([sizes, [...forbidden], bound >= truth]).toEqual([sizes, [...forbidden], true]);
      exact += bound === truth ? 1 : 0;
      checked += 1;
    }
    expect(exact).toBeGreaterThan(checked * 0.8);
  });
});

describe('the most links under department capacities', () => {
  /** Every subset of links, largest first: the first whose degrees fit is the answer. */
  function bruteMost(capacity: number[], links: Link[]): number {
    let best = 0;
    for (let mask = 0; mask < 1 << links.length; mask += 1) {
      const degree = capacity.map(() => 0);
      let count = 0;
      links.forEach(([a, b], i) => {
        if (mask & (1 << i)) {
          degree[a]! += 1;
          degree[b]! += 1;
          count += 1;
        }
      });
      if (count > best && degree.every((g, d) => g <= capacity[d]!)) best = count;
    }
    return best;
  }

  it('matches every subset of links on 300 small graphs, odd cycles included', () => {
    const random = seededRandom('most');
    for (let i = 0; i < 300; i += 1) {
      const d = 3 + Math.floor(random() * 4);
      const capacity = Array.from({ length: d }, () => Math.floor(random() * 4));
      const links: Link[] = [];
      for (let a = 0; a < d; a += 1)
        for (let b = a + 1; b < d; b += 1) if (random() < 0.6) links.push([a, b]);
      const picked = mostLinks(capacity, links);
      const degree = capacity.map(() => 0);
      for (const [a, b] of picked) {
        degree[a]! += 1;
        degree[b]! += 1;
      }
      expect(degree.every((g, k) => g <= capacity[k]!)).toBe(true);
      expect([capacity, links, picked.length]).toEqual([
        capacity,
        links,
        bruteMost(capacity, links),
      ]);
    }
  });
});

describe('the department-pair bound for groups of three', () => {
  /** Every way to split the people into threes, and the most department pairs any links. */
  function bruteThrees(departments: number[]): number {
    let best = 0;
    const taken = new Array<boolean>(departments.length).fill(false);
    const groups: number[][] = [];
    const search = () => {
      const first = taken.indexOf(false);
      if (first === -1) {
        const linked = new Set<string>();
        for (const g of groups)
          for (const x of g)
            for (const y of g)
              if (departments[x]! < departments[y]!)
                linked.add(`${departments[x]}-${departments[y]}`);
        best = Math.max(best, linked.size);
        return;
      }
      taken[first] = true;
      for (let b = first + 1; b < departments.length; b += 1) {
        if (taken[b]) continue;
        taken[b] = true;
        for (let c = b + 1; c < departments.length; c += 1) {
          if (taken[c]) continue;
          taken[c] = true;
          groups.push([first, b, c]);
          search();
          groups.pop();
          taken[c] = false;
        }
        taken[b] = false;
      }
      taken[first] = false;
    };
    search();
    return best;
  }

  it('is never below what some split into threes links, on 60 small organisations', () => {
    const random = seededRandom('threes');
    for (let i = 0; i < 60; i += 1) {
      const n = random() < 0.5 ? 6 : 9;
      const departments = Array.from({ length: n }, () => Math.floor(random() * 5));
      const people = departments.map((d, k) => ({
        userId: `p${k}`,
        department: `D${d}`,
        timezone: 'Europe/London',
        workingHours: { startMinute: 540, endMinute: 1020 },
      }));
      const { stats } = formGroups(people, {
        now: new Date('2026-12-07T09:00:00Z'),
        groupSize: 3,
        repeatWindowDays: 180,
        leftover: 'join',
        seed: `threes-${i}`,
        history: [],
      });
      const most = bruteThrees(departments);
      expect([departments, stats.departmentPairsBound >= most]).toEqual([departments, true]);
      expect(stats.departmentPairs).toBeLessThanOrEqual(most);
    }
  });
});
