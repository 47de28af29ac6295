import { sql } from 'kysely';
import { renderCardText } from '../../src/adapters/shell/render-card';
import { saveAccounts, type TeamsDirectory } from '../../src/adapters/teams/directory';
import { teamsStore } from '../../src/adapters/teams/store';
import { FORGOTTEN_GIVER } from '../../src/core/domain/member';
import type { DeliveryTarget, OutboundMessage } from '../../src/core/domain/outbound';
import { homeCard } from '../../src/core/messages/home';
import { FORMER_COLLEAGUE } from '../../src/core/messages/people';
import { upsertMember } from '../../src/persistence/repositories/directory';
import { userHash } from '../../src/persistence/repositories/member-data/forgotten';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { composerFor } from '../support/composer';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { ANA, LI, ZED, seedEveryTable, type SeededOrganisation } from '../support/member-data';

const T0 = '2026-09-02T12:00:00.000Z';
const minutes = (n: number) => new Date(Date.parse(T0) + n * 60_000).toISOString();

/** Every trace of Zelda a scan looks for: her id, her names and her addresses. */
const TRACES = [
  ZED.userId,
  ZED.name,
  ZED.email,
  ZED.upn,
  ZED.teamsId,
  ZED.chat,
  ZED.title,
  ZED.department,
];

