import { renderCardText } from '../../src/adapters/shell/render-card';
import { pictures } from '../../src/charts/pictures';
import { createConversation, type Actor, type DirectoryPort } from '../../src/core/conversation';
import type { Button, Card } from '../../src/core/conversation/card';
import type { CommandInput } from '../../src/core/conversation/commands';
import {
  knownMemberIds,
  setOptedOut,
  upsertMember,
  type MemberInput,
} from '../../src/persistence/repositories/directory';
import { useCasesFor } from '../../src/services';
import { fixedClock } from '../support/clock';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';
import { LI, ZED, seedEveryTable } from '../support/member-data';

const T0 = '2026-09-02T12:00:00.000Z';
const minutes = (n: number) => new Date(Date.parse(T0) + n * 60_000).toISOString();

const words = (card: Card | undefined) => (card ? renderCardText(card).text : '');
const buttonsOf = (card: Card | undefined): Button[] =>
  (card?.blocks ?? []).flatMap((b) =>
    b.type === 'buttons' ? b.buttons : b.type === 'section' && b.button ? [b.button] : [],
  );

describe(`/rapport export and /rapport forget-me through the conversation on ${databaseLabel}`, () => {
  let database: TestDatabase;
  let workspaceId: string;
  const clock = fixedClock(T0);
  let request = 0;
  /** The platform's directory: whom it would tell Rapport about when asked. */
  const platformDirectory = new Map<string, MemberInput>([
    [ZED.userId, { userId: ZED.userId, name: ZED.name, timezone: 'Pacific/Auckland' }],
  ]);
  const directory: DirectoryPort = {
    async ensureKnown(ws, userIds) {
      const known = new Set(await knownMemberIds(database.db, ws, userIds));
      for (const id of userIds.filter((u) => !known.has(u))) {
        const person = platformDirectory.get(id);
        if (person) await upsertMember(database.db, ws, person);
      }
    },
    departmentFields: async () => null,
    departmentFieldChanged: () => undefined,
  };
  const conversation = () =>
    createConversation({
      useCases: useCasesFor(database, clock),
      directory,
      pictures,
      typedPerson: (m) => `@${m.userId}`,
      typedChannel: (id) => `#${id}`,
    });
  const actor = (userId: string): Actor => ({
    workspaceId,
    userId,
    channelId: null,
    requestId: `test:${(request += 1)}`,
  });
  const rapport = (userId: string, text: string) =>
    conversation().command(actor(userId), {
      name: 'rapport',
      text,
      mentions: [],
      channels: [],
    } satisfies CommandInput);
  const press = (userId: string, button: Button) =>
    conversation().press(actor(userId), { action: button.action, payload: button.payload ?? {} });
  const isMember = async (userId: string) =>
    (await knownMemberIds(database.db, workspaceId, [userId])).length === 1;

  beforeAll(async () => {
    database = await openTestDatabase();
    ({ workspaceId } = await seedEveryTable(database.db));
  });
  afterAll(() => database.close());

  it('lists both under "Your data" in help', async () => {
    const help = words((await rapport(LI, 'help')).private);
    expect(help).toMatch(/Your data\n\/rapport export {2}a file of everything/);
    expect(help).toContain('/rapport forget-me  delete everything Rapport keeps about you');
  });

  it('/rapport export answers privately with a card and the JSON file', async () => {
    const reply = await rapport(ZED.userId, 'export');
    expect(reply.public).toBeUndefined();
    expect(reply.files).toHaveLength(1);
    const [file] = reply.files!;
    expect(file).toMatchObject({
      filename: 'rapport-export-2026-09-03.json',
      title: 'Your Rapport data',
      mimeType: 'application/json',
    });
    const doc = JSON.parse(String(file!.content)) as { you: Record<string, unknown> };
    expect(doc.you['user id']).toBe(ZED.userId);
    expect(words(reply.private)).toContain(
      'Your Rapport data is in rapport-export-2026-09-03.json: your profile and settings, 1 kudos you gave, 2 kudos you received, 3 interactions',
    );
  });

  it('gives an opted-out member their export too', async () => {
    await setOptedOut(database.db, workspaceId, LI, true);
    const reply = await rapport(LI, 'export');
    expect(reply.files?.[0]?.filename).toBe('rapport-export-2026-09-02.json');
    await setOptedOut(database.db, workspaceId, LI, false);
  });

  it('/rapport forget-me asks first, with one danger button carrying who asked and when', async () => {
    const reply = await rapport(ZED.userId, 'forget-me');
    expect(reply.public).toBeUndefined();
    expect(words(reply.private)).toContain('Forget you? Rapport will delete everything');
    expect(buttonsOf(reply.private)).toEqual([
      {
        label: 'Forget me',
        action: 'forget_me_confirm',
        payload: { u: ZED.userId, t: T0 },
        style: 'danger',
      },
    ]);
  });

  it('deletes nothing when someone else presses it', async () => {
    const [button] = buttonsOf((await rapport(ZED.userId, 'forget-me')).private);
    const outcome = await press(LI, button!);
    expect(outcome.update).toBeUndefined();
    expect(words(outcome.note)).toBe(
      'That button is for the person who asked to be forgotten; nothing was deleted. To have Rapport forget you, type /rapport forget-me.',
    );
    expect(await isMember(ZED.userId)).toBe(true);
    expect(await isMember(LI)).toBe(true);
  });

  it('deletes nothing when pressed after ten minutes, and says so in place of the question', async () => {
    const [button] = buttonsOf((await rapport(ZED.userId, 'forget-me')).private);
    clock.set(minutes(11));
    const outcome = await press(ZED.userId, button!);
    const expired =
      'That confirmation expired, so nothing was deleted. Type /rapport forget-me again if you still want Rapport to forget you.';
    expect(words(outcome.update)).toBe(expired);
    expect(words(outcome.note)).toBe(expired);
    expect(await isMember(ZED.userId)).toBe(true);
  });

  it('forgets her when she presses in time, and tells her what went', async () => {
    clock.set(T0);
    const [button] = buttonsOf((await rapport(ZED.userId, 'forget-me')).private);
    clock.set(minutes(9));
    const outcome = await press(ZED.userId, button!);
    expect(outcome.refreshHome).toBe(true);
    expect(outcome.note).toEqual(outcome.update);
    expect(words(outcome.update)).toBe(
      [
        'Done: Rapport has forgotten you. Deleted: your profile and settings, 3 interactions, 2 follow-ups, 3 introductions, 2 mentorships, 3 intro round records, 2 kudos you received, 2 messages to or about you, 2 suggestions set aside, your welcome, 2 platform addresses and chats, 1 file kept for you to download.',
        '1 kudos you gave stays with the people you thanked, from “a former colleague”.',
        'Only a one-way fingerprint of your user id is kept, so that Rapport does not add you back. To start again as someone new, type /rapport optin.',
      ].join('\n'),
    );
    expect(await isMember(ZED.userId)).toBe(false);
  });

  it('answers whatever she types or presses, and her Home, with how to start again; the directory does not add her back', async () => {
    const forgotten =
      'You asked Rapport to forget you, so it keeps nothing about you. To start again as someone new, type /rapport optin.';
    for (const text of ['export', 'help', 'me', 'forget-me']) {
      const reply = await rapport(ZED.userId, text);
      expect({ text, said: words(reply.private), files: reply.files }).toEqual({
        text,
        said: forgotten,
        files: undefined,
      });
    }
    const again = await press(ZED.userId, {
      label: 'Forget me',
      action: 'forget_me_confirm',
      payload: { u: ZED.userId, t: minutes(9) },
    });
    expect(words(again.note)).toBe(forgotten);
    expect(words(await conversation().home(actor(ZED.userId)))).toContain(forgotten);
    expect(await isMember(ZED.userId)).toBe(false);
  });

  it('/rapport optin starts her again as someone new, with nothing from before', async () => {
    const reply = await rapport(ZED.userId, 'optin');
    expect(words(reply.private)).toBe(
      'Welcome back! You start again as someone new: nothing from before was kept. Type /rapport help to see what you can do.',
    );
    expect(await isMember(ZED.userId)).toBe(true);
    const file = (await rapport(ZED.userId, 'export')).files![0]!;
    const doc = JSON.parse(String(file.content)) as Record<string, unknown[]>;
    expect([doc['kudos you gave'], doc['kudos you received'], doc.interactions]).toEqual([
      [],
      [],
      [],
    ]);
  });
});
