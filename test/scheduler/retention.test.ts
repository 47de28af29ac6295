import { createLogger } from '../../src/logger';
import { retentionJob } from '../../src/scheduler/jobs/retention';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallOrganisation } from '../support/organisation';

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
    expect(outcome.note).toBe('purged 1 workspaces, 1 event ids, 2 deliveries, 0 job runs');

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
});
