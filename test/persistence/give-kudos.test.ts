import type { GiveKudosRequest } from '../../src/core/use-cases/give-kudos';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { seedSmallOrganisation } from '../support/organisation';
import { plainText } from '../../src/core/conversation/text';
import { FALLBACK_EXAMPLES } from '../../src/core/messages/common';
import { kudosRejectionText } from '../../src/core/messages/kudos';
import { RECENT_KUDOS_SHOWN } from '../../src/core/use-cases/home';

describe(`give kudos on ${databaseLabel}`, () => {
  let database: TestDatabase;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let sequence = 0;
  // 10:00 in Singapore, where the giver (ana) lives.
  const clock = fixedClock('2026-03-10T02:00:00Z');
  const useCases = () => useCasesFor(database, clock);

  beforeAll(async () => {
    database = await openTestDatabase();
    workspaceId = await seedSmallOrganisation(database.db);
    otherWorkspaceId = await seedSmallOrganisation(database.db, 'T-OTHER');
  });
  afterAll(() => database.close());

  beforeEach(async () => {
    await database.db.deleteFrom('interactions').execute();
    await database.db.deleteFrom('kudos').execute();
    clock.set('2026-03-10T02:00:00Z');
  });

  const request = (overrides: Partial<GiveKudosRequest> = {}): GiveKudosRequest => ({
    workspaceId,
    giverId: 'ana',
    recipientIds: ['li'],
    message: 'thanks for the review #teamwork',
    channelId: 'C-GENERAL',
    sourceKey: `test-${++sequence}`,
    ...overrides,
  });

  const counts = async () => {
    const count = async (table: 'kudos' | 'kudos_recipients' | 'interactions') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      kudos: await count('kudos'),
      recipients: await count('kudos_recipients'),
      interactions: await count('interactions'),
    };
  };

  it('records the kudos, its recipients and a classified interaction for each', async () => {
    const result = await useCases().giveKudos(
      request({
        recipientIds: ['li', 'ben', 'kim', 'eve'],
        message: '  thanks for the launch #Teamwork #ownership ',
      }),
    );
    expect(result).toMatchObject({ ok: true, replayed: false, announceChannelId: 'C-KUDOS' });
    if (!result.ok) return;
    expect(result.recipients.map((r) => r.name)).toEqual([
      'Li Wei',
      'Ben Carter',
      'Kim Lee',
      'Eve Moreau',
    ]);

    const kudos = await database.db.selectFrom('kudos').selectAll().executeTakeFirstOrThrow();
    expect(kudos).toMatchObject({
      workspace_id: workspaceId,
      giver_id: 'ana',
      message: 'thanks for the launch #Teamwork #ownership',
      values: ['teamwork', 'ownership'],
      channel_id: 'C-GENERAL',
    });
    const interactions = await database.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'kind', 'source', 'source_ref', 'workspace_id'])
      .orderBy('other_member_id')
      .execute();
    expect(interactions).toEqual([
      {
        member_id: 'ana',
        other_member_id: 'ben',
        kind: 'manager_report',
        source: 'kudos',
        source_ref: kudos.id,
        workspace_id: workspaceId,
      },
      {
        member_id: 'ana',
        other_member_id: 'eve',
        kind: 'peer',
        source: 'kudos',
        source_ref: kudos.id,
        workspace_id: workspaceId,
      },
      {
        member_id: 'ana',
        other_member_id: 'kim',
        kind: 'external',
        source: 'kudos',
        source_ref: kudos.id,
        workspace_id: workspaceId,
      },
      {
        member_id: 'ana',
        other_member_id: 'li',
        kind: 'cross_department',
        source: 'kudos',
        source_ref: kudos.id,
        workspace_id: workspaceId,
      },
    ]);
    expect(await counts()).toEqual({ kudos: 1, recipients: 4, interactions: 4 });
  });

  it.each<[string, Partial<GiveKudosRequest>, string]>([
    ['no recipients', { recipientIds: [] }, 'no_recipients'],
    [
      '11 recipients',
      { recipientIds: Array.from({ length: 11 }, (_, i) => `u${i}`) },
      'too_many_recipients',
    ],
    ['no message', { message: '   ' }, 'message_required'],
    ['a 1,001-character message', { message: 'é'.repeat(1001) }, 'message_too_long'],
    ['an unknown recipient', { recipientIds: ['li', 'nobody'] }, 'unknown_recipient'],
    [
      'a recipient from another workspace only',
      { recipientIds: ['li'], giverId: 'ana', workspaceId: 'no-such-workspace' },
      'unknown_giver',
    ],
    ['self-kudos', { recipientIds: ['li', 'ana'] }, 'self_kudos'],
    ['a bot', { recipientIds: ['bot'] }, 'recipient_is_bot'],
    ['a deactivated member', { recipientIds: ['gone'] }, 'recipient_deactivated'],
    ['an opted-out member', { recipientIds: ['quiet'] }, 'recipient_opted_out'],
    ['an unknown value', { message: 'thanks #synergy' }, 'unknown_value'],
    ['an unknown giver', { giverId: 'stranger' }, 'unknown_giver'],
  ])('rejects %s and writes nothing', async (_name, overrides, code) => {
    const o = { ...overrides };
    if (o.workspaceId === 'no-such-workspace')
      o.workspaceId = '00000000-0000-0000-0000-000000000000';
    const result = await useCases().giveKudos(request(o));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rejection.code).toBe(code);
      expect(plainText(kudosRejectionText(result.rejection, FALLBACK_EXAMPLES))).not.toMatch(
        /error|exception|undefined|null/i,
      );
    }
    expect(await counts()).toEqual({ kudos: 0, recipients: 0, interactions: 0 });
  });

  it("limits each giver to 5 recipients a day in the giver's own timezone", async () => {
    const give = useCases().giveKudos;
    expect((await give(request({ recipientIds: ['li', 'sam', 'jo'] }))).ok).toBe(true);
    const tooMany = await give(request({ recipientIds: ['ben', 'eve', 'pat'] }));
    expect(tooMany).toMatchObject({
      ok: false,
      rejection: { code: 'daily_limit_reached', remaining: 2 },
    });
    expect((await give(request({ recipientIds: ['ben', 'eve'] }))).ok).toBe(true);
    expect(await give(request({ recipientIds: ['pat'] }))).toMatchObject({
      ok: false,
      rejection: { code: 'daily_limit_reached', remaining: 0 },
    });

    // 23:59 in Singapore is still the same day there, though it is the afternoon in London.
    clock.set('2026-03-10T15:59:00Z');
    expect((await give(request({ recipientIds: ['pat'] }))).ok).toBe(false);
    // 00:01 the next day in Singapore: a fresh allowance, while it is still the 10th in UTC.
    clock.set('2026-03-10T16:01:00Z');
    expect((await give(request({ recipientIds: ['pat'] }))).ok).toBe(true);

    // Another giver's allowance is their own.
    expect(
      (await give(request({ giverId: 'sam', recipientIds: ['li', 'jo', 'ben', 'eve', 'pat'] }))).ok,
    ).toBe(true);
    expect(await counts()).toMatchObject({ kudos: 4, recipients: 11 });
  });

  it("uses the workspace's own daily limit", async () => {
    await saveSettings(database.db, otherWorkspaceId, { dailyKudosLimit: 1 });
    const give = useCases().giveKudos;
    expect((await give(request({ workspaceId: otherWorkspaceId, recipientIds: ['li'] }))).ok).toBe(
      true,
    );
    expect(
      await give(request({ workspaceId: otherWorkspaceId, recipientIds: ['sam'] })),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'daily_limit_reached', limit: 1 },
    });
    // The same person in the first workspace is untouched by the other's limit and history.
    expect((await give(request({ recipientIds: ['li', 'sam', 'jo', 'ben', 'eve'] }))).ok).toBe(
      true,
    );
  });

  it('records a replayed request once and reports the replay', async () => {
    const give = useCases().giveKudos;
    const first = await give(request({ sourceKey: 'slack:cmd:42', recipientIds: ['li', 'sam'] }));
    const again = await give(request({ sourceKey: 'slack:cmd:42', recipientIds: ['li', 'sam'] }));
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(again).toMatchObject({ ok: true, replayed: true });
    if (first.ok && again.ok) expect(again.kudos.id).toBe(first.kudos.id);
    expect(await counts()).toEqual({ kudos: 1, recipients: 2, interactions: 2 });
  });

  it('records concurrent copies of one request once', async () => {
    const give = useCases().giveKudos;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        give(request({ sourceKey: 'retry-storm', recipientIds: ['li'] })),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect(await counts()).toEqual({ kudos: 1, recipients: 1, interactions: 1 });
  });

  it('never lets concurrent requests exceed the daily allowance', async () => {
    const give = useCases().giveKudos;
    const people = ['li', 'sam', 'jo', 'ben', 'eve', 'pat', 'kim', 'li', 'sam'];
    const results = await Promise.all(people.map((p) => give(request({ recipientIds: [p] }))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(await counts()).toMatchObject({ kudos: 5, recipients: 5 });
  });

  it('summarises a network from kudos in both directions', async () => {
    const { giveKudos, networkSummary } = useCases();
    await giveKudos(request({ recipientIds: ['li', 'ben', 'kim'] }));
    await giveKudos(request({ giverId: 'pat', recipientIds: ['ana'] }));
    await giveKudos(request({ giverId: 'li', recipientIds: ['ana'] }));
    const result = await networkSummary(workspaceId, 'ana');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary).toMatchObject({
      kudosGiven: 3,
      kudosReceived: 2,
      connections: 4,
      relationships: {
        mentor_mentee: 0,
        cross_department: 2,
        peer: 0,
        manager_report: 1,
        external: 1,
      },
      meaningful: 0,
      target: { min: 15, max: 20 },
      goingCold: [],
      departmentsReached: ['Engineering', 'Finance'],
    });
    expect(await networkSummary(workspaceId, 'stranger')).toMatchObject({ ok: false });
  });

  it("shows on a member's Home the newest kudos they received, of this workspace only", async () => {
    const { giveKudos, home } = useCases();
    const given: Array<[string, string[], string]> = [
      ['pat', ['ana'], 'oldest #teamwork'],
      ['ana', ['li'], 'not hers #teamwork'],
      ['li', ['ana', 'kim'], 'shared #teamwork'],
      ['kim', ['ben'], 'not hers either #teamwork'],
      ['kim', ['ana'], 'third #teamwork'],
      ['pat', ['ana'], 'fourth #teamwork'],
      ['jo', ['ana'], 'fifth #teamwork'],
      ['ben', ['ana'], 'newest #teamwork'],
      ['pat', ['li'], 'after hers #teamwork'],
    ];
    for (const [day, [giverId, recipientIds, message]] of given.entries()) {
      clock.set(`2026-03-0${day + 1}T02:00:00Z`);
      expect(await giveKudos(request({ giverId, recipientIds, message }))).toMatchObject({
        ok: true,
      });
    }
    // Newer still, but in another workspace.
    await giveKudos(
      request({ workspaceId: otherWorkspaceId, giverId: 'pat', recipientIds: ['ana'] }),
    );
    const result = await home(workspaceId, 'ana');
    if (!result.ok) throw new Error('no home');
    expect(RECENT_KUDOS_SHOWN).toBe(5);
    expect(
      result.home.recentReceived.map((k) => [k.giverId, [...k.recipientIds].sort(), k.message]),
    ).toEqual([
      ['ben', ['ana'], 'newest #teamwork'],
      ['jo', ['ana'], 'fifth #teamwork'],
      ['pat', ['ana'], 'fourth #teamwork'],
      ['kim', ['ana'], 'third #teamwork'],
      ['li', ['ana', 'kim'], 'shared #teamwork'],
    ]);
  });
});
