import { sql } from 'kysely';
import { exportDocument, exportFile } from '../../src/core/messages/data-export';
import type { MemberExport } from '../../src/core/use-cases/export-my-data';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { AT, PRIVATE_OF_OTHERS, ZED, seedEveryTable } from '../support/member-data';

/** Column names that hold a member's user id, in whatever table they appear. */
const MEMBER_ID_COLUMNS = new Set([
  'user_id',
  'member_id',
  'other_member_id',
  'member_ids',
  'giver_id',
  'recipient_id',
  'manager_id',
  'mentor_id',
  'mentee_id',
  'declared_by',
  'requester_id',
  'target_id',
  'mutual_id',
  'suggested_ids',
  'mutual_ids',
]);

/** A column whose name says it may point at someone: an id, a key, a reference, a name. */
const LOOKS_PERSONAL = /(_id|_ids|_by|_key|_ref)$|^(name|email|upn|title|user_hash)$/;

/** Other columns that name a member: read through the member's own row or the member-id columns. */
const ALSO_NAMING_A_MEMBER = new Set([
  'members.name',
  'members.title',
  'teams_users.teams_id',
  'teams_users.upn',
  'teams_users.email',
  // The two ids in order; the row is found by requester_id and target_id.
  'introductions.pair_key',
  // Messages: found by member_ids, target, message and dedupe key (naming.ts).
  'deliveries.dedupe_key',
]);

/** Columns that look personal and are not: ids of workspaces, channels, rounds, bots, requests. */
const NOT_A_PERSON = new Set([
  '*.workspace_id',
  'workspaces.external_id',
  'workspaces.name',
  'workspace_settings.kudos_channel_id',
  'workspace_settings.department_field_id',
  'departments.name',
  'members.department_id',
  'kudos.channel_id',
  'kudos.source_key',
  'kudos_recipients.kudos_id',
  'interactions.source_ref',
  'slack_installations.install_key',
  'slack_installations.team_id',
  'slack_installations.enterprise_id',
  'slack_installations.bot_user_id',
  'inbound_events.event_id',
  'teams_conversations.conversation_id',
  'teams_conversations.team_id',
  'teams_conversations.bot_id',
  'teams_conversations.name',
  'job_runs.claimed_by',
  'deliveries.claimed_by',
  'deliveries.conversation_id',
  'deliveries.platform_ref',
  // The HTTP request that queued a delivery: a random id or the caller's x-request-id.
  'deliveries.request_id',
  'round_channels.channel_id',
  'round_participants.round_channel_id',
  'rounds.round_channel_id',
  'round_groups.round_id',
  'round_group_members.group_id',
  'round_absences.round_id',
  'reminders.source_ref',
  'introductions.source_ref',
  // A one-way hash: what forgetting keeps on purpose.
  'forgotten_members.user_hash',
]);

type Doc = ReturnType<typeof exportDocument>;

/**
 * How each place that names a member shows in the export, for the row seeded there for Zelda.
 * A new table or column naming members fails the catalogue test until it is added here (and to
 * the export, to forgetting, and to the seed).
 */
const SHOWN: Record<string, (doc: Doc) => unknown> = {
  'members.user_id': (d) => d.you['user id'] === ZED.userId && d.you.department === ZED.department,
  'members.manager_id': (d) =>
    d.you.manager === 'Ana Silva' &&
    d["other people's records that name you"]['people the directory says report to you'] === 1,
  'kudos.giver_id': (d) =>
    d['kudos you gave'].some((k) => k.message.startsWith('ZED-GAVE-THIS') && k.to[0] === 'Li Wei'),
  'kudos_recipients.recipient_id': (d) =>
    d['kudos you received'].some(
      (k) => k.message.startsWith('ANA-THANKS-BOTH') && k.from === 'Ana Silva',
    ) && d['kudos you received'].some((k) => k.message === 'LI-THANKS-ZED-ALONE'),
  'interactions.member_id': (d) =>
    d.interactions.some((i) => i.when === AT.kudosZedGave.toISOString() && i.with === 'Li Wei'),
  'interactions.other_member_id': (d) =>
    d.interactions.some((i) => i.when === AT.kudosZedGot.toISOString() && i.with === 'Ana Silva') &&
    // Hal recorded a meeting with her: she never saw Hal named for it, so neither does the file.
    d.interactions.some(
      (i) => i.when === AT.manualWithHal.toISOString() && i.with === 'a colleague',
    ),
  'reminders.member_id': (d) =>
    d['your follow-ups'].length === 1 && d['your follow-ups'][0]!.about === 'ZED-FOLLOWUP-ABOUT',
  'reminders.other_member_id': (d) =>
    d["other people's records that name you"]['follow-ups others set with you'] === 1,
  'introductions.requester_id': (d) =>
    d.introductions.some(
      (i) => i['asked at'] === AT.introAsked.toISOString() && i['asked by'] === 'you',
    ),
  'introductions.target_id': (d) =>
    d.introductions.some(
      (i) => i['asked at'] === AT.introTarget.toISOString() && i['to meet'] === 'you',
    ),
  'introductions.mutual_id': (d) =>
    d.introductions.some(
      (i) => i['asked at'] === AT.introMutual.toISOString() && i['person both know'] === 'you',
    ),
  'mentorships.mentor_id': (d) =>
    d.mentorships.some((m) => m.mentor === 'you' && m.mentee === 'Li Wei'),
  'mentorships.mentee_id': (d) =>
    d.mentorships.some((m) => m.mentee === 'you' && m.mentor === 'Ana Silva'),
  'mentorships.declared_by': (d) => d.mentorships.some((m) => m['noted by'] === 'you'),
  'round_participants.user_id': (d) =>
    d['intro rounds'].channels.some((c) => c.channel === 'C-COFFEE' && c['taking part']),
  'round_group_members.user_id': (d) =>
    d['intro rounds'].groups.some(
      (g) =>
        g['round of'] === AT.roundSlot.toISOString() &&
        g.with.join() === 'Li Wei' &&
        g['your answer'] === 'we met',
    ),
  'round_absences.user_id': (d) =>
    d['intro rounds']['sat out'].some((a) => a['round of'] === AT.satOutSlot.toISOString()),
  'suggestion_snoozes.member_id': (d) =>
    d['people you set aside from suggestions'].some((s) => s.who === 'Ana Silva'),
  'suggestion_snoozes.other_member_id': (d) =>
    d["other people's records that name you"]['suggestions of you others set aside'] === 1,
  'member_suggestions.member_id': (d) =>
    d['people to meet, as last worked out']?.who.join() === 'Ana Silva' &&
    d['people to meet, as last worked out']['worked out'] === AT.seeded.toISOString(),
  // Hal's list names her to meet, Rey's as someone both know: counted, never shown.
  'member_suggestions.suggested_ids': (d) =>
    d["other people's records that name you"]["others' people to meet that name you"] === 2,
  'member_suggestions.mutual_ids': (d) =>
    d["other people's records that name you"]["others' people to meet that name you"] === 2,
  'welcomes.user_id': (d) => d.welcome?.joined === AT.seeded.toISOString(),
  'teams_users.user_id': (d) =>
    d['on Microsoft Teams']?.['Teams id'] === ZED.teamsId &&
    d['on Microsoft Teams']?.email === ZED.email,
  'file_links.user_id': (d) =>
    d['files waiting for you to download'].some((f) => f.file === 'rapport-export.json'),
  'teams_conversations.user_id': (d) =>
    d['on Microsoft Teams']?.['chats with Rapport'].some((c) => c.conversation === ZED.chat),
  'deliveries.member_ids': (d) =>
    d['messages from Rapport to you'].some(
      (m) => m.what === 'kudos you received' && m.status === 'sent',
    ) &&
    d['messages from Rapport to you'].some((m) => m.what === 'intro round group') &&
    // Li's note and the channel's celebration name her; Hal's reminder too. Counted only.
    d["other people's records that name you"]['messages to others or to channels that name you'] ===
      3,
};

