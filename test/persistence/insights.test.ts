import type { Insights } from '../../src/core/domain/insights';
import { saveSettings, setOptedOut } from '../../src/persistence/repositories/directory';
import { useCasesFor, type UseCases } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { daysAgo, NOW, seedInsightsOrganisation } from '../support/insights-organisation';

/*
 * Every figure below is counted by hand from test/support/insights-organisation.ts, whose
 * comments name the relationships P1–P9 and kudos K1–K10 referred to here.
 */
describe(`insights on ${databaseLabel}`, () => {
  let database: TestDatabase;
  let useCases: UseCases;
  let ws: string;
  beforeAll(async () => {
    database = await openTestDatabase();
    ws = await seedInsightsOrganisation(database.db);
    useCases = useCasesFor(database, fixedClock(NOW.toISOString()));
  });
  afterAll(() => database?.close());

  const read = async (weeks: 4 | 12 | 52 = 12, actor = 'ada'): Promise<Insights> => {
    const result = await useCases.insights.read(ws, actor, weeks);
    if (!result.ok) throw new Error(`refused: ${result.code}`);
    return result.insights;
  };

  it('counts 12 weeks of the fixed organisation, small departments merged', async () => {
    expect(await read(12)).toEqual({
      weeks: 12,
      from: new Date('2026-03-09T12:00:00Z'), // 84 days before 1 June
      to: NOW,
      minDepartmentSize: 5, // the default
      members: 21, // 7 + 6 + 4 + 3, and uma; not the bot, vic, wes or xia
      withoutDepartment: 1, // uma
      rounds: [
        {
          channelId: 'C-COFFEE', // C-OLD's only round is 100 days old: left out
          weeks: [
            // [ada hal] + [ben ned cai]; told ada hal ben ned; [ada hal] met; dev paused, eli odd
            { slot: daysAgo(14), matched: 5, told: 4, met: 2, satOut: 1, paused: 1 },
            // [sue jon] + [kit pia]; told sue only (jon's dead, kit–pia pending); gus skipping
            { slot: daysAgo(7), matched: 4, told: 1, met: 2, satOut: 1, paused: 0 },
          ],
          totals: { matched: 9, told: 5, met: 4, satOut: 2, paused: 1 },
        },
      ],
      departments: [
        { name: 'Engineering', members: 7, merged: null },
        { name: 'Sales', members: 6, merged: null },
        { name: 'Small departments', members: 7, merged: 2 }, // Design 4 + Legal 3
      ],
      matrix: {
        all: [
          [0, 2, 3], // Eng–Sales P1 P3; Eng–small P2 P4 P8 (P7 is before the period)
          [2, 0, 2], // Sales–small P6 P9
          [3, 2, 1], // Design–Legal P5, between two merged departments
        ],
        meaningful: [
          [0, 1, 1], // P1 (4.9997 rounds to 5); P2
          [1, 0, 2], // P6; P9 (its round 30 days ago still counts toward strength)
          [1, 2, 0], // P5 is 2.89
        ],
      },
      unlinked: [], // every pair of rows is linked
      crossShare: {
        start: { with: 4, of: 20 }, // before 9 March only P7 eli–kit and P8 fay–quin
        end: { with: 16, of: 20 }, // everyone in P1–P9
      },
      isolated: ['gus', 'lou', 'max', 'tom'], // links only with vic, xia, wes, or after NOW
      kudos: {
        total: 9, // K1–K10 but K8 (100 days ago), the forgotten giver's K4 and vic's K9 included
        byValue: [
          { value: 'care', count: 4 }, // K2 K3 K7 K10
          { value: 'teamwork', count: 4 }, // K1 K4 K6 K9
          { value: 'craft', count: 2 }, // K2 K5
        ],
        byDepartment: [
          { department: 'Engineering', given: 2, received: 4 }, // by cai ada; to ada fay ben ben
          { department: 'Sales', given: 2, received: 3 }, // by hal ×2 (not vic); to ivy jon kit
          { department: 'Small departments', given: 3, received: 1 }, // by quin pia ned; to rex
        ],
        // Both known: K1, K2 ×2, K3, K5, K7 (not K4's forgotten giver, uma, vic or wes).
        // Crossed: all but K5; K7 (Design to Legal) though both are in the merged row.
        crossing: { with: 5, of: 6 },
      },
    });
  });

  it('shows a department on its own once the setting allows it', async () => {
    await saveSettings(database.db, ws, { minDepartmentSize: 3 });
    try {
      const insights = await read(12);
      expect(insights.minDepartmentSize).toBe(3);
      expect(insights.departments).toEqual([
        { name: 'Engineering', members: 7, merged: null },
        { name: 'Sales', members: 6, merged: null },
        { name: 'Design', members: 4, merged: null },
        { name: 'Legal', members: 3, merged: null },
      ]);
      expect(insights.matrix).toEqual({
        all: [
          [0, 2, 3, 0], // Eng–Legal: nothing
          [2, 0, 1, 1], // Sales–Design P9, Sales–Legal P6
          [3, 1, 0, 1], // Design–Legal P5, now off the diagonal
          [0, 1, 1, 0],
        ],
        meaningful: [
          [0, 1, 1, 0],
          [1, 0, 1, 1],
          [1, 1, 0, 0],
          [0, 1, 0, 0],
        ],
      });
      expect(insights.unlinked).toEqual([['Engineering', 'Legal']]);
      expect(insights.kudos.byDepartment).toEqual([
        { department: 'Engineering', given: 2, received: 4 },
        { department: 'Sales', given: 2, received: 3 },
        { department: 'Design', given: 3, received: 0 }, // by quin pia ned
        { department: 'Legal', given: 0, received: 1 }, // to rex
      ]);
    } finally {
      await saveSettings(database.db, ws, { minDepartmentSize: 5 });
    }
  });

  it('leaves out of 4 weeks an interaction 6 weeks old that 12 weeks include', async () => {
    const four = await read(4);
    expect(four.from).toEqual(new Date('2026-05-04T12:00:00Z'));
    // P4 dev–oli (42 days ago) is gone from Eng–small: P2 and P8 remain.
    expect(four.matrix.all).toEqual([
      [0, 2, 2],
      [2, 0, 2],
      [2, 2, 1],
    ]);
    // Before 4 May: P4 dev–oli, P7 eli–kit, P8 fay–quin, P9 kit–pia (kit once).
    expect(four.crossShare).toEqual({ start: { with: 7, of: 20 }, end: { with: 16, of: 20 } });
    expect(four.isolated).toEqual(['gus', 'lou', 'max', 'tom']);
  });

  it('counts no bot, deactivated, opted-out or guest member, whatever their links', async () => {
    await setOptedOut(database.db, ws, 'hal', true);
    try {
      const insights = await read(12);
      expect(insights.members).toBe(20);
      expect(insights.departments[1]).toEqual({ name: 'Sales', members: 5, merged: null });
      expect(insights.matrix.all[0]).toEqual([0, 1, 3]); // P1 ada–hal is gone
      expect(insights.isolated).toEqual(['ada', 'gus', 'lou', 'max', 'tom']);
      expect(insights.kudos.byDepartment[1]).toEqual({
        department: 'Sales',
        given: 0, // hal's K1 and K6 no longer count for Sales
        received: 3,
      });
    } finally {
      await setOptedOut(database.db, ws, 'hal', false);
    }
  });

  it('refuses anyone but an active admin', async () => {
    expect(await useCases.insights.read(ws, 'ben', 12)).toEqual({
      ok: false,
      code: 'admins_only',
    });
    // vic is an admin, but deactivated.
    expect(await useCases.insights.read(ws, 'vic', 12)).toEqual({
      ok: false,
      code: 'admins_only',
    });
  });
});
