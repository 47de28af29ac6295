import { describe, expect, it } from '@jest/globals';
import { formGroups, type Candidate, type MatchOptions } from '../../src/core/domain/matching';
import { seededRandom, shuffle } from '../../src/core/domain/random';

const NOW = new Date('2026-12-07T09:00:00Z');
const WEEK = 7 * 86_400_000;

function organisation(sizes: number[]): Candidate[] {
  return sizes.flatMap((size, d) =>
    Array.from({ length: size }, (_v, i) => ({
      userId: `d${d}-p${i}`,
      department: `D${d}`,
      timezone: 'Europe/London',
      workingHours: { startMinute: 540, endMinute: 1020 },
    })),
  );
}

const options = (week: number, history: MatchOptions['history']): MatchOptions => ({
  now: new Date(NOW.getTime() + week * WEEK),
  groupSize: 2,
  repeatWindowDays: 180,
  leftover: 'join',
  seed: `week-${week}`,
  history,
});

const departmentOf = (id: string) => id.split('-')[0]!;

function departmentPairs(groups: string[][]): Set<string> {
  const pairs = new Set<string>();
  for (const g of groups)
    for (const a of g)
      for (const b of g)
        if (departmentOf(a) < departmentOf(b)) pairs.add(`${departmentOf(a)}|${departmentOf(b)}`);
  return pairs;
}

const sameDepartment = (groups: string[][]) =>
  groups.filter((g) => g.every((m) => departmentOf(m) === departmentOf(g[0]!))).length;

/** What most pairing bots do: shuffle everyone and pair them in order; the odd one makes a trio. */
function randomPairs(people: Candidate[], seed: string): string[][] {
  const order = shuffle(
    people.map((p) => p.userId),
    seededRandom(seed),
  );
  const groups: string[][] = [];
  for (let i = 0; i + 1 < order.length; i += 2) groups.push([order[i]!, order[i + 1]!]);
  if (order.length % 2 === 1) groups.at(-1)!.push(order.at(-1)!);
  return groups;
}

describe('a first round on crafted organisations links the most department pairs it can', () => {
  const cases: Array<[string, number[], number]> = [
    [
      '360 people in 9 departments, each big enough to meet all the others',
      [120, 60, 45, 40, 30, 25, 20, 12, 8],
      36,
    ],
    ['a department of exactly (departments - 1) people', [5, 9, 9, 9, 9, 9], 15],
    ['one department larger than half', [30, 8, 6, 4, 3, 2], 5],
  ];
  it.each(cases)('%s', (_name, sizes, expected) => {
    const people = organisation(sizes);
    const result = formGroups(people, options(0, []));
    expect(result.stats.departmentPairsBound).toBe(expected);
    expect(result.stats.departmentPairs).toBe(result.stats.departmentPairsBound);
    expect(departmentPairs(result.groups).size).toBe(result.stats.departmentPairs);
    expect(result.stats.crossDepartment).toBe(result.stats.crossDepartmentBound);
    expect(result.stats.windowRepeats).toBe(0);
    expect(result.groups.flat().sort()).toEqual(people.map((p) => p.userId).sort());
  });

  it('links the pairs the repeat window leaves, when it forbids some department pairs', () => {
    // Five departments of four; last month D0 met all of D1 and D2 all of D3.
    const people = organisation([4, 4, 4, 4, 4]);
    const at = new Date(NOW.getTime() - 4 * WEEK);
    const history: MatchOptions['history'] = [];
    for (const [a, b] of [
      [0, 1],
      [2, 3],
    ])
      for (let i = 0; i < 4; i += 1)
        for (let j = 0; j < 4; j += 1)
          history.push({ members: [`d${a}-p${i}`, `d${b}-p${j}`], at });
    const result = formGroups(people, options(0, history));
    expect(result.stats.departmentPairsBound).toBe(8);
    expect(result.stats.departmentPairs).toBe(8);
    expect(departmentPairs(result.groups).has('d0|d1')).toBe(false);
    expect(departmentPairs(result.groups).has('d2|d3')).toBe(false);
    expect(result.stats.windowRepeats).toBe(0);
    expect(result.stats.crossDepartment).toBe(result.stats.crossDepartmentBound);
  });
});