describe(`forget me on ${databaseLabel}`, () => {
  let database: TestDatabase;
  let org: SeededOrganisation;
  const clock = fixedClock(T0);
  const uc = () => useCasesFor(database, clock);
  const ws = () => org.workspaceId;
  const confirm = (userId: string, issuedAt: string) =>
    uc().forgetMe.confirm({
      workspaceId: ws(),
      userId,
      askedBy: ZED.userId,
      issuedAt,
      mentionedAs: FORMER_COLLEAGUE,
    });

  beforeAll(async () => {
    database = await openTestDatabase();
    org = await seedEveryTable(database.db);
  });
  afterAll(() => database.close());

  /** Every text, JSON and array column of every table, from the catalogue. */
  async function searchableColumns() {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and table_name not like 'kysely_%'
        and (data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY'))
      order by table_name, column_name`.execute(database.db);
    return rows;
  }

  /** Where in the database any of these words are, as "table.column". */
  async function whereFound(words: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const { table_name: t, column_name: c } of await searchableColumns())
      for (const word of words) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(t)}
          where strpos(${sql.ref(c)}::text, ${word}) > 0`.execute(database.db);
        if (rows[0]!.n > 0) found.push(`${t}.${c}: ${word}`);
      }
    return found;
  }

  /** How many rows each table holds: nothing may change when a press deletes nothing. */
  async function rowCounts() {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_name not like 'kysely_%'
      order by table_name`.execute(database.db);
    const counts: Record<string, number> = {};
    for (const { table_name: t } of rows) {
      const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(
        database.db,
      );
      counts[t] = r.rows[0]!.n;
    }
    return counts;
  }

  it('finds her everywhere before (the scan can see her)', async () => {
    const found = await whereFound([ZED.userId]);
    expect(found.length).toBeGreaterThan(15);
  });

  it('deletes nothing when someone else presses her button', async () => {
    const before = await rowCounts();
    const { issuedAt } = (await uc().forgetMe.ask(ws(), ZED.userId)) as { issuedAt: Date };
    expect(await confirm(LI, issuedAt.toISOString())).toEqual({ ok: false, code: 'not_yours' });
    expect(await rowCounts()).toEqual(before);
  });

  it('deletes nothing when the button is pressed more than ten minutes after it was shown', async () => {
    const before = await rowCounts();
    const { issuedAt } = (await uc().forgetMe.ask(ws(), ZED.userId)) as { issuedAt: Date };
    expect(issuedAt.toISOString()).toBe(T0);
    clock.set(minutes(10.02));
    expect(await confirm(ZED.userId, T0)).toEqual({ ok: false, code: 'expired' });
    // Nor with a time that cannot be read, or one from the future.
    expect(await confirm(ZED.userId, 'soon')).toEqual({ ok: false, code: 'expired' });
    expect(await confirm(ZED.userId, minutes(30))).toEqual({ ok: false, code: 'expired' });
    expect(await rowCounts()).toEqual(before);
  });

  it('forgets her within ten minutes of the question, and says what went, kind by kind', async () => {
    clock.set(T0);
    const { issuedAt } = (await uc().forgetMe.ask(ws(), ZED.userId)) as { issuedAt: Date };
    clock.set(minutes(10));
    expect(await confirm(ZED.userId, issuedAt.toISOString())).toEqual({
      ok: true,
      counts: {
        profile: 1,
        // Her kudos to Li, Ana's kudos to her, and Hal's meeting with her.
        interactions: 3,
        // Hers, and Hal's about her.
        followups: 2,
        // She asked, she was asked, and she is taken out of Ana's introduction to Li.
        introductions: 3,
        mentorships: 2,
        // Her place in #coffee, in one group, and one round sat out.
        roundRecords: 3,
        kudosReceived: 2,
        kudosGivenKept: 1,
        // Her note of Ana's kudos, and Hal's reminder about her; the others go without her.
        messages: 2,
        snoozes: 2,
        welcome: 1,
        // Teams id and personal chat.
        platformRecords: 2,
        // A file link waiting for her.
        files: 1,
      },
    });
  });

  it('leaves no trace of her id, names or addresses in any column of any table, only the hash', async () => {
    expect(await whereFound(TRACES)).toEqual([]);
    const kept = await database.db.selectFrom('forgotten_members').selectAll().execute();
    expect(kept).toEqual([
      {
        workspace_id: ws(),
        user_hash: userHash(ws(), ZED.userId),
        forgotten_at: new Date(minutes(10)),
      },
    ]);
    expect(kept[0]!.user_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is not brought back by a directory sync, on any platform', async () => {
    expect(
      await upsertMember(database.db, ws(), {
        userId: ZED.userId,
        name: ZED.name,
        title: ZED.title,
        department: ZED.department,
      }),
    ).toBe(false);
    // A Teams roster read: neither she nor how Teams addresses her is stored again.
    const teams = { db: database.db, store: teamsStore(database.db), admins: new Set<string>() };
    const saved = await saveAccounts(teams as unknown as TeamsDirectory, ws(), 'tenant', [
      { id: ZED.teamsId, aadObjectId: ZED.userId, name: ZED.name, email: ZED.email },
      { id: '29:li-teams', aadObjectId: LI, name: 'Li Wei' },
    ]);
    expect(saved.map((u) => u.userId)).toEqual([LI]);
    expect(await whereFound(TRACES)).toEqual([]);
    expect(await uc().member(ws(), ZED.userId)).toBeNull();
    // Everyone else is read as before.
    expect(await upsertMember(database.db, ws(), { userId: LI, name: 'Li Wei' })).toBe(true);
  });

  it('sends what was waiting for others without her, and nothing about her', async () => {
    const rows = await database.db
      .selectFrom('deliveries')
      .select(['dedupe_key', 'target', 'member_ids', 'message'])
      .where('workspace_id', '=', ws())
      .orderBy('dedupe_key')
      .execute();
    const byKey = new Map(rows.map((r) => [r.dedupe_key, r]));
    expect([...byKey.keys()].sort()).toEqual(
      [
        `kudos:${org.kudos.anaToLi}:to:${LI}`,
        `kudos:${org.kudos.zedGave}:to:${LI}`,
        `kudos:${org.kudos.zedGot}:post`,
        'round:seed:intro:0',
      ].sort(),
    );
    expect(byKey.get('round:seed:intro:0')).toMatchObject({
      target: { type: 'group', userIds: [LI, ANA] },
      member_ids: [LI, ANA],
    });
    expect(byKey.get(`kudos:${org.kudos.zedGot}:post`)!.message).toMatchObject({
      recipientIds: [LI],
      message: `ANA-THANKS-BOTH thanks @${FORMER_COLLEAGUE} and @Li Wei`,
    });

    // Li's note of the kudos Zelda gave reads, when it is sent, as from a former colleague.
    const note = byKey.get(`kudos:${org.kudos.zedGave}:to:${LI}`)!;
    expect(note.message).toMatchObject({ giverId: FORGOTTEN_GIVER });
    const card = await composerFor(database.db, clock)(
      ws(),
      note.target as DeliveryTarget,
      note.message as OutboundMessage,
    );
    expect(renderCardText(card).text).toContain('🎉 a former colleague gave you kudos');
    expect(JSON.stringify(card)).not.toContain(ZED.userId);
  });

  it('keeps the kudos she gave for the people she thanked, from a former colleague', async () => {
    const kudos = await database.db
      .selectFrom('kudos')
      .select(['id', 'giver_id', 'message'])
      .where('workspace_id', '=', ws())
      .execute();
    const byId = new Map(kudos.map((k) => [k.id, k]));
    expect(byId.get(org.kudos.zedGave)?.giver_id).toBe(FORGOTTEN_GIVER);
    // Thanked alone, she took the kudos with her; thanked with Li, Li keeps it.
    expect(byId.has(org.kudos.onlyZed)).toBe(false);
    expect(byId.get(org.kudos.zedGot)?.message).toBe(
      `ANA-THANKS-BOTH thanks @${FORMER_COLLEAGUE} and @Li Wei`,
    );

    const home = await uc().home(ws(), LI);
    if (!home.ok) throw new Error('Li has no home');
    const fromHer = home.home.recentReceived.find((k) => k.id === org.kudos.zedGave);
    expect(fromHer).toMatchObject({ giverId: FORGOTTEN_GIVER, recipientIds: [LI] });
    const drawn = renderCardText(
      homeCard(home.home, await uc().names(ws(), [FORGOTTEN_GIVER, ANA])),
    ).text;
    expect(drawn).toContain('from a former colleague');
  });

  it("keeps the others' records whole: the round group, Ana's introduction to Li, Ana's and Li's rows", async () => {
    const group = await database.db
      .selectFrom('round_group_members')
      .select('user_id')
      .where('group_id', '=', org.groupId)
      .execute();
    expect(group.map((g) => g.user_id)).toEqual([LI]);
    const intro = await database.db
      .selectFrom('introductions')
      .select(['requester_id', 'target_id', 'mutual_id', 'status'])
      .where('workspace_id', '=', ws())
      .execute();
    expect(intro).toEqual([
      { requester_id: ANA, target_id: LI, mutual_id: null, status: 'asking_mutual' },
    ]);
    expect(await uc().member(ws(), ANA)).toMatchObject({ name: 'Ana Silva' });
    const reminders = await database.db
      .selectFrom('reminders')
      .select('about')
      .where('workspace_id', '=', ws())
      .execute();
    expect(reminders).toEqual([{ about: 'LI-PRIVATE-ABOUT' }]);
  });

  it('does nothing more when pressed again: she is forgotten', async () => {
    const before = await rowCounts();
    clock.set(minutes(11));
    expect(await confirm(ZED.userId, minutes(9))).toEqual({ ok: false, code: 'unknown_member' });
    expect(await uc().forgetMe.standing(ws(), ZED.userId)).toEqual({
      member: null,
      forgotten: true,
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('lets her start again as someone new: the hash goes and the directory may add her', async () => {
    expect(await uc().forgetMe.rejoin(ws(), ZED.userId)).toBe(true);
    expect(await uc().forgetMe.standing(ws(), ZED.userId)).toEqual({
      member: null,
      forgotten: false,
    });
    expect(await upsertMember(database.db, ws(), { userId: ZED.userId, name: ZED.name })).toBe(
      true,
    );
    const again = await uc().exportMyData(ws(), ZED.userId);
    if (!again.ok) throw new Error('not back');
    const r = again.export.records;
    expect([r.kudosGiven, r.kudosReceived, r.interactions, r.reminders, r.roundGroups]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(await database.db.selectFrom('forgotten_members').selectAll().execute()).toEqual([]);
  });
});
