import { saveSettings } from '../../src/persistence/repositories/directory';
import { tick } from '../../src/scheduler/coordinator';
import { insightsHeadlineJob } from '../../src/scheduler/jobs/home-figures';
import { parseCsv } from '../support/csv';
import { databaseLabel } from '../support/database';
import { pngSize } from '../support/png';
import { TeamsTestApp } from '../support/teams-app';
import { buttonsOf, wordsOf } from '../support/teams-cards';

/** The Adaptive Card elements of an activity's first attachment, however deeply nested. */
function elementsOf(activity: { attachments?: Array<{ content?: unknown }> }): any[] {
  const found: any[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(activity.attachments?.[0]?.content);
  return found;
}

describe(`insights on Teams: a card with the heatmap, and the CSV files to download (${databaseLabel})`, () => {
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start({ env: { RAPPORT_PUBLIC_URL: 'https://rapport.example.com' } });
    const { ana, li, sam, priya } = app.fx.people;
    await app.post(app.activities.botAddedToTeam(ana));
    await app.teams.idle();
    for (const [who, department] of [
      [ana, 'Product'],
      [li, 'Engineering'],
      [sam, 'Engineering'],
      [priya, 'Finance'],
    ] as const)
      await app.post(app.activities.personalMessage(who, `department ${department}`));
    await saveSettings(app.db, await app.workspaceId(), { minDepartmentSize: 2 });
    await app.post(app.activities.personalMessage(li, ['kudos ', priya, ' for the forecast']));
    await app.settled();
  });
  afterAll(() => app?.close());

  it('shows the installer the heatmap from a link on this server, and offers the CSV files', async () => {
    const { ana } = app.fx.people;
    await app.post(app.activities.personalMessage(ana, 'insights'));
    const shown = await app.fake.waitFor(() =>
      app.fake
        .sentTo(ana.aadObjectId)
        .find((a) => a.activity.summary === 'Insights for the last 12 weeks'),
    );
    const image = elementsOf(shown.activity).find((e) => e.type === 'Image');
    expect(image.altText).toBe('Relationships between departments, last 12 weeks');
    const url = new URL(image.url);
    expect(url.origin).toBe('https://rapport.example.com');
    const png = await fetch(`${app.url}${url.pathname}`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect(pngSize(bytes).width).toBeLessThanOrEqual(1024);
    // Product and Finance have one member each: merged, so no one is singled out.
    expect(wordsOf(shown.activity)).toContain('Small departments');

    const download = await app.fake.waitFor(() =>
      app.fake.sentTo(ana.aadObjectId).find((a) => /to download$/.test(a.activity.summary ?? '')),
    );
    const links = buttonsOf(download.activity);
    const matrix = links.find((l) => l.title === 'Download Links between departments');
    expect(matrix).toBeDefined();
    const csv = await fetch(`${app.url}${new URL(matrix!.url!).pathname}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await csv.text());
    const cell = (a: string, b: string) =>
      Number(rows.find((r) => r[0] === a)![rows[0]!.indexOf(b)]);
    expect(cell('Engineering', 'Small departments')).toBe(1);
  });

  it('shows the installer the headline numbers the hourly job worked out on their Home card, without names', async () => {
    const { ana } = app.fx.people;
    const [ran] = await tick(app.jobContext(), [insightsHeadlineJob], 'replica');
    expect(ran?.outcome?.note).toBe('insights headline worked out');
    await app.post(app.activities.personalMessage(ana, 'home'));
    const home = await app.fake.waitFor(() =>
      app.fake.sentTo(ana.aadObjectId).find((a) => a.activity.summary === 'Rapport'),
    );
    expect(wordsOf(home.activity)).toContain('Insights for the last 12 weeks');
    expect(wordsOf(home.activity)).toContain('As of ');
    // Engineering and the merged small departments: one pair, linked by Li's kudos to Priya.
    expect(wordsOf(home.activity)).toContain('Department pairs linked: 1 of 1.');
    expect(wordsOf(home.activity)).not.toContain('Sam Okafor');
  });

  it('refuses insights to someone who did not install Rapport and is not an admin', async () => {
    const { sam } = app.fx.people;
    await app.post(app.activities.personalMessage(sam, 'insights'));
    const said = await app.fake.waitFor(() =>
      app.fake
        .sentTo(sam.aadObjectId)
        .find((a) => /^Only workspace admins/.test(a.activity.summary ?? '')),
    );
    expect(said).toBeDefined();
    expect(elementsOf(said.activity).some((e) => e.type === 'Image')).toBe(false);
  });
});
