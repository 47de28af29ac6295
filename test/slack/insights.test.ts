import { saveSettings } from '../../src/persistence/repositories/directory';
import { tick } from '../../src/scheduler/coordinator';
import { insightsHeadlineJob } from '../../src/scheduler/jobs/home-figures';
import { databaseLabel } from '../support/database';
import { parseCsv } from '../support/csv';
import { pngSize } from '../support/png';
import { SlackTestApp } from '../support/slack-app';

/**
 * Acme has Product (Ana, Ben), Engineering (Li, Sam) and Finance (Priya, Quiet Person), and
 * Eve without a department. Departments of two are shown on their own once the admin allows
 * it; with the default of five they would all be "small departments".
 */
describe(`insights on Slack (${databaseLabel})`, () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
    const workspaceId = await app.workspaceId();
    await saveSettings(app.db, workspaceId, { minDepartmentSize: 2 });
    // Each kudos is recorded after Slack's acknowledgement: its answer says it is done.
    for (const [text, user] of [
      ['<@USAM|sam> thanks for the design review', 'UANA'],
      ['<@UPRIYA|priya> thanks for the forecast', 'ULI'],
    ])
      await (await app.command('/kudos', text!, { user })).reply();
    await app.queue!.settled();
  });
  afterAll(() => app?.close());

  it('uploads the heatmap and the CSV files to the admin’s DM and shows the picture in the answer', async () => {
    await app.quiet();
    const before = app.fake.files.length;
    const answer = await (await app.command('/rapport', 'insights 4w', { user: 'UANA' })).reply();
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toBe('Insights for the last 4 weeks');

    const files = app.fake.files.slice(before);
    expect(files.length).toBeGreaterThan(2);
    expect(files.map((f) => f.channel)).toEqual(files.map(() => 'DUANA'));
    const names = files.map((f) => f.filename);
    expect(names[0]).toBe('rapport-insights-4w-departments.png');
    expect(names.slice(1).every((n) => /^rapport-insights-4w-[a-z-]+\.csv$/.test(n))).toBe(true);
    // One upload, shared to that DM.
    const completed = app.fake.callsTo('files.completeUploadExternal');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.args.channel_id).toBe('DUANA');

    const png = files[0]!;
    const size = pngSize(png.content);
    expect(size.width).toBeGreaterThan(100);
    expect(size.width).toBeLessThanOrEqual(1024);
    expect(size.height).toBeLessThanOrEqual(1024);
    expect(png.content.length).toBeLessThan(1024 * 1024);
    const image = (answer.body.blocks as Array<Record<string, any>>).find(
      (b) => b.type === 'image',
    );
    expect(image).toMatchObject({ slack_file: { id: png.id } });
    expect(image!.alt_text).toBe('Relationships between departments, last 4 weeks');

    // The matrix as CSV: Ana (Product) and Sam (Engineering), Li (Engineering) and Priya
    // (Finance) are linked by kudos; Product and Finance are not.
    const matrix = files.find((f) => f.filename.endsWith('departments-all.csv'))!;
    const rows = parseCsv(matrix.content.toString('utf8'));
    const cell = (a: string, b: string) =>
      Number(rows.find((r) => r[0] === a)![rows[0]!.indexOf(b)]);
    expect(cell('Engineering', 'Product')).toBe(1);
    expect(cell('Engineering', 'Finance')).toBe(1);
    expect(cell('Product', 'Finance')).toBe(0);
    // The files leave the chat: no one's name is in them.
    for (const f of files.slice(1))
      expect(f.content.toString('utf8')).not.toMatch(/Ana|Silva|Eve|Moreau|Quiet Person/);

    // The card names the departments without a link, and who has no contact elsewhere.
    const shown = JSON.stringify(answer.body.blocks);
    expect(shown).toContain('1 department pair had no relationship:* Finance and Product.');
    expect(shown).toContain('<@UBEN>');
    expect(shown).not.toContain('<@UANA>');
  });

  it('shows an admin the headline numbers on Home, as the hourly job worked them out, and no one’s name', async () => {
    const [ran] = await tick(app.jobContext(), [insightsHeadlineJob], 'replica');
    expect(ran?.outcome?.note).toBe('insights headline worked out');
    await app.quiet();
    await app.event({ type: 'app_home_opened', user: 'UANA', tab: 'home', channel: 'DUANA' });
    const published = await app.fake.waitFor(() =>
      app.fake.callsTo('views.publish').find((c) => c.args.user_id === 'UANA'),
    );
    const home = JSON.stringify(published.args.view.blocks);
    expect(home).toContain('Insights for the last 12 weeks');
    expect(home).toContain('As of <!date^');
    expect(home).toContain('Department pairs linked: 2 of 3.');
    expect(home).not.toContain('<@UBEN>');
    await app.quiet();
    await app.event({ type: 'app_home_opened', user: 'USAM', tab: 'home', channel: 'DUSAM' });
    const member = await app.fake.waitFor(() =>
      app.fake.callsTo('views.publish').find((c) => c.args.user_id === 'USAM'),
    );
    expect(JSON.stringify(member.args.view.blocks)).not.toContain('Insights');
  });

  it('answers a period it cannot read with the ones it can, and uploads nothing', async () => {
    await app.quiet();
    const before = app.fake.files.length;
    const answer = await (await app.command('/rapport', 'insights 7w', { user: 'UANA' })).reply();
    expect(answer.body.text).toMatch(
      /^I couldn't read "7w" as a period\. Insights look back over 4, 12 or 52 weeks\. For example `?\/rapport insights 4w`?\.$/,
    );
    expect(app.fake.files).toHaveLength(before);
    expect(app.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });
});