describe('300 random organisations over eight weekly rounds', () => {
  /**
   * When one department holds two fifths of the people or more, nearly everyone else must
   * meet someone from it for every group to cross departments, and few are left to link the
   * other departments with each other. Random pairing links more of them by putting the big
   * department's people together.
   */
  const dominated = (sizes: number[]) =>
    5 * Math.max(...sizes) >= 2 * sizes.reduce((a, b) => a + b, 0);

  it('reach the bound in the first round and keep up with random pairing', () => {
    const random = seededRandom('organisations');
    const problems: string[] = [];
    const conceded = new Set<number>();
    for (let o = 0; o < 300; o += 1) {
      const departments = 2 + Math.floor(random() * 13);
      const sizes = Array.from({ length: departments }, () => 1 + Math.floor(random() ** 2 * 30));
      const people = organisation(sizes);
      const history: MatchOptions['history'] = [];
      const ours = new Set<string>();
      const theirs = new Set<string>();
      const largest = `D${sizes.indexOf(Math.max(...sizes))}`.toLowerCase();
      let ourSame = 0;
      let theirSame = 0;
      for (let week = 0; week < 8; week += 1) {
        const result = formGroups(people, options(week, history));
        const at = new Date(NOW.getTime() + week * WEEK);
        for (const g of result.groups) history.push({ members: g, at });
        const name = `${sizes.join(',')} week ${week}`;
        const { stats } = result;
        if (week === 0 && stats.departmentPairs !== stats.departmentPairsBound)
          problems.push(
            `${name}: ${stats.departmentPairs} pairs, bound ${stats.departmentPairsBound}`,
          );
        if (stats.crossDepartment !== stats.crossDepartmentBound)
          problems.push(
            `${name}: ${stats.crossDepartment} across, bound ${stats.crossDepartmentBound}`,
          );
        // Tiny organisations run out of people they have not met within weeks.
        if (people.length >= 16 && stats.windowRepeats > 0)
          problems.push(`${name}: ${stats.windowRepeats} repeats`);
        for (const p of departmentPairs(result.groups)) ours.add(p);
        const randomGroups = randomPairs(people, `random-${o}-${week}`);
        for (const p of departmentPairs(randomGroups)) theirs.add(p);
        ourSame += sameDepartment(result.groups);
        theirSame += sameDepartment(randomGroups);
        if (ours.size >= theirs.size) continue;
        const linkedToLargest = [...ours].filter((p) => p.split('|').includes(largest)).length;
        if (dominated(sizes) && linkedToLargest === departments - 1 && theirSame > ourSame)
          conceded.add(o);
        else problems.push(`${name}: ${ours.size} department pairs, random ${theirs.size}`);
      }
    }
    expect(problems).toEqual([]);
    // 37 of the 300 when this was written, each with one department of two fifths or more.
    expect(conceded.size).toBeLessThanOrEqual(37);
  });
});

describe('spread within departments', () => {
  it('brings each person a department new to them every round while one is left', () => {
    // Eight departments of ten: each person can meet the seven others in seven rounds.
    const people = organisation([10, 10, 10, 10, 10, 10, 10, 10]);
    const history: MatchOptions['history'] = [];
    const reached = new Map(people.map((p) => [p.userId, new Set<string>()]));
    const perRound: number[][] = [];
    for (let week = 0; week < 7; week += 1) {
      const result = formGroups(people, options(week, history));
      const at = new Date(NOW.getTime() + week * WEEK);
      for (const g of result.groups) {
        history.push({ members: g, at });
        for (const a of g)
          for (const b of g)
            if (departmentOf(a) !== departmentOf(b)) reached.get(a)!.add(departmentOf(b));
      }
      perRound.push([...reached.values()].map((r) => r.size));
    }
    // Exactly one new department a round for everyone for four rounds, then nearly so: the
    // last rounds ask for a perfect schedule, which a weekly engine only approaches.
    for (let week = 0; week < 4; week += 1)
      expect(new Set(perRound[week])).toEqual(new Set([week + 1]));
    const last = perRound[6]!;
    expect(Math.min(...last)).toBeGreaterThanOrEqual(6);
    expect(last.reduce((a, b) => a + b, 0) / last.length).toBeGreaterThan(6.5);
  });
});
