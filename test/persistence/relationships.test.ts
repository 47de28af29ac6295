import { strengthAt } from '../../src/core/domain/relationships';
import { STRENGTH_RULE } from '../../src/core/use-cases/workspace-network';
import { createRepositories } from '../../src/persistence/repositories';
import {
  saveSettings,
  setOptedOut,
  upsertMember,
} from '../../src/persistence/repositories/directory';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { seedInteraction, seedSmallOrganisation } from '../support/organisation';
import { recordingPlatform } from '../support/recording-sender';

const DAY = 86_400_000;

describe(`who hears from Rapport about relationships (${databaseLabel})`, () => {
  let database: TestDatabase;
  let workspaceId: string;
  // Wednesday 2 December 2026, 10:00 UTC.
  const clock = fixedClock('2026-12-02T10:00:00Z');
  const useCases = () => useCasesFor(database, clock);
  const NOW = Date.parse('2026-12-02T10:00:00Z');

  const interaction = (a: string, b: string, daysAgo: number, source: string) =>
    seedInteraction(database.db, workspaceId, [a, b], new Date(NOW - daysAgo * DAY), source);

  beforeAll(async () => {
    database = await openTestDatabase();
    workspaceId = await seedSmallOrganisation(database.db);
    // Everyone at work around the clock, so that what is sent is sent now.
    await database.db
      .updateTable('members')
      .set({ work_start_minute: 0, work_end_minute: 1440, work_days: [1, 2, 3, 4, 5, 6, 7] })
      .execute();
    await upsertMember(database.db, workspaceId, {
      userId: 'max',
      name: 'Max',
      department: 'Legal',
    });
    // Everyone of these once knew each other well, and has been quiet for two months.
    for (const [a, b] of [
      ['ana', 'sam'],
      ['pat', 'sam'],
      ['eve', 'sam'],
      ['quiet', 'sam'],
      ['li', 'sam'],
    ] as const) {
      await interaction(a, b, 60, 'round');
      await interaction(a, b, 59, 'followup');
    }
    // Pat is paused, Li opted out, Eve left.
    await database.db
      .updateTable('members')
      .set({ paused_until: new Date(NOW + 14 * DAY) })
      .where('user_id', '=', 'pat')
      .execute();
    await setOptedOut(database.db, workspaceId, 'li', true);
    await database.db
      .updateTable('members')
      .set({ is_deactivated: true })
      .where('user_id', '=', 'eve')
      .execute();
  });
  afterAll(() => database?.close());

  it('sends the weekly DM only to people who take part', async () => {
    await useCases().weeklyNetwork(workspaceId, new Date(NOW));
    const platform = recordingPlatform(database.db, clock);
    await platform.drain();
    const told = platform.sent
      .filter((m) => m.message.kind === 'weekly_network')
      .map((m) => (m.target as { userId: string }).userId)
      .sort();
    // Sam and Ana are in touch with people; Pat (paused), Li (opted out), Eve (left), the
    // bot and the guest hear nothing.
    expect(told).toEqual(expect.arrayContaining(['ana', 'sam']));
    for (const away of ['pat', 'li', 'eve', 'quiet', 'bot', 'kim', 'gone'])
      expect(told).not.toContain(away);
    const sams = platform.sent.find(
      (m) =>
        m.message.kind === 'weekly_network' && (m.target as { userId: string }).userId === 'sam',
    )!.message;
    // Sam's nudge names Ana and Pat (paused people can still be thought of), never Li or Eve.
    expect(sams.kind === 'weekly_network' && sams.cold.map((c) => c.userId).sort()).toEqual([
      'ana',
      'pat',
    ]);
  });

  it('holds a paused member’s reminders until the pause ends, and drops those of people who opted out or left', async () => {
    const repos = createRepositories(database.db, clock);
    await repos.reminders.createMany(
      workspaceId,
      ['pat', 'li', 'ana'].map((memberId) => ({
        memberId,
        otherId: 'sam',
        about: null,
        dueAt: new Date(NOW - 60_000),
        origin: 'manual' as const,
        sourceRef: `r-${memberId}`,
        createdAt: new Date(NOW - DAY),
      })),
    );
    await repos.reminders.createMany(workspaceId, [
      {
        memberId: 'ana',
        otherId: 'eve',
        about: null,
        dueAt: new Date(NOW - 60_000),
        origin: 'manual',
        sourceRef: 'r-eve',
        createdAt: new Date(NOW - DAY),
      },
    ]);
    expect((await useCases().sendReminders(workspaceId)).note).toBe(
      '1 reminders queued, 1 postponed (paused), 2 cancelled',
    );
    const platform = recordingPlatform(database.db, clock);
    await platform.drain();
    expect(
      platform.sent
        .filter((m) => m.message.kind === 'followup_reminder')
        .map((m) => [
          (m.target as { userId: string }).userId,
          (m.message as { otherId: string }).otherId,
        ]),
    ).toEqual([['ana', 'sam']]);
    const rows = await database.db
      .selectFrom('reminders')
      .select(['member_id', 'other_member_id', 'status', 'due_at'])
      .orderBy('member_id')
      .orderBy('other_member_id')
      .execute();
    expect(rows.map((r) => [r.member_id, r.other_member_id, r.status])).toEqual([
      ['ana', 'eve', 'cancelled'],
      ['ana', 'sam', 'pending'],
      ['li', 'sam', 'cancelled'],
      ['pat', 'sam', 'pending'],
    ]);
    // Pat's waits for the end of the pause.
    expect(rows[3]!.due_at).toEqual(new Date(NOW + 14 * DAY));
  });

  it('never asks someone paused, opted out or gone for an introduction, nor welcomes them', async () => {
    for (const target of ['pat', 'li', 'eve', 'bot', 'kim']) {
      const result = await useCases().introductions.request({
        workspaceId,
        requesterId: 'ana',
        targetId: target,
        mutualId: null,
        origin: 'suggestion',
        sourceKey: `ask-${target}`,
      });
      expect(result).toMatchObject({ ok: false, code: 'unavailable' });
    }
    expect(
      await useCases().introductions.request({
        workspaceId,
        requesterId: 'li',
        targetId: 'ana',
        mutualId: null,
        origin: 'suggestion',
        sourceKey: 'from-li',
      }),
    ).toEqual({ ok: false, code: 'opted_out' });
    expect(await database.db.selectFrom('introductions').select('id').execute()).toEqual([]);

    await saveSettings(database.db, workspaceId, { welcome: { enabled: true, delayDays: 0 } });
    for (const who of ['pat', 'li', 'max']) await useCases().welcomes.joined(workspaceId, who);
    await useCases().welcomes.sendDue(workspaceId);
    const platform = recordingPlatform(database.db, clock);
    await platform.drain();
    expect(
      platform.sent
        .filter((m) => m.message.kind === 'welcome')
        .map((m) => (m.target as { userId: string }).userId),
    ).toEqual(['max']);
    // Pat's waits for the pause to end; Li's is done with, unsent.
    const welcomes = await database.db
      .selectFrom('welcomes')
      .select(['user_id', 'due_at', 'queued_at'])
      .orderBy('user_id')
      .execute();
    expect(welcomes.map((w) => [w.user_id, w.queued_at !== null])).toEqual([
      ['li', true],
      ['max', true],
      ['pat', false],
    ]);
    expect(welcomes[2]!.due_at).toEqual(new Date(NOW + 14 * DAY));
  });

  it('sums pair strengths in the database exactly as the core defines them', async () => {
    const repos = createRepositories(database.db, clock);
    const pairs = await repos.interactions.pairStrengths(workspaceId, new Date(NOW), STRENGTH_RULE);
    const events = await database.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'source', 'occurred_at'])
      .execute();
    expect(pairs.length).toBeGreaterThan(3);
    for (const p of pairs) {
      const mine = events.filter(
        (e) =>
          (e.member_id === p.a && e.other_member_id === p.b) ||
          (e.member_id === p.b && e.other_member_id === p.a),
      );
      const expected = strengthAt(
        mine.map((e) => ({ source: e.source, at: e.occurred_at })),
        new Date(NOW),
      );
      expect(p.strength).toBeCloseTo(expected, 9);
      expect(p.lastAt).toEqual(new Date(Math.max(...mine.map((e) => e.occurred_at.getTime()))));
    }
    // Around one member: their pairs and those of the people they know, no others.
    const around = await repos.interactions.pairStrengths(
      workspaceId,
      new Date(NOW),
      STRENGTH_RULE,
      'ana',
    );
    expect(around.every((p) => [p.a, p.b].some((id) => ['ana', 'sam'].includes(id)))).toBe(true);
    expect(around.length).toBe(
      pairs.filter((p) => [p.a, p.b].some((id) => ['ana', 'sam'].includes(id))).length,
    );
    // Each counted once, as in the whole workspace's read (ana–sam has both sides near).
    const whole = new Map(pairs.map((p) => [`${p.a}|${p.b}`, p.strength]));
    for (const p of around) expect(p.strength).toBeCloseTo(whole.get(`${p.a}|${p.b}`)!, 9);
  });

  it('opens an accepted introduction without the person both know when they do not answer in two days', async () => {
    const asked = await useCases().introductions.request({
      workspaceId,
      requesterId: 'ana',
      targetId: 'max',
      mutualId: 'sam',
      origin: 'suggestion',
      sourceKey: 'overdue',
    });
    expect(asked.ok).toBe(true);
    const intro = await database.db
      .selectFrom('introductions')
      .select('id')
      .where('source_ref', '=', 'overdue')
      .executeTakeFirstOrThrow();
    expect(await useCases().introductions.answer(workspaceId, 'max', intro.id, true)).toEqual({
      ok: true,
      outcome: 'asking_mutual',
      mutualName: 'Sam Okafor',
    });
    expect(await useCases().introductions.openOverdue(workspaceId)).toBe(0);
    clock.set(new Date(NOW + 2 * DAY + 60_000).toISOString());
    try {
      expect(await useCases().introductions.openOverdue(workspaceId)).toBe(1);
      const opened = await database.db
        .selectFrom('deliveries')
        .select(['target', 'message'])
        .where('dedupe_key', '=', `intro:${intro.id}:open`)
        .executeTakeFirstOrThrow();
      expect(opened.target).toEqual({ type: 'group', userIds: ['ana', 'max'] });
      expect(opened.message).toMatchObject({ kind: 'intro_opened', mutualId: null });
      // Sam's late answer changes nothing.
      expect(
        await useCases().introductions.answerMutual(workspaceId, 'sam', intro.id, true),
      ).toEqual({ ok: false, code: 'already_made' });
    } finally {
      clock.set(new Date(NOW).toISOString());
    }
  });
});
