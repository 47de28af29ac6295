import { createLogger } from '../../src/logger';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { tick } from '../../src/scheduler/coordinator';
import type { JobContext, JobDefinition } from '../../src/scheduler/job';
import { kudosPromptJob } from '../../src/scheduler/jobs/kudos';
import { useCasesFor } from '../../src/services';
import { fixedClock, type TestClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallOrganisation } from '../support/organisation';

describe(`the run coordinator on ${databaseLabel}`, () => {
  let database: TestDatabase;
  let workspaceId: string;
  let clock: TestClock;
  let ctx: JobContext;

  beforeAll(async () => {
    database = await openTestDatabase();
    workspaceId = await seedSmallOrganisation(database.db);
    clock = fixedClock('2026-01-01T00:00:00Z');
    ctx = {
      db: database.db,
      clock,
      useCases: useCasesFor(database, clock),
      logger: createLogger('silent'),
      platforms: new Set(['slack']),
    };
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await database.db.deleteFrom('job_runs').execute();
    await database.db.deleteFrom('deliveries').execute();
  });

  const promptAt = (timezone: string, weekday: number, hour: number) =>
    saveSettings(database.db, workspaceId, {
      kudosChannelId: 'C-KUDOS',
      timezone,
      kudosPrompt: { enabled: true, weekday, hour },
    });

  const runs = () =>
    database.db
      .selectFrom('job_runs')
      .select(['job', 'scope', 'slot', 'status', 'started_at'])
      .orderBy('slot')
      .execute();

  const prompts = () =>
    database.db
      .selectFrom('deliveries')
      .select(['dedupe_key', 'target', 'message', 'available_at'])
      .orderBy('dedupe_key')
      .execute();

  /** Two replicas ticking side by side, every `stepMinutes`, from `from` to `to`. */
  async function walk(from: string, to: string, stepMinutes: number, jobs = [kudosPromptJob]) {
    const ranAt: Date[] = [];
    for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
      clock.set(new Date(t).toISOString());
      const [a, b] = await Promise.all([
        tick(ctx, jobs, 'replica-a'),
        tick(ctx, jobs, 'replica-b'),
      ]);
      if (a.length + b.length > 0) ranAt.push(new Date(t));
    }
    return ranAt;
  }

  it.each([
    // Sunday 02:00 New York on spring-forward day: 02:00 does not exist; the prompt goes at 03:00 EDT.
    [
      'spring-forward in New York',
      'America/New_York',
      7,
      2,
      '2026-03-07T12:00:00Z',
      '2026-03-09T12:00:00Z',
      '2026-03-08T07:00:00.000Z',
    ],
    // Sunday 01:00 on fall-back day, an hour that happens twice: one prompt.
    [
      'fall-back in New York',
      'America/New_York',
      7,
      1,
      '2026-10-31T12:00:00Z',
      '2026-11-02T12:00:00Z',
      '2026-11-01T06:00:00.000Z',
    ],
    // Friday 15:00 in India, half an hour off every whole-hour zone.
    [
      'a half-hour zone',
      'Asia/Kolkata',
      5,
      15,
      '2026-11-26T12:00:00Z',
      '2026-11-28T12:00:00Z',
      '2026-11-27T09:30:00.000Z',
    ],
  ])(
    'runs the weekly prompt once on %s, at the right local time',
    async (_name, zone, weekday, hour, from, to, expected) => {
      await promptAt(zone, weekday, hour);
      const ranAt = await walk(from, to, 10);
      const all = await runs();
      expect(all.map((r) => [r.job, r.scope, r.slot.toISOString(), r.status])).toEqual([
        ['kudos-prompt', workspaceId, expected, 'done'],
      ]);
      // The tick that ran it is the first one at or after the slot.
      expect(ranAt).toHaveLength(1);
      expect(ranAt[0]!.getTime() - Date.parse(expected)).toBeGreaterThanOrEqual(0);
      expect(ranAt[0]!.getTime() - Date.parse(expected)).toBeLessThan(10 * 60_000);
      const queued = await prompts();
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({
        dedupe_key: `kudos-prompt:${expected}`,
        target: { type: 'channel', channelId: 'C-KUDOS' },
        message: { kind: 'kudos_prompt' },
      });
    },
  );

  it('runs a firing missed while every replica was down once, within the catch-up window', async () => {
    await promptAt('Europe/London', 5, 15);
    clock.set('2026-11-27T20:00:00Z'); // five hours late
    expect(await tick(ctx, [kudosPromptJob], 'replica-a')).toHaveLength(1);
    expect(await tick(ctx, [kudosPromptJob], 'replica-b')).toHaveLength(0);
    clock.set('2026-11-27T20:30:00Z');
    expect(await tick(ctx, [kudosPromptJob], 'replica-a')).toHaveLength(0);
    expect(await prompts()).toHaveLength(1);
  });

  it('lets a firing go when it is older than the catch-up window', async () => {
    await promptAt('Europe/London', 5, 15);
    clock.set('2026-11-27T22:00:00Z'); // seven hours late
    expect(await tick(ctx, [kudosPromptJob], 'replica-a')).toEqual([]);
    expect(await runs()).toEqual([]);
  });

  it('takes over a firing whose replica died mid-run, not one still held', async () => {
    await promptAt('Europe/London', 5, 15);
    const slot = new Date('2026-11-27T15:00:00Z');
    const claim = (claimedBy: string, leaseUntil: string) =>
      database.db
        .insertInto('job_runs')
        .values({
          job: 'kudos-prompt',
          scope: workspaceId,
          slot,
          status: 'running',
          claimed_by: claimedBy,
          lease_until: new Date(leaseUntil),
          started_at: slot,
        })
        .execute();
    await claim('alive', '2026-11-27T15:05:00Z');
    clock.set('2026-11-27T15:01:00Z');
    expect(await tick(ctx, [kudosPromptJob], 'replica-b')).toHaveLength(0);
    clock.set('2026-11-27T15:06:00Z');
    const taken = await tick(ctx, [kudosPromptJob], 'replica-b');
    expect(taken.map((r) => r.outcome)).toEqual([{ queued: 1 }]);
    expect((await runs())[0]).toMatchObject({ status: 'done' });
  });

  it('tries a failed firing again on the next tick, up to three times', async () => {
    let calls = 0;
    const flaky: JobDefinition = {
      name: 'flaky',
      description: 'fails twice, then works',
      catchUpMs: 60 * 60_000,
      firings: async () => [{ scope: 'global', slot: new Date('2026-11-27T10:00:00Z') }],
      run: async () => {
        calls += 1;
        if (calls < 3) throw new Error(`failure ${calls}`);
        return { queued: 0, note: 'worked' };
      },
    };
    clock.set('2026-11-27T10:01:00Z');
    for (let i = 0; i < 5; i += 1) await tick(ctx, [flaky], 'replica-a');
    expect(calls).toBe(3);
    expect((await runs()).map((r) => r.status)).toEqual(['done']);
  });
});