describe(`a member's export on ${databaseLabel}`, () => {
  let database: TestDatabase;
  let workspaceId: string;
  const clock = fixedClock('2026-09-02T12:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase();
    ({ workspaceId } = await seedEveryTable(database.db));
  });
  afterAll(() => database.close());

  async function columns() {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and table_name not like 'kysely_%'
      order by table_name, column_name`.execute(database.db);
    return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
  }

  async function exported(): Promise<MemberExport> {
    const r = await useCasesFor(database, clock).exportMyData(workspaceId, ZED.userId);
    if (!r.ok) throw new Error(r.code);
    return r.export;
  }

  it('covers every column the catalogue has that names a member, and knows every other one that looks personal', async () => {
    const all = await columns();
    const naming = all
      .filter((c) => MEMBER_ID_COLUMNS.has(c.column))
      .map((c) => `${c.table}.${c.column}`);
    expect(naming.sort()).toEqual(Object.keys(SHOWN).sort());
    const unknown = all
      .filter((c) => !MEMBER_ID_COLUMNS.has(c.column) && LOOKS_PERSONAL.test(c.column))
      .map((c) => `${c.table}.${c.column}`)
      .filter(
        (name) =>
          !ALSO_NAMING_A_MEMBER.has(name) &&
          !NOT_A_PERSON.has(name) &&
          !NOT_A_PERSON.has(`*.${name.split('.')[1]}`),
      );
    expect(unknown).toEqual([]);
    // Nothing declared that the database no longer has.
    const present = new Set(all.map((c) => `${c.table}.${c.column}`));
    const declared = [...ALSO_NAMING_A_MEMBER, ...NOT_A_PERSON].filter((n) => !n.startsWith('*.'));
    expect(declared.filter((n) => !present.has(n))).toEqual([]);
  });

  it.each(Object.keys(SHOWN))('shows the row seeded for her in %s', async (place) => {
    const doc = exportDocument(await exported());
    expect({ place, shown: Boolean(SHOWN[place]!(doc)) }).toEqual({ place, shown: true });
  });

  it("holds nothing private of anyone else: no one else's ids, titles, zones, addresses, notes or contacts", async () => {
    const file = exportFile(await exported());
    const content = String(file.content);
    for (const secret of PRIVATE_OF_OTHERS)
      expect({ secret, found: content.includes(secret) }).toEqual({ secret, found: false });
    // Her own words and records are all there.
    for (const mine of [ZED.userId, ZED.name, ZED.title, ZED.email, ZED.upn, 'ZED-FOLLOWUP-ABOUT'])
      expect({ mine, found: content.includes(mine) }).toEqual({ mine, found: true });
  });

  it('is a JSON file named after the day in her own zone', async () => {
    const file = exportFile(await exported());
    // 12:00 UTC on 2 September is already the 3rd in Auckland.
    expect(file).toMatchObject({
      filename: 'rapport-export-2026-09-03.json',
      mimeType: 'application/json',
      title: 'Your Rapport data',
    });
    const parsed = JSON.parse(String(file.content)) as Doc;
    expect(parsed['exported at']).toBe('2026-09-02T12:00:00.000Z');
    expect(parsed.you['keep-in-touch nudges']).toEqual({
      on: false,
      'after days without contact': 77,
    });
  });

  it('answers someone not in the directory with unknown_member', async () => {
    expect(await useCasesFor(database, clock).exportMyData(workspaceId, 'U-NOBODY')).toEqual({
      ok: false,
      code: 'unknown_member',
    });
  });
});
