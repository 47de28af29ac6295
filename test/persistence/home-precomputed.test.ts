import { renderCardText } from '../../src/adapters/shell/render-card';
import { makeHome } from '../../src/core/conversation/home';
import { FORMER_COLLEAGUE } from '../../src/core/messages/people';
import { createRepositories } from '../../src/persistence/repositories';
import {
  ensureWorkspace,
  setOptedOut,
  upsertMember,
} from '../../src/persistence/repositories/directory';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { seedInteraction } from '../support/organisation';

const T0 = '2026-12-02T04:00:00.000Z';
const HOUR = 3_600_000;
const later = (hours: number) => new Date(Date.parse(T0) + hours * HOUR).toISOString();

/**
 * Ana (Product) knows Sam (Engineering), who knows Li (Engineering), Max (Legal), Pat
 * (Finance) and Zoe (Sales): worked out, Ana's people to meet are Max, Pat and Zoe (departments
 * she has not reached first), then Li. Amy (Finance) knows nobody yet.
 */
async function seedWorkspace(db: TestDatabase['db'], externalId: string, people: string[][]) {
  const workspaceId = await ensureWorkspace(db, {
    platform: 'slack',
    externalId,
    name: externalId,
  });
  for (const [userId, department] of people)
    await upsertMember(db, workspaceId, { userId: userId!, name: userId!, department });
  return workspaceId;
}

