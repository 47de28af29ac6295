import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { seedInteraction } from '../support/organisation';
import { TeamsTestApp } from '../support/teams-app';
import { buttonsOf, wordsOf, type CardButton } from '../support/teams-cards';

const DAY = 24 * 60 * 60 * 1000;

describe(`introductions on Teams, asked and answered through cards (${databaseLabel})`, () => {
  // Wednesday 2 December 2026, 15:00 UTC.
  const clock = movingClock('2026-12-02T15:00:00Z');
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start({ clock });
    const { ana, li, sam, priya } = app.fx.people;
    await app.post(app.activities.botAddedToTeam(ana));
    await app.teams.idle();
    // Teams' roster has no departments: people say their own.
    for (const [person, department] of [
      [li, 'Engineering'],
      [ana, 'Sales'],
      [sam, 'Design'],
      [priya, 'Finance'],
    ] as const)
      await app.post(app.activities.personalMessage(person, `department ${department}`));
    await app.db
      .updateTable('members')
      .set({ work_start_minute: 0, work_end_minute: 1440, work_days: [1, 2, 3, 4, 5, 6, 7] })
      .execute();
    // Li knows Sam; Sam knows Ana and Priya: both are people Li might meet, through Sam.
    const workspaceId = await app.workspaceId();
    const at = new Date(Date.parse('2026-12-02T15:00:00Z') - 10 * DAY);
    for (const [a, b] of [
      [li, sam],
      [sam, ana],
      [sam, priya],
    ] as const) {
      await seedInteraction(app.db, workspaceId, [a.aadObjectId, b.aadObjectId], at);
      await seedInteraction(app.db, workspaceId, [a.aadObjectId, b.aadObjectId], at, 'followup');
    }
    await app.settled();
    app.fake.reset();
  });
  afterAll(() => app?.close());

  const departments = () =>
    app.db
      .selectFrom('members as m')
      .innerJoin('departments as d', 'd.id', 'm.department_id')
      .select(['m.user_id', 'd.name'])
      .execute();
  const suggestFor = (id: string) => (b: CardButton) =>
    b.title === 'Introduce us' && b.data?.u === id;
  const latestTo = (person: { aadObjectId: string }, summary: string) =>
    app.fake.waitFor(() =>
      app.fake
        .sentTo(person.aadObjectId)
        .filter((a) => a.activity.summary === summary)
        .at(-1),
    );

  it('takes departments from people themselves', async () => {
    expect((await departments()).map((d) => d.name).sort()).toEqual([
      'Design',
      'Engineering',
      'Finance',
      'Sales',
    ]);
  });

  it('asks the other person first; both yes (and the person both know) opens a chat for each to start', async () => {
    const { ana, li, sam } = app.fx.people;
    await app.post(app.activities.personalMessage(li, 'suggest'));
    const suggestions = await app.fake.waitFor(() => app.fake.sentTo(li.aadObjectId)[0]);
    expect(buttonsOf(suggestions.activity).some(suggestFor(ana.aadObjectId))).toBe(true);

    const asked = await app.press(li, suggestions, suggestFor(ana.aadObjectId));
    expect(asked.status).toBe(200);
    expect(JSON.stringify(asked.body)).toContain('Ana');
    await app.settled();

    const question = await latestTo(ana, 'Someone would like to meet you');
    expect(wordsOf(question.activity)).toContain(`<at>${sam.name}</at>`);
    // Only Ana may answer her question.
    const notHers = await app.press(li, question, 'Yes, introduce us');
    expect(notHers.body.type).toBe('application/vnd.microsoft.activity.message');
    const yes = await app.press(ana, question, 'Yes, introduce us');
    expect(yes.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(buttonsOf(yes.body.value)).toEqual([]);
    await app.settled();

    const join = await latestTo(sam, 'Join an introduction?');
    const joined = await app.press(sam, join, 'Join');
    expect(joined.body.type).toBe('application/vnd.microsoft.card.adaptive');
    await app.settled();

    const upns = [ana, li, sam].map((p) => p.userPrincipalName).sort();
    for (const person of [ana, li, sam]) {
      const hello = await latestTo(person, 'Meet each other!');
      expect(wordsOf(hello.activity)).toContain('Start the chat and say hello!');
      const link = buttonsOf(hello.activity).find((b) => b.type === 'Action.OpenUrl')!;
      expect(link.title).toBe('Start the chat');
      const url = new URL(link.url!);
      expect(url.searchParams.get('users')!.split(',').sort()).toEqual(upns);
      expect(url.searchParams.get('topicName')).toBe('Introduction: Li and Ana');
    }
    const recorded = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id'])
      .where('source', '=', 'introduction')
      .execute();
    expect(recorded).toEqual([{ member_id: li.aadObjectId, other_member_id: ana.aadObjectId }]);
  });

  it('"Not now" from the other side opens nothing, and the asker hears gently', async () => {
    const { li, priya } = app.fx.people;
    app.fake.reset();
    await app.post(app.activities.personalMessage(li, 'suggest'));
    const suggestions = await app.fake.waitFor(() => app.fake.sentTo(li.aadObjectId)[0]);
    await app.press(li, suggestions, suggestFor(priya.aadObjectId));
    await app.settled();
    const question = await latestTo(priya, 'Someone would like to meet you');
    const no = await app.press(priya, question, 'Not now');
    expect(no.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(buttonsOf(no.body.value)).toEqual([]);
    await app.settled();
    expect(app.fake.sentTo(priya.aadObjectId).map((a) => a.activity.summary)).not.toContain(
      'Meet each other!',
    );
    const told = await latestTo(li, 'About your introduction');
    expect(wordsOf(told.activity)).toContain('not possible right now');
  });
});
