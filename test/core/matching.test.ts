import {
  crossDepartmentBound,
  formGroups,
  type Candidate,
  type MatchOptions,
} from '../../src/core/domain/matching';
import { seededRandom } from '../../src/core/domain/random';
import { describeOnEmbeddedPass } from '../support/passes';

const NOW = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
const HOURS = { startMinute: 9 * 60, endMinute: 17 * 60 };

function person(userId: string, department: string | null, extra: Partial<Candidate> = {}) {
  return { userId, department, timezone: 'Europe/London', workingHours: HOURS, ...extra };
}

/** `counts` people per department: d0 has counts[0] people, and so on. */
function organisation(counts: number[], prefix = 'p'): Candidate[] {
  return counts.flatMap((count, d) =>
    Array.from({ length: count }, (_v, i) => person(`${prefix}${d}-${i}`, `d${d}`)),
  );
}

const options = (extra: Partial<MatchOptions> = {}): MatchOptions => ({
  now: NOW,
  groupSize: 2,
  repeatWindowDays: 180,
  leftover: 'join',
  seed: 'test',
  history: [],
  ...extra,
});

function expectEveryoneOnce(candidates: Candidate[], result: ReturnType<typeof formGroups>) {
  const placed = [
    ...result.groups.flat(),
    ...result.satOut.map((s) => s.userId),
    ...result.excluded.map((e) => e.userId),
  ].sort();
  expect(placed).toEqual(candidates.map((c) => c.userId).sort());
}

/** The pairs each group makes, for history. */
const asHistory = (groups: string[][], at: Date) => groups.map((members) => ({ members, at }));