describe(`people to meet and insights worked out ahead of Home (${databaseLabel})`, () => {
  let database: TestDatabase;
  let ws: string;
  let other: string;
  const clock = fixedClock(T0);
  const uc = () => useCasesFor(database, clock);
  const suggested = async (workspaceId: string, userId: string) => {
    const r = await uc().home(workspaceId, userId);
    if (!r.ok) throw new Error(r.code);
    return r.home.suggestions.map((s) => s.userId);
  };
  const met = (workspaceId: string, a: string, b: string) =>
    seedInteraction(database.db, workspaceId, [a, b], new Date(Date.parse(T0) - 30 * 24 * HOUR));

  beforeAll(async () => {
    database = await openTestDatabase();
    ws = await seedWorkspace(database.db, 'T-HOME', [
      ['ana', 'Product'],
      ['ben', 'Product'],
      ['sam', 'Engineering'],
      ['li', 'Engineering'],
      ['max', 'Legal'],
      ['pat', 'Finance'],
      ['zoe', 'Sales'],
      ['amy', 'Finance'],
    ]);
    for (const b of ['ana', 'ben', 'li', 'max', 'pat', 'zoe']) await met(ws, 'sam', b);
    // Another workspace with the same ids: there, Sam knows only Bob.
    other = await seedWorkspace(database.db, 'T-OTHER', [
      ['ana', 'Product'],
      ['sam', 'Engineering'],
      ['bob', 'Finance'],
    ]);
    await met(other, 'sam', 'ana');
    await met(other, 'sam', 'bob');
  });
  afterAll(() => database?.close());

  it('keeps every member’s list in one pass, and Home reads it rather than working it out', async () => {
    expect((await uc().suggestionLists(ws)).note).toBe('people to meet worked out for 8 members');
    // Amy meets Sam after the pass (written as an import would, without the repository): a
    // list worked out now would put her first.
    await met(ws, 'sam', 'amy');
    expect(await suggested(ws, 'ana')).toEqual(['max', 'pat', 'zoe']);
  });

  it('keeps a paused member’s list too, without their own department’s people, and their Home reads it', async () => {
    const paused = await seedWorkspace(database.db, 'T-PAUSED', [
      ['ana', 'Product'],
      ['ben', 'Product'],
      ['sam', 'Engineering'],
      ['max', 'Legal'],
    ]);
    for (const b of ['ana', 'ben', 'max']) await met(paused, 'sam', b);
    await database.db
      .updateTable('members')
      .set({ paused_until: new Date(later(24 * 14)) })
      .where('workspace_id', '=', paused)
      .where('user_id', '=', 'ben')
      .execute();
    await uc().suggestionLists(paused);
    // Ben (Product) knows Sam, as Ana (Product) does: she is not someone for him to meet.
    const kept = await createRepositories(database.db).memberSuggestions.of(paused, 'ben');
    expect(kept?.suggestions.map((x) => x.userId)).toEqual(['max']);
    clock.set(later(1));
    try {
      expect(await suggested(paused, 'ben')).toEqual(['max']);
      const read = await createRepositories(database.db).memberSuggestions.of(paused, 'ben');
      expect(read?.computedAt.toISOString()).toBe(T0);
    } finally {
      clock.set(T0);
    }
  });

  it('keeps each workspace’s lists apart', async () => {
    await uc().suggestionLists(other);
    expect(await suggested(other, 'ana')).toEqual(['bob']);
    // The other workspace's pass left this one's lists alone (still without Amy).
    expect(await suggested(ws, 'ana')).toEqual(['max', 'pat', 'zoe']);
  });

  it('drops at once someone who opts out, leaves, pauses or is forgotten', async () => {
    await setOptedOut(database.db, ws, 'max', true);
    // The kept list, checked: Max is gone and the spare (Li) comes up; Amy is still not in it.
    expect(await suggested(ws, 'ana')).toEqual(['pat', 'zoe', 'li']);
    await database.db
      .updateTable('members')
      .set({ paused_until: new Date(later(24 * 14)) })
      .where('workspace_id', '=', ws)
      .where('user_id', '=', 'zoe')
      .execute();
    expect(await suggested(ws, 'ana')).not.toContain('zoe');
    await database.db
      .updateTable('members')
      .set({ is_deactivated: true })
      .where('workspace_id', '=', ws)
      .where('user_id', '=', 'li')
      .execute();
    expect(await suggested(ws, 'ana')).not.toContain('li');
    const { issuedAt } = (await uc().forgetMe.ask(ws, 'pat')) as { issuedAt: Date };
    await uc().forgetMe.confirm({
      workspaceId: ws,
      userId: 'pat',
      askedBy: 'pat',
      issuedAt: issuedAt.toISOString(),
      mentionedAs: FORMER_COLLEAGUE,
    });
    expect(await suggested(ws, 'ana')).not.toContain('pat');
    expect(await suggested(ws, 'ben')).not.toContain('pat');
  });

  it('works out again a list older than a day, and keeps the new one', async () => {
    await uc().suggestionLists(ws);
    await upsertMember(database.db, ws, { userId: 'nia', name: 'nia', department: 'Support' });
    await met(ws, 'sam', 'nia');
    expect(await suggested(ws, 'ana')).not.toContain('nia');
    clock.set(later(27));
    expect(await suggested(ws, 'ana')).toContain('nia');
    const kept = await createRepositories(database.db).memberSuggestions.of(ws, 'ana');
    expect(kept?.computedAt.toISOString()).toBe(later(27));
    clock.set(T0);
  });

  it('works out again the lists of two people who were just in touch', async () => {
    await uc().suggestionLists(ws);
    await upsertMember(database.db, ws, { userId: 'ivy', name: 'ivy', department: 'Ops' });
    await met(ws, 'sam', 'ivy');
    expect(await suggested(ws, 'ana')).not.toContain('ivy');
    const r = await uc().recordMeeting({ workspaceId: ws, userId: 'ana', otherIds: ['ben'] });
    expect(r.ok).toBe(true);
    expect(await suggested(ws, 'ana')).toContain('ivy');
  });

  it('shows an admin the insights headline kept by the hourly job, as of when it was worked out', async () => {
    await database.db
      .updateTable('members')
      .set({ is_admin: true })
      .where('workspace_id', '=', ws)
      .where('user_id', '=', 'ben')
      .execute();
    const home = makeHome({
      useCases: uc(),
      directory: {
        ensureKnown: async () => {},
        departmentFields: async () => null,
        departmentFieldChanged: () => {},
      },
      pictures: { png: () => Promise.reject(new Error('no pictures on Home')) },
      typedPerson: (m) => `@${m.name}`,
      typedChannel: () => null,
    });
    await upsertMember(database.db, ws, { userId: 'olga', name: 'olga', department: 'Legal' });
    const read = async () => renderCardText(await home({ workspaceId: ws, userId: 'ben' })).text;
    expect(await read()).toContain('The workspace figures are worked out every hour');
    await uc().insights.refreshHeadline(ws);
    const before = await read();
    expect(before).toContain('Members with a relationship in another department: 7 of 8');
    expect(before).toContain('As of');
    // Olga meets Amy: the Home shows the kept figure until the job works it out again.
    await met(ws, 'olga', 'amy');
    expect(await read()).toContain('Members with a relationship in another department: 7 of 8');
    await uc().insights.refreshHeadline(ws);
    expect(await read()).toContain('Members with a relationship in another department: 8 of 8');
  });
});
