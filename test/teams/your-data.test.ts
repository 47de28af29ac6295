import { databaseLabel } from '../support/database';
import { TeamsTestApp } from '../support/teams-app';
import { buttonsOf, wordsOf } from '../support/teams-cards';

describe(`your data on Teams: the export as a download (${databaseLabel})`, () => {
  let app: TeamsTestApp;
  let bare: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start({ env: { RAPPORT_PUBLIC_URL: 'https://rapport.example.com/' } });
    await app.post(app.activities.botAddedToTeam(app.fx.people.ana));
    await app.teams.idle();
    bare = await TeamsTestApp.start();
    await bare.post(bare.activities.botAddedToTeam(bare.fx.people.ana));
    await bare.teams.idle();
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
  });

  it('offers the export as a link that downloads the JSON, for an hour', async () => {
    const { li, sam } = app.fx.people;
    await app.post(app.activities.personalMessage(li, ['kudos ', sam, ' for the careful review']));
    await app.settled();
    await app.post(app.activities.personalMessage(li, 'export'));
    const download = await app.fake.waitFor(() =>
      app.fake.sentTo(li.aadObjectId).find((a) => /to download$/.test(a.activity.summary ?? '')),
    );
    expect(wordsOf(download.activity)).toContain('The links work for 60 minutes');
    const [link] = buttonsOf(download.activity);
    expect(link).toMatchObject({ type: 'Action.OpenUrl', title: 'Download Your Rapport data' });
    const url = new URL(link!.url!);
    expect(url.origin).toBe('https://rapport.example.com');
    expect(url.pathname).toMatch(/^\/files\/[A-Za-z0-9_-]{43}$/);
    // The same path on this server (the tunnel's other end) gives the file.
    const got = await fetch(`${app.url}${url.pathname}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/json');
    const data = (await got.json()) as Record<string, unknown>;
    expect(JSON.stringify(data['kudos you gave'])).toContain('for the careful review');
    // The answer itself says what is in the file.
    const said = app.fake.sentTo(li.aadObjectId).map((a) => a.activity.summary);
    expect(said).toContain('Your Rapport data');
  });

  it('says files cannot be handed over yet where Rapport has no public address, and keeps none', async () => {
    const { li } = bare.fx.people;
    await bare.post(bare.activities.personalMessage(li, 'export'));
    const said = await bare.fake.waitFor(() =>
      bare.fake
        .sentTo(li.aadObjectId)
        .find((a) => a.activity.summary === 'Files cannot be sent here yet'),
    );
    expect(wordsOf(said.activity)).toContain('ask them');
    expect(await bare.db.selectFrom('file_links').select('filename').execute()).toEqual([]);
  });
});
