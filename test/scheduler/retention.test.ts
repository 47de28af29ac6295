import { createLogger } from '../../src/logger';
import { retentionJob } from '../../src/scheduler/jobs/retention';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallOrganisation } from '../support/organisation';
import { saveSettings } from '../../src/persistence/repositories/directory';

const DAY = 86_400_000;

describe(`the retention job on ${databaseLabel}`, () => {
  let database: TestDatabase;
  const now = new Date('2026-11-23T03:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
  afterAll(() => database?.close());

  it('purges workspaces gone for 30 days and old records, and keeps everything else', async () => {
    database = await openTestDatabase();
    const db = database.db;
    const active = await seedSmallOrganisation(db, 'T-ACTIVE');
    const goneLong = await seedSmallOrganisation(db, 'T-GONE-LONG');
    const goneLately = await seedSmallOrganisation(db, 'T-GONE-LATELY');
    await db
      .updateTable('workspaces')
      .set({ uninstalled_at: daysAgo(31) })
      .where('id', '=', goneLong)
      .execute();
    await db
      .updateTable('workspaces')
      .set({ uninstalled_at: daysAgo(10) })
      .where('id', '=', goneLately)
      .execute();
    await db
      .insertInto('inbound_events')
      .values([
        { workspace_id: active, event_id: 'old', received_at: daysAgo(8) },
        { workspace_id: active, event_id: 'recent', received_at: daysAgo(1) },
      ])
      .execute();
    const delivery = (key: string, status: 'sent' | 'dead' | 'pending', finished: Date | null) => ({
      workspace_id: active,
      dedupe_key: key,
      target: JSON.stringify({ type: 'channel', channelId: 'C1' }),
      message: JSON.stringify({ kind: 'text', text: key }),
      status,
      available_at: daysAgo(100),
      next_attempt_at: daysAgo(100),
      created_at: daysAgo(100),
      finished_at: finished,
    });
    await db
      .insertInto('deliveries')
      .values([
        delivery('sent-old', 'sent', daysAgo(31)),
        delivery('sent-recent', 'sent', daysAgo(2)),
        delivery('dead-old', 'dead', daysAgo(91)),
        delivery('dead-kept', 'dead', daysAgo(31)),
        delivery('still-pending', 'pending', null),
      ])
      .execute();

    const clock = fixedClock(now.toISOString());
    const outcome = await retentionJob.run(
      { scope: 'global', slot: now },
      {
        db,
        clock,
        useCases: useCasesFor(database, clock),
        logger: createLogger('silent'),
        platforms: new Set(['slack']),
      },
    );
    expect(outcome.note).toBe(
      'purged 1 workspaces, 1 event ids, 2 deliveries, 0 job runs, 0 interactions, 0 rounds, 0 file links',
    );

    const workspaces = await db
      .selectFrom('workspaces')
      .select('external_id')
      .orderBy('external_id')
      .execute();
    expect(workspaces.map((w) => w.external_id)).toEqual(['T-ACTIVE', 'T-GONE-LATELY']);
    const leftovers = await db
      .selectFrom('members')
      .select('user_id')
      .where('workspace_id', '=', goneLong)
      .execute();
    expect(leftovers).toEqual([]);
    const kudos = await db
      .selectFrom('kudos')
      .select('id')
      .where('workspace_id', '=', goneLong)
      .execute();
    expect(kudos).toEqual([]);
    const events = await db.selectFrom('inbound_events').select('event_id').execute();
    expect(events.map((e) => e.event_id)).toEqual(['recent']);
    const kept = await db
      .selectFrom('deliveries')
      .select('dedupe_key')
      .orderBy('dedupe_key')
      .execute();
    expect(kept.map((d) => d.dedupe_key)).toEqual(['dead-kept', 'sent-recent', 'still-pending']);
  });

  it('deletes interactions and round history exactly past each workspace’s window', async () => {
    const db = database.db;
    const short = await seedSmallOrganisation(db, 'T-SHORT');
    const usual = await seedSmallOrganisation(db, 'T-USUAL');
    await saveSettings(db, short, { historyDays: 90 });
    const met = (workspace_id: string, ref: string, at: Date) => ({
      workspace_id,
      member_id: 'ana',
      other_member_id: 'sam',
      kind: 'cross_department' as const,
      source: 'round',
      source_ref: ref,
      occurred_at: at,
    });
    await db
      .insertInto('interactions')
      .values([
        met(short, 'short-89', daysAgo(89)),
        met(short, 'short-91', daysAgo(91)),
        met(usual, 'usual-729', daysAgo(729)),
        met(usual, 'usual-731', daysAgo(731)),
      ])
      .execute();
    const round = async (workspace_id: string, age: number) => {
      const channel = await db
        .insertInto('round_channels')
        .values({ workspace_id, channel_id: `C-${age}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const r = await db
        .insertInto('rounds')
        .values({
          workspace_id,
          round_channel_id: channel.id,
          slot: daysAgo(age),
          checkin_at: daysAgo(age - 3),
          created_at: daysAgo(age),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const g = await db
        .insertInto('round_groups')
        .values({ workspace_id, round_id: r.id, position: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('round_group_members')
        .values([
          { workspace_id, group_id: g.id, user_id: 'ana' },
          { workspace_id, group_id: g.id, user_id: 'sam' },
        ])
        .execute();
      await db
        .insertInto('round_absences')
        .values({ workspace_id, round_id: r.id, user_id: 'li', reason: 'paused' })
        .execute();
      return r.id;
    };
    const kept = [await round(short, 80), await round(usual, 700)];
    await round(short, 100);
    await round(usual, 740);

    const clock = fixedClock(now.toISOString());
    const outcome = await retentionJob.run(
      { scope: 'global', slot: now },
      {
        db,
        clock,
        useCases: useCasesFor(database, clock),
        logger: createLogger('silent'),
        platforms: new Set(['slack']),
      },
    );
    expect(outcome.note).toMatch(/, 2 interactions, 2 rounds, 0 file links$/);
    const refs = await db
      .selectFrom('interactions')
      .select('source_ref')
      .orderBy('source_ref')
      .execute();
    expect(refs.map((r) => r.source_ref)).toEqual(['short-89', 'usual-729']);
    const rounds = await db.selectFrom('rounds').select('id').execute();
    expect(rounds.map((r) => r.id).sort()).toEqual([...kept].sort());
    // A round's groups, their members and its absences went with it.
    const groups = await db.selectFrom('round_groups').select('round_id').execute();
    expect(groups.map((g) => g.round_id).sort()).toEqual([...kept].sort());
    expect(await db.selectFrom('round_group_members').select('user_id').execute()).toHaveLength(4);
    expect(await db.selectFrom('round_absences').select('round_id').execute()).toHaveLength(2);
  });
});