describeOnEmbeddedPass('the matching engine', () => {
  it('reaches the cross-department bound, places everyone, keeps sizes and is repeatable, on 300 random organisations', () => {
    const random = seededRandom('organisations');
    for (let run = 0; run < 300; run += 1) {
      const departments = 1 + Math.floor(random() * 8);
      const counts = Array.from({ length: departments }, () => Math.floor(random() * 12));
      const candidates = organisation(counts);
      const size = 2 + Math.floor(random() * 4);
      const history = asHistory(
        [[candidates[0]?.userId ?? 'x', candidates[1]?.userId ?? 'y']],
        new Date(NOW.getTime() - 7 * DAY),
      );
      const result = formGroups(candidates, options({ groupSize: size, seed: `s${run}`, history }));
      expectEveryoneOnce(candidates, result);
      expect(result.stats.crossDepartment).toBe(result.stats.crossDepartmentBound);
      const sizes = result.groups.map((g) => g.length);
      if (sizes.length > 0) {
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
        if (size === 2) for (const s of sizes) expect([2, 3]).toContain(s);
      }
      expect(
        formGroups(candidates, options({ groupSize: size, seed: `s${run}`, history })),
      ).toEqual(result);
    }
  });

  it('pairs everyone across departments when no department is more than half', () => {
    const result = formGroups(organisation([5, 4, 3, 2]), options());
    expect(result.groups).toHaveLength(7);
    expect(result.stats).toMatchObject({ crossDepartment: 7, crossDepartmentBound: 7 });
  });

  it('with one huge department, crosses as many pairs as the others allow (n − m)', () => {
    const candidates = organisation([80, 12, 8]);
    const result = formGroups(candidates, options());
    expect(result.stats.crossDepartmentBound).toBe(20);
    expect(result.stats.crossDepartment).toBe(20);
    expectEveryoneOnce(candidates, result);
  });

  it('pairs two people, and makes a trio of three rather than leaving one out', () => {
    expect(formGroups(organisation([1, 1]), options()).groups).toEqual([['p0-0', 'p1-0']]);
    const three = formGroups(organisation([2, 1]), options());
    expect(three.groups).toEqual([['p0-0', 'p0-1', 'p1-0']]);
    expect(three.satOut).toEqual([]);
  });

  it('makes one trio in an odd round, never a person alone', () => {
    const result = formGroups(organisation([4, 3, 2]), options());
    expect(result.groups.map((g) => g.length).sort()).toEqual([2, 2, 2, 3]);
    expect(result.satOut).toEqual([]);
  });

  it('tells the one participant that there is nobody to meet this time', () => {
    expect(formGroups([person('solo', 'd0')], options())).toMatchObject({
      groups: [],
      satOut: [{ userId: 'solo', reason: 'alone' }],
    });
  });

  it('matches nobody when everybody is paused, opted out, skipping or gone', () => {
    const candidates = [
      person('a', 'd0', { pausedUntil: new Date(NOW.getTime() + DAY) }),
      person('b', 'd1', { optedOut: true }),
      person('c', 'd2', { skipping: true }),
      person('d', 'd3', { isDeactivated: true }),
    ];
    expect(formGroups(candidates, options())).toMatchObject({
      groups: [],
      satOut: [],
      excluded: [
        { userId: 'a', reason: 'paused' },
        { userId: 'b', reason: 'opted_out' },
        { userId: 'c', reason: 'skipping' },
        { userId: 'd', reason: 'deactivated' },
      ],
    });
    const ended = formGroups(
      [person('a', 'd0', { pausedUntil: new Date(NOW.getTime() - 1) }), person('b', 'd1')],
      options(),
    );
    expect(ended.groups).toEqual([['a', 'b']]);
  });

  it('still introduces people when everyone is in one department', () => {
    const result = formGroups(organisation([10]), options());
    expect(result.groups).toHaveLength(5);
    expect(result.stats).toMatchObject({ crossDepartment: 0, crossDepartmentBound: 0 });
  });

  it('does not pair last week’s pairs again when another choice exists', () => {
    const candidates = organisation([2, 2]);
    const lastWeek = asHistory(
      [
        ['p0-0', 'p1-0'],
        ['p0-1', 'p1-1'],
      ],
      new Date(NOW.getTime() - 7 * DAY),
    );
    for (const seed of ['a', 'b', 'c', 'd']) {
      const result = formGroups(candidates, options({ history: lastWeek, seed }));
      expect(result.groups).toEqual([
        ['p0-0', 'p1-1'],
        ['p0-1', 'p1-0'],
      ]);
      expect(result.stats.windowRepeats).toBe(0);
    }
  });

  it('repeats a pair only when there is no other choice, and then says so', () => {
    const result = formGroups(
      organisation([1, 1]),
      options({ history: asHistory([['p0-0', 'p1-0']], new Date(NOW.getTime() - 7 * DAY)) }),
    );
    expect(result.groups).toEqual([['p0-0', 'p1-0']]);
    expect(result.stats.windowRepeats).toBe(1);
  });

  it('when every option is a repeat, prefers the pair that met longest ago', () => {
    const history = [
      ...asHistory(
        [
          ['a0', 'b0'],
          ['a1', 'b1'],
        ],
        new Date(NOW.getTime() - 10 * DAY),
      ),
      ...asHistory(
        [
          ['a0', 'b1'],
          ['a1', 'b0'],
        ],
        new Date(NOW.getTime() - 100 * DAY),
      ),
    ];
    const candidates = [person('a0', 'A'), person('a1', 'A'), person('b0', 'B'), person('b1', 'B')];
    const result = formGroups(candidates, options({ history, repeatWindowDays: 365 }));
    expect(result.groups).toEqual([
      ['a0', 'b1'],
      ['a1', 'b0'],
    ]);
  });

  it('brings together departments the company’s rounds have not brought together lately', () => {
    // Last week A met C and B met D (people away this week); now A should meet B or D.
    const away = { pausedUntil: new Date(NOW.getTime() + DAY) };
    const candidates = ['A', 'B', 'C', 'D'].flatMap((d) => [
      person(`${d.toLowerCase()}0`, d, away),
      person(`${d.toLowerCase()}1`, d),
    ]);
    const history = asHistory(
      [
        ['a0', 'c0'],
        ['b0', 'd0'],
      ],
      new Date(NOW.getTime() - 7 * DAY),
    );
    for (const seed of ['1', '2', '3', '4', '5', '6']) {
      const { groups } = formGroups(candidates, options({ history, seed }));
      expect(groups).toHaveLength(2);
      const pairs = groups.map((g) => g.map((id) => id[0]).join(''));
      expect(pairs).not.toContain('ac');
      expect(pairs).not.toContain('bd');
    }
  });

  it('prefers people whose working hours overlap', () => {
    const tokyo = { timezone: 'Asia/Tokyo' };
    const newYork = { timezone: 'America/New_York' };
    const candidates = [
      person('a-ny', 'A', newYork),
      person('a-tk', 'A', tokyo),
      person('b-ny', 'B', newYork),
      person('b-tk', 'B', tokyo),
    ];
    for (const seed of ['1', '2', '3', '4', '5'])
      expect(formGroups(candidates, options({ seed })).groups).toEqual([
        ['a-ny', 'b-ny'],
        ['a-tk', 'b-tk'],
      ]);
  });

  it('lets leftovers sit out in turn when the admin prefers that, each before anyone twice', () => {
    const candidates = organisation([3, 2]);
    const lastSatOut = new Map<string, Date>();
    const sat: string[] = [];
    for (let week = 0; week < 5; week += 1) {
      const at = new Date(NOW.getTime() + week * 7 * DAY);
      const result = formGroups(
        candidates,
        options({ now: at, leftover: 'sit_out', lastSatOut, seed: `w${week}` }),
      );
      expect(result.satOut).toHaveLength(1);
      expect(result.groups.every((g) => g.length === 2)).toBe(true);
      const out = result.satOut[0]!.userId;
      sat.push(out);
      lastSatOut.set(out, at);
    }
    expect(new Set(sat).size).toBe(5);
  });

  it('forms groups up to eight, spreading departments', () => {
    const candidates = organisation([8, 8, 8, 8]);
    const result = formGroups(candidates, options({ groupSize: 4 }));
    expect(result.groups).toHaveLength(8);
    for (const g of result.groups) {
      const departments = new Set(g.map((id) => id.split('-')[0]));
      expect(departments.size).toBe(4);
    }
    expect(formGroups(candidates, options({ groupSize: 8 })).groups).toHaveLength(4);
    const threes = formGroups(organisation([4, 4]), options({ groupSize: 3 }));
    expect(threes.groups.map((g) => g.length).sort()).toEqual([2, 3, 3]);
  });

  it('1,000 people with twenty weeks of their own history: the bound, no avoidable repeat', () => {
    const candidates = organisation([250, 180, 150, 120, 100, 80, 60, 40, 20]);
    const history: MatchOptions['history'] = [];
    for (let week = 20; week >= 1; week -= 1) {
      const at = new Date(NOW.getTime() - week * 7 * DAY);
      const round = formGroups(candidates, options({ now: at, history, seed: `week-${week}` }));
      expect(round.stats.windowRepeats).toBe(0);
      history.push(...asHistory(round.groups, at));
    }
    const result = formGroups(candidates, options({ history, seed: 'now' }));
    expectEveryoneOnce(candidates, result);
    expect(result.stats.crossDepartment).toBe(result.stats.crossDepartmentBound);
    expect(result.stats.crossDepartment).toBe(500);
    expect(result.stats.windowRepeats).toBe(0);
  });

  it('computes the bound as min(groups, n − largest department)', () => {
    expect(crossDepartmentBound(['a', 'a', 'b', 'c'], 2)).toBe(2);
    expect(crossDepartmentBound(['a', 'a', 'a', 'b'], 2)).toBe(1);
    expect(crossDepartmentBound(['a', 'a'], 1)).toBe(0);
    expect(crossDepartmentBound([], 0)).toBe(0);
  });
});
