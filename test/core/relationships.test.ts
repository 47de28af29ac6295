import {
  coldest,
  MEANINGFUL_STRENGTH,
  relationshipKind,
  relationshipsOf,
  strengthAt,
  STRENGTH_HALF_LIFE_DAYS,
  type InteractionEvent,
} from '../../src/core/domain/relationships';

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

type Person = {
  userId: string;
  departmentId: string | null;
  managerId: string | null;
  externalOrg: string | null;
  isDeactivated: boolean;
};
const person = (userId: string, departmentId: string | null, extra: Partial<Person> = {}) => ({
  userId,
  departmentId,
  managerId: null,
  externalOrg: null,
  isDeactivated: false,
  ...extra,
});

// Ana is in Product; Ben reports to her; Sam is in Engineering; Li too (Ana mentors Li);
// Kim is from a partner; Pat is in Product; Gone left the company.
const ana = person('ana', 'product');
const others = new Map(
  [
    person('ben', 'product', { managerId: 'ana' }),
    person('sam', 'engineering'),
    person('li', 'engineering'),
    person('kim', null, { externalOrg: 'Acme Partners' }),
    person('pat', 'product'),
    person('gone', 'finance', { isDeactivated: true }),
    person('new', null),
  ].map((p) => [p.userId, p]),
);
const mentorships = new Set(['li']);

describe('relationships', () => {
  it('names the kind: declared mentorship, external, manager/report, cross-department, peer', () => {
    const kind = (id: string) => relationshipKind(ana, others.get(id)!, mentorships);
    expect(kind('li')).toBe('mentor_mentee');
    expect(kind('kim')).toBe('external');
    expect(kind('ben')).toBe('manager_report');
    expect(kind('sam')).toBe('cross_department');
    expect(kind('pat')).toBe('peer');
    // A department we do not know yet is never claimed as another department.
    expect(kind('new')).toBe('peer');
  });

  it('weighs each interaction and halves it every half-life', () => {
    const at = (days: number, source: string) => ({ source, at: daysAgo(days) });
    expect(strengthAt([at(0, 'round')], NOW)).toBe(4);
    expect(strengthAt([at(STRENGTH_HALF_LIFE_DAYS, 'round')], NOW)).toBeCloseTo(2, 10);
    expect(strengthAt([at(2 * STRENGTH_HALF_LIFE_DAYS, 'followup')], NOW)).toBeCloseTo(0.75, 10);
    expect(strengthAt([at(0, 'kudos'), at(0, 'kudos'), at(0, 'introduction')], NOW)).toBe(4);
    expect(strengthAt([at(0, 'manual')], NOW)).toBe(4);
    // Not yet happened: counts nothing.
    expect(strengthAt([{ source: 'round', at: new Date(NOW.getTime() + DAY) }], NOW)).toBe(0);
  });

  it('calls a relationship meaningful above the threshold, and going cold after the cadence', () => {
    const events: InteractionEvent[] = [
      // Sam: met 10 days ago and followed up: strong and recent.
      { otherId: 'sam', source: 'round', at: daysAgo(10) },
      { otherId: 'sam', source: 'followup', at: daysAgo(9) },
      // Ben: met and followed up 50 days ago, nothing since: meaningful then, quiet now.
      { otherId: 'ben', source: 'round', at: daysAgo(51) },
      { otherId: 'ben', source: 'followup', at: daysAgo(50) },
      // Pat: one kudos yesterday: a contact, not yet meaningful.
      { otherId: 'pat', source: 'kudos', at: daysAgo(1) },
      // Kim: strong but more than a year ago: gone, not going cold.
      { otherId: 'kim', source: 'round', at: daysAgo(400) },
      { otherId: 'kim', source: 'round', at: daysAgo(400) },
      // Gone has left: not a relationship any more.
      { otherId: 'gone', source: 'round', at: daysAgo(3) },
    ];
    const list = relationshipsOf(ana, events, others, mentorships, NOW, 42);
    const byId = Object.fromEntries(list.map((r) => [r.otherId, r]));
    expect(list.map((r) => r.otherId)).toEqual(['sam', 'ben', 'pat', 'kim']);
    expect(byId.sam).toMatchObject({ meaningful: true, goingCold: false, interactions: 2 });
    expect(byId.sam!.strength).toBeCloseTo(4 * 2 ** (-10 / 90) + 3 * 2 ** (-9 / 90), 10);
    expect(byId.ben!.peak).toBeGreaterThanOrEqual(MEANINGFUL_STRENGTH);
    expect(byId.ben).toMatchObject({ kind: 'manager_report', goingCold: true });
    expect(byId.ben!.meaningful).toBe(byId.ben!.strength >= MEANINGFUL_STRENGTH);
    expect(byId.pat).toMatchObject({ kind: 'peer', meaningful: false, goingCold: false });
    expect(byId.kim).toMatchObject({ kind: 'external', meaningful: false, goingCold: false });
    // A longer cadence: Ben is not going cold yet.
    const patient = relationshipsOf(ana, events, others, mentorships, NOW, 60);
    expect(patient.find((r) => r.otherId === 'ben')!.goingCold).toBe(false);
    expect(coldest(list, 3).map((r) => r.otherId)).toEqual(['ben']);
  });

  it('resets the clock with any interaction', () => {
    const quiet: InteractionEvent[] = [
      { otherId: 'sam', source: 'round', at: daysAgo(60) },
      { otherId: 'sam', source: 'round', at: daysAgo(59) },
    ];
    expect(relationshipsOf(ana, quiet, others, mentorships, NOW, 42)[0]!.goingCold).toBe(true);
    const thanked = [...quiet, { otherId: 'sam', source: 'kudos', at: daysAgo(2) }];
    expect(relationshipsOf(ana, thanked, others, mentorships, NOW, 42)[0]!.goingCold).toBe(false);
  });

  it('puts the strongest once first among those going cold, at most the limit', () => {
    const events: InteractionEvent[] = ['ben', 'sam', 'li', 'pat'].flatMap((otherId, i) =>
      Array.from({ length: i + 2 }, () => ({ otherId, source: 'round', at: daysAgo(100) })),
    );
    const cold = coldest(relationshipsOf(ana, events, others, mentorships, NOW, 42), 3);
    expect(cold.map((r) => r.otherId)).toEqual(['pat', 'li', 'sam']);
  });
});
