import { plainText } from '../../src/core/conversation/text';
import { DEFAULT_ROUND_CHANNEL } from '../../src/core/domain/rounds';
import { roundReportCard } from '../../src/core/messages/admin-reports';
import { createRepositories } from '../../src/persistence/repositories';
import { upsertMember } from '../../src/persistence/repositories/directory';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallOrganisation } from '../support/organisation';
import { recordingPlatform } from '../support/recording-sender';

const WEEK = 7 * 86_400_000;

describe(`intro rounds on ${databaseLabel}`, () => {
  let database: TestDatabase;
  let workspaceId: string;
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const useCases = () => useCasesFor(database, clock);
  const repos = () => createRepositories(database.db, clock);
  let channelSeq = 0;

  beforeAll(async () => {
    database = await openTestDatabase();
    workspaceId = await seedSmallOrganisation(database.db);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await database.db.deleteFrom('round_channels').execute();
    await database.db.deleteFrom('deliveries').execute();
    await database.db.deleteFrom('interactions').execute();
    await database.db.deleteFrom('reminders').execute();
    await database.db.updateTable('members').set({ paused_until: null }).execute();
    clock.set('2026-11-23T10:00:00Z');
  });

  async function roundChannel(extra: Partial<typeof DEFAULT_ROUND_CHANNEL> = {}) {
    return repos().rounds.saveChannel(workspaceId, {
      ...DEFAULT_ROUND_CHANNEL,
      channelId: `CROUND${++channelSeq}`,
      ...extra,
    });
  }
  /** Ana (Product), Sam (Engineering) and Max (Finance) in one group of three, run once. */
  const trioRound = async () => {
    await upsertMember(database.db, workspaceId, {
      userId: 'max',
      name: 'Max',
      department: 'Finance',
    });
    const channel = await roundChannel({ groupSize: 3 });
    await join(channel.channelId, ['ana', 'sam', 'max']);
    await run(channel.id, 0);
    return channel;
  };
  const join = async (channelId: string, people: string[]) => {
    for (const p of people)
      expect((await useCases().rounds.join(workspaceId, p, channelId)).ok).toBe(true);
  };
  const slot = (week: number) => new Date(Date.parse('2026-11-23T10:00:00Z') + week * WEEK);
  const run = (id: string, week: number, channelMembers?: string[]) =>
    useCases().runRound({
      workspaceId,
      roundChannelId: id,
      slot: slot(week),
      ...(channelMembers && { channelMembers }),
    });
  /** Sends what a round queued, check-ins included: the clock moves on six days. */
  const sendRound = async (week: number) => {
    clock.set(new Date(slot(week).getTime() + 6 * 86_400_000).toISOString());
    await recordingPlatform(database.db, clock).drain();
  };
  const deliveries = (prefix: string) =>
    database.db
      .selectFrom('deliveries')
      .select(['dedupe_key', 'target', 'message', 'available_at'])
      .where('dedupe_key', 'like', `${prefix}%`)
      .orderBy('dedupe_key')
      .execute();

  it('forms groups across departments, records them and queues every message in one go', async () => {
    const channel = await roundChannel();
    await join(channel.channelId, ['ana', 'sam', 'li', 'pat', 'eve']);
    const outcome = await run(channel.id, 0);
    expect(outcome.note).toMatch(
      /^2 groups \(2 across departments, bound 2\), \d+ department pairs \(bound \d+\), 0 sat out, 0 away$/,
    );
    const round = (await repos().rounds.latestRound(channel.id))!;
    expect(round.groups.flatMap((g) => g.members.map((m) => m.userId)).sort()).toEqual([
      'ana',
      'eve',
      'li',
      'pat',
      'sam',
    ]);
    expect(round.groups.map((g) => g.members.length).sort()).toEqual([2, 3]);
    const keys = (await deliveries(`round:${round.id}`)).map((d) => d.dedupe_key);
    expect(keys).toEqual([
      `round:${round.id}:checkin:0`,
      `round:${round.id}:checkin:1`,
      `round:${round.id}:intro:0`,
      `round:${round.id}:intro:1`,
      `round:${round.id}:summary`,
    ]);
    const intro = (await deliveries(`round:${round.id}:intro:0`))[0]!;
    expect(intro.target).toEqual({
      type: 'group',
      userIds: round.groups[0]!.members.map((m) => m.userId),
    });
    expect(intro.message).toMatchObject({ kind: 'round_intro', channelId: channel.channelId });
    // The check-in waits three days, and then for a moment the whole group is at work.
    const checkin = (await deliveries(`round:${round.id}:checkin:0`))[0]!;
    expect(checkin.available_at.getTime()).toBeGreaterThanOrEqual(
      slot(0).getTime() + 3 * 86_400_000,
    );
    expect(await run(channel.id, 0)).toEqual({ queued: 0, note: 'this round already ran' });
    expect(await deliveries(`round:${round.id}`)).toHaveLength(5);
  });

  it('records how many department pairs the round linked, and shows it to admins', async () => {
    const channel = await roundChannel();
    await join(channel.channelId, ['ana', 'sam', 'li', 'pat', 'eve']);
    const outcome = await run(channel.id, 0);
    // The note carries the matcher's own figures for this run.
    const [, linked, bound] = / (\d+) department pairs \(bound (\d+)\)/.exec(outcome.note!)!;
    const round = (await repos().rounds.latestRound(channel.id))!;
    const stored = await database.db
      .selectFrom('rounds')
      .select(['department_pairs', 'department_pairs_bound'])
      .where('id', '=', round.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      department_pairs: Number(linked),
      department_pairs_bound: Number(bound),
    });
    // The distinct department pairs inside the stored groups.
    const departments = new Map(
      (
        await database.db
          .selectFrom('members')
          .select(['user_id', 'department_id'])
          .where('workspace_id', '=', workspaceId)
          .execute()
      ).map((m) => [m.user_id, m.department_id]),
    );
    const pairs = new Set(
      round.groups.flatMap((g) =>
        g.members.flatMap((a) =>
          g.members
            .map((b) => [departments.get(a.userId), departments.get(b.userId)].sort().join('+'))
            .filter((pair) => new Set(pair.split('+')).size === 2),
        ),
      ),
    );
    expect(pairs.size).toBeGreaterThan(0);
    expect(stored.department_pairs).toBe(pairs.size);

    const shown = async () => {
      const answer = await useCases().roundAdmin.report(workspaceId, 'ana', channel.channelId);
      if (!answer.ok) throw new Error(`no round report: ${answer.code}`);
      const card = roundReportCard(answer.report, 1, new Map(), answer.zone);
      return card.blocks.map((b) => (b.type === 'section' ? plainText(b.text) : '')).join('\n');
    };
    await database.db
      .updateTable('members')
      .set({ is_admin: true })
      .where('user_id', '=', 'ana')
      .execute();
    try {
      expect(await shown()).toContain(`Department pairs linked: ${linked} of a possible ${bound}.`);
      // A round recorded before the figures were kept says nothing of them.
      await database.db
        .updateTable('rounds')
        .set({ department_pairs: null, department_pairs_bound: null })
        .where('id', '=', round.id)
        .execute();
      expect(await shown()).toContain('5 people in 2 groups.');
      expect(await shown()).not.toContain('Department pairs');
    } finally {
      await database.db
        .updateTable('members')
        .set({ is_admin: false })
        .where('user_id', '=', 'ana')
        .execute();
    }
  });

  it('pauses a member after three rounds without an answer, and tells them how to rejoin', async () => {
    const channel = await roundChannel();
    await join(channel.channelId, ['ana', 'sam', 'li', 'pat']);
    await run(channel.id, 0);
    await sendRound(0);
    await run(channel.id, 1);
    await sendRound(1);
    // Ana answers in the second round: her count starts again.
    const second = (await repos().rounds.latestRound(channel.id))!;
    const anasGroup = second.groups.find((g) => g.members.some((m) => m.userId === 'ana'))!;
    expect(
      (await useCases().respondToCheckin(workspaceId, anasGroup.id, 'ana', 'not_yet')).ok,
    ).toBe(true);
    await run(channel.id, 2);
    await sendRound(2);
    await run(channel.id, 3);
    const participants = await repos().rounds.participants(channel.id);
    expect(participants.map((p) => [p.userId, p.status, p.outReason, p.quietRounds])).toEqual([
      ['ana', 'in', null, 1],
      ['li', 'out', 'quiet', 3],
      ['pat', 'out', 'quiet', 3],
      ['sam', 'out', 'quiet', 3],
    ]);
    const fourth = (await repos().rounds.latestRound(channel.id))!;
    expect(fourth.groups).toEqual([]);
    expect(fourth.absences).toEqual([{ userId: 'ana', reason: 'alone' }]);
    const told = await deliveries(
      `round:${(await repos().rounds.latestRound(channel.id, fourth.slot))!.id}:paused`,
    );
    expect(told.map((d) => (d.target as { userId: string }).userId).sort()).toEqual([
      'li',
      'pat',
      'sam',
    ]);
    expect(told[0]!.message).toEqual({
      kind: 'round_paused',
      channelId: channel.channelId,
      quietRounds: 3,
    });
    // Rejoining clears it.
    await join(channel.channelId, ['li']);
    const li = (await repos().rounds.participants(channel.id)).find((p) => p.userId === 'li')!;
    expect([li.status, li.outReason, li.quietRounds]).toEqual(['in', null, 0]);
  });

  it('counts only check-ins that reached someone: a member paused mid-round is not silent', async () => {
    const channel = await trioRound();
    // Max pauses before the check-in: it goes to Ana and Sam only, and so does the intro.
    expect((await useCases().rounds.pause(workspaceId, 'max', '1w')).ok).toBe(true);
    const platform = recordingPlatform(database.db, clock);
    clock.set(new Date(slot(0).getTime() + 6 * 86_400_000).toISOString());
    await platform.drain();
    const groupMessages = platform.sent.filter((m) => m.target.type === 'group');
    expect(groupMessages.map((m) => m.message.kind).sort()).toEqual([
      'round_checkin',
      'round_intro',
    ]);
    for (const m of groupMessages)
      expect(m.target).toEqual({ type: 'group', userIds: ['ana', 'sam'] });
    const intro = groupMessages.find((m) => m.message.kind === 'round_intro')!.message;
    expect(intro.kind === 'round_intro' && intro.members.map((p) => p.userId)).toEqual([
      'ana',
      'sam',
    ]);
    await run(channel.id, 1);
    const quiet = new Map(
      (await repos().rounds.participants(channel.id)).map((p) => [p.userId, p.quietRounds]),
    );
    expect(Object.fromEntries(quiet)).toEqual({ ana: 1, max: 0, sam: 1 });
  });

  it('does not count a pair as silent when their check-in could not be sent', async () => {
    const channel = await roundChannel();
    await join(channel.channelId, ['ana', 'sam']);
    await run(channel.id, 0);
    expect((await useCases().rounds.pause(workspaceId, 'sam', '1w')).ok).toBe(true);
    const platform = recordingPlatform(database.db, clock);
    clock.set(new Date(slot(0).getTime() + 6 * 86_400_000).toISOString());
    await platform.drain();
    expect(platform.sent.filter((m) => m.target.type === 'group')).toEqual([]);
    const round = (await repos().rounds.latestRound(channel.id))!;
    const checkin = (
      await database.db
        .selectFrom('deliveries')
        .select(['status', 'last_error'])
        .where('dedupe_key', '=', `round:${round.id}:checkin:0`)
        .execute()
    )[0]!;
    expect(checkin).toEqual({ status: 'skipped', last_error: 'sam is paused' });
    await run(channel.id, 1);
    expect((await repos().rounds.participants(channel.id)).map((p) => p.quietRounds)).toEqual([
      0, 0,
    ]);
  });

  it('leaves out a paused member until the pause ends by itself', async () => {
    const channel = await roundChannel();
    await join(channel.channelId, ['ana', 'sam', 'li', 'pat']);
    const paused = await useCases().rounds.pause(workspaceId, 'pat', '10 days');
    expect(paused).toMatchObject({ ok: true, until: new Date('2026-12-03T00:00:00Z') });
    // Still paused a week later (3 December is ten days on)…
    for (const week of [0, 1]) {
      await run(channel.id, week);
      expect((await repos().rounds.latestRound(channel.id))!.absences).toEqual([
        { userId: 'pat', reason: 'paused' },
      ]);
    }
    // …and back in the round after, without doing anything.
    await run(channel.id, 2);
    const later = (await repos().rounds.latestRound(channel.id))!;
    expect(later.absences).toEqual([]);
    expect(later.groups.flatMap((g) => g.members.map((m) => m.userId))).toContain('pat');
  });

  it('skips one round for a member who asks, then includes them again', async () => {
    const channel = await roundChannel();
    await join(channel.channelId, ['ana', 'sam', 'li']);
    expect(await useCases().rounds.skip(workspaceId, 'li', null)).toMatchObject({
      ok: true,
      channels: [{ channelId: channel.channelId, changed: true }],
    });
    // Asking twice says it is already so.
    expect(await useCases().rounds.skip(workspaceId, 'li', null)).toMatchObject({
      ok: true,
      channels: [{ channelId: channel.channelId, changed: false }],
    });
    await run(channel.id, 0);
    expect((await repos().rounds.latestRound(channel.id))!.absences).toEqual([
      { userId: 'li', reason: 'skipping' },
    ]);
    await run(channel.id, 1);
    expect((await repos().rounds.latestRound(channel.id))!.absences).toEqual([]);
  });

  it('takes everyone in the channel when the admin chose that, except those who left', async () => {
    const channel = await roundChannel({ participation: 'channel' });
    await useCases().rounds.leave(workspaceId, 'jo', channel.channelId);
    await run(channel.id, 0, ['ana', 'sam', 'li', 'jo', 'bot', 'kim', 'gone']);
    const round = (await repos().rounds.latestRound(channel.id))!;
    expect(round.groups.flatMap((g) => g.members.map((m) => m.userId)).sort()).toEqual([
      'ana',
      'li',
      'sam',
    ]);
    expect(round.absences).toEqual([{ userId: 'gone', reason: 'deactivated' }]);
  });

  it('asks which round a member means when there are several', async () => {
    const coffee = await roundChannel();
    const lunch = await roundChannel();
    expect(await useCases().rounds.join(workspaceId, 'ana', null)).toEqual({
      ok: false,
      code: 'which_channel',
      channelIds: [coffee.channelId, lunch.channelId],
    });
    expect(await useCases().rounds.join(workspaceId, 'ana', 'CNOPE')).toMatchObject({
      code: 'not_a_round_channel',
    });
    expect(await useCases().rounds.join(workspaceId, 'nobody', null)).toMatchObject({
      code: 'unknown_member',
    });
  });

  it('records a meeting for every pair when one member says the group met, once', async () => {
    const channel = await trioRound();
    const group = (await repos().rounds.latestRound(channel.id))!.groups[0]!;
    expect(await useCases().respondToCheckin(workspaceId, group.id, 'li', 'met')).toEqual({
      ok: false,
      code: 'not_in_group',
    });
    expect((await useCases().respondToCheckin(workspaceId, 'not-a-uuid', 'ana', 'met')).ok).toBe(
      false,
    );
    for (const who of ['sam', 'ana', 'sam'])
      expect(await useCases().respondToCheckin(workspaceId, group.id, who, 'met')).toMatchObject({
        ok: true,
        outcome: 'met',
      });
    const interactions = await database.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'kind', 'source', 'source_ref'])
      .orderBy('member_id')
      .orderBy('other_member_id')
      .execute();
    expect(interactions).toEqual([
      {
        member_id: 'ana',
        other_member_id: 'max',
        kind: 'cross_department',
        source: 'round',
        source_ref: group.id,
      },
      {
        member_id: 'ana',
        other_member_id: 'sam',
        kind: 'cross_department',
        source: 'round',
        source_ref: group.id,
      },
      {
        member_id: 'max',
        other_member_id: 'sam',
        kind: 'cross_department',
        source: 'round',
        source_ref: group.id,
      },
    ]);
    // A later "not yet" does not undo a meeting.
    expect(
      await useCases().respondToCheckin(workspaceId, group.id, 'max', 'not_yet'),
    ).toMatchObject({ outcome: 'met' });

    // Three weeks on, at the start of each one's working day, a reminder to check in again.
    const reminders = await database.db
      .selectFrom('reminders')
      .select(['member_id', 'other_member_id', 'origin', 'source_ref', 'due_at'])
      .orderBy('member_id')
      .orderBy('other_member_id')
      .execute();
    expect(reminders.map((r) => [r.member_id, r.other_member_id, r.origin, r.source_ref])).toEqual([
      ['ana', 'max', 'round', group.id],
      ['ana', 'sam', 'round', group.id],
      ['max', 'ana', 'round', group.id],
      ['max', 'sam', 'round', group.id],
      ['sam', 'ana', 'round', group.id],
      ['sam', 'max', 'round', group.id],
    ]);
    // Ana is in Singapore: Monday 14 December, 09:00 there.
    expect(reminders[0]!.due_at).toEqual(new Date('2026-12-14T01:00:00Z'));
    // Sam is in London.
    expect(reminders[4]!.due_at).toEqual(new Date('2026-12-14T09:00:00Z'));
    clock.set('2026-12-14T09:00:30Z');
    expect((await useCases().sendReminders(workspaceId)).queued).toBe(6);
    const platform = recordingPlatform(database.db, clock);
    await platform.drain();
    const sent = platform.sent.filter((m) => m.message.kind === 'followup_reminder');
    expect(sent).toHaveLength(6);
    expect(sent[0]!.message).toMatchObject({ origin: 'round', since: '2026-11-23T10:00:00.000Z' });
  });

  it('does not repeat last round’s pairs when another choice exists', async () => {
    const channel = await roundChannel();
    await join(channel.channelId, ['ana', 'ben', 'sam', 'li']);
    await run(channel.id, 0);
    const first = (await repos().rounds.latestRound(channel.id))!.groups.map((g) =>
      g.members.map((m) => m.userId).join('+'),
    );
    await run(channel.id, 1);
    const second = (await repos().rounds.latestRound(channel.id))!.groups.map((g) =>
      g.members.map((m) => m.userId).join('+'),
    );
    expect(second.filter((pair) => first.includes(pair))).toEqual([]);
  });
});
