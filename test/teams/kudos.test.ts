import { sql } from 'kysely';
import { TeamsTestApp } from '../support/teams-app';
import { databaseLabel } from '../support/database';

/** The plain words of a card the bot sent: every TextBlock's text, in order. */
const wordsOf = (activity: any): string =>
  JSON.stringify(activity.attachments?.[0]?.content ?? {})
    .match(/"text":"((?:[^"\\]|\\.)*)"/g)
    ?.map((m) => JSON.parse(m.slice(7)) as string)
    .join('\n') ?? '';

describe(`kudos on Teams (${databaseLabel})`, () => {
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start();
    const { ana } = app.fx.people;
    expect((await app.post(app.activities.botAddedToTeam(ana))).status).toBe(200);
    await app.teams.idle();
  });
  afterAll(() => app?.close());

  it('celebrates two people named by mention entities in the channel, and tells each of them', async () => {
    const { ana, li, sam } = app.fx.people;
    const general = app.fx.team.general.id;
    const before = app.fake.activitiesIn(general).length;
    const sent = await app.post(
      app.activities.channelMessage(ana, ['kudos ', li, ' ', sam, ' thanks for the launch plan']),
    );
    expect(sent.status).toBe(200);
    const post = await app.fake.waitFor(() => app.fake.activitiesIn(general)[before]);
    const card = post.activity.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const words = wordsOf(post.activity);
    expect(words).toContain(`<at>${li.name}</at>`);
    expect(words).toContain(`<at>${sam.name}</at>`);
    expect(words).toContain('thanks for the launch plan');
    expect(card.content.msteams.entities).toEqual(
      expect.arrayContaining([
        {
          type: 'mention',
          text: `<at>${li.name}</at>`,
          mentioned: { id: li.aadObjectId, name: li.name },
        },
        {
          type: 'mention',
          text: `<at>${sam.name}</at>`,
          mentioned: { id: sam.aadObjectId, name: sam.name },
        },
      ]),
    );
    await app.settled();
    for (const person of [li, sam]) {
      const notes = app.fake.sentTo(person.aadObjectId);
      expect(notes).toHaveLength(1);
      expect(wordsOf(notes[0]!.activity)).toContain(ana.name.split(' ')[0]);
      // The channel by its name (a General channel goes by its team's), never its id.
      expect(wordsOf(notes[0]!.activity)).toContain(`in #${app.fx.team.name}`);
    }
    expect(app.fake.sentTo(ana.aadObjectId)).toHaveLength(0);
  });

  it('refuses kudos to oneself or to the bot privately, posting nothing in the channel', async () => {
    const { ana } = app.fx.people;
    const general = app.fx.team.general.id;
    const before = app.fake.activitiesIn(general).length;
    await app.post(app.activities.channelMessage(ana, ['kudos ', ana, ' for being me']));
    await app.post(app.activities.channelMessage(ana, ['kudos ', app.fx.bot, ' for the help']));
    const refusals = await app.fake.waitFor(() => {
      const got = app.fake.sentTo(ana.aadObjectId);
      return got.length >= 2 && got;
    });
    expect(wordsOf(refusals[0]!.activity)).toMatch(/yourself/i);
    expect(wordsOf(refusals[1]!.activity)).toMatch(/bot/i);
    await app.settled();
    expect(app.fake.activitiesIn(general)).toHaveLength(before);
    const kudos = await app.db.selectFrom('kudos').select('id').execute();
    expect(kudos).toHaveLength(1);
  });

  it('celebrates kudos typed in the personal chat nowhere but the recipients’ chats, naming no channel', async () => {
    const { priya, sam } = app.fx.people;
    await app.post(app.activities.personalMessage(priya, ['kudos ', sam, ' for the quiet fix']));
    await app.settled();
    const toPriya = app.fake.sentTo(priya.aadObjectId).map((a) => wordsOf(a.activity));
    expect(toPriya).toHaveLength(1);
    expect(toPriya[0]).toMatch(/^Thanks for celebrating/);
    const toSam = app.fake
      .sentTo(sam.aadObjectId)
      .map((a) => wordsOf(a.activity))
      .at(-1)!;
    expect(toSam).toContain('for the quiet fix');
    expect(toSam).not.toContain(' in #');
  });

  it("records kudos without rewriting the tenant's workspace row, which every turn would queue for", async () => {
    const { li, sam } = app.fx.people;
    const version = () =>
      app.db
        .selectFrom('workspaces')
        .select(sql<string>`xmin::text`.as('xmin'))
        .where('platform', '=', 'teams')
        .executeTakeFirstOrThrow();
    const before = await version();
    const sent = await app.post(
      app.activities.personalMessage(li, ['kudos ', sam, ' for the pairing']),
    );
    expect(sent.status).toBe(200);
    await app.settled();
    expect(
      await app.db.selectFrom('kudos').select('id').where('message', 'like', '%pairing%').execute(),
    ).toHaveLength(1);
    expect(await version()).toEqual(before);
  });
});
