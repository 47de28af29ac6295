import { tick } from '../../src/scheduler/coordinator';
import { remindersJob } from '../../src/scheduler/jobs/reminders';
import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { TeamsTestApp } from '../support/teams-app';
import { buttonsOf, wordsOf } from '../support/teams-cards';

describe(`follow-up reminders on Teams (${databaseLabel})`, () => {
  // Monday 30 November 2026, 15:00 UTC: 10:00 for Li in New York.
  const clock = movingClock('2026-11-30T15:00:00Z');
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start({ clock });
    await app.post(app.activities.botAddedToTeam(app.fx.people.ana));
    await app.teams.idle();
  });
  afterAll(() => app?.close());

  const reminder = () =>
    app.db.selectFrom('reminders').select(['id', 'status', 'due_at']).executeTakeFirstOrThrow();
  const followupInteractions = () =>
    app.db
      .selectFrom('interactions')
      .select('member_id')
      .where('source', '=', 'followup')
      .execute();
  const remindersSent = () =>
    app.fake
      .sentTo(app.fx.people.li.aadObjectId)
      .filter((a) => a.activity.summary === 'Time to follow up');
  const runAt = async (at: string) => {
    clock.set(at);
    await tick(app.jobContext(), [remindersJob], 'replica');
    await app.settled();
  };

  it('sets a follow-up from a message naming a colleague by mention, and answers in the chat', async () => {
    const { li, sam } = app.fx.people;
    await app.post(
      app.activities.personalMessage(li, ['followup ', sam, ' tomorrow about the offsite']),
    );
    const answer = await app.fake.waitFor(() => app.fake.sentTo(li.aadObjectId)[0]);
    expect(wordsOf(answer.activity)).toContain('Sam Okafor');
    expect((await reminder()).status).toBe('pending');
  });

  it('reminds with Done and Snooze; a press replaces the card in place, and a second press changes nothing', async () => {
    const { li, sam } = app.fx.people;
    // Tuesday, the start of Li's working day in New York.
    await runAt('2026-12-01T14:00:30Z');
    const [first] = remindersSent();
    expect(first).toBeDefined();
    expect(wordsOf(first!.activity)).toContain('<at>Sam Okafor</at>');
    expect(buttonsOf(first!.activity).map((b) => b.title)).toEqual([
      'Done',
      'Snooze 1 day',
      'Snooze 1 week',
      'Cancel',
    ]);

    const snoozed = await app.press(li, first!, 'Snooze 1 day');
    expect(snoozed.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(wordsOf(snoozed.body.value)).toContain('Snoozed');
    expect(buttonsOf(snoozed.body.value)).toEqual([]);
    const shown = app.fake.activities.find((a) => a.id === first!.id)!;
    expect(shown.versions).toHaveLength(2);
    expect(buttonsOf(shown.activity)).toEqual([]);
    const due = (await reminder()).due_at;

    // The old card pressed again (a client that had not redrawn it): nothing moves.
    const again = await app.press(
      li,
      { id: first!.id, activity: shown.versions[0] },
      'Snooze 1 day',
    );
    expect(again.status).toBe(200);
    expect((await reminder()).due_at).toEqual(due);

    // Wednesday: the reminder again; Done records the follow-up once.
    await runAt('2026-12-02T14:00:30Z');
    const second = remindersSent().at(-1)!;
    expect(second.id).not.toBe(first!.id);
    const done = await app.press(li, second, 'Done');
    expect(done.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(wordsOf(done.body.value)).toContain('<at>Sam Okafor</at>');
    expect(buttonsOf(done.body.value)).toEqual([]);
    expect((await reminder()).status).toBe('done');
    expect(await followupInteractions()).toEqual([{ member_id: li.aadObjectId }]);

    const pressed = app.fake.activities.find((a) => a.id === second.id)!;
    const twice = await app.press(li, { id: second.id, activity: pressed.versions[0] }, 'Done');
    expect(twice.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(twice.body.value).toMatch(/already/i);
    expect(await followupInteractions()).toHaveLength(1);
    expect(app.fake.activities.find((a) => a.id === second.id)!.versions).toHaveLength(2);

    // Someone else pressing Li's reminder is told it is not theirs; nothing changes.
    const other = await app.press(sam, { id: second.id, activity: pressed.versions[0] }, 'Done');
    expect(other.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(await followupInteractions()).toHaveLength(1);
  });
});
