import { tickJob } from '../../src/scheduler/coordinator';
import { fixedClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { SlackTestApp, type SlackTestAppOptions } from '../support/slack-app';
import { acmeUsers } from '../support/slack-team';
import { until } from '../support/wait';

// 10:00 in New York, where most of Acme works: the day's 04:00 directory sync is due.
const TODAY = '2026-03-10T14:00:00Z';
const TOMORROW = '2026-03-11T14:00:00Z';

/** Whole reads of the directory: each starts with a users.list call without a cursor. */
const reads = (app: SlackTestApp) =>
  app.fake.callsTo('users.list').filter((c) => !c.args.cursor).length;
const directorySync = (app: SlackTestApp) =>
  app.slack.jobs.find((j) => j.name === 'directory-sync')!;
const people = acmeUsers().filter((u) => !u.deleted && !u.is_bot).length;

describe.each<[string, SlackTestAppOptions['mode']]>([
  ['at start-up with a single token', 'single'],
  ['at install', 'oauth'],
])(`the directory read %s (${databaseLabel})`, (_when, mode) => {
  const clock = fixedClock(TODAY);
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await SlackTestApp.start({ mode, clock });
    if (mode === 'oauth') expect((await app.install()).status).toBe(200);
    await app.directorySynced();
    await app.slack.idle();
  });
  afterAll(() => app?.close());

  it("counts as the day's directory sync, so the scheduler does not read everyone again", async () => {
    const results = await tickJob(app.jobContext(), directorySync(app), 'replica-a');
    expect(reads(app)).toBe(1);
    expect(results).toEqual([]);
    expect(app.fake.callsTo('users.list')).toHaveLength(Math.ceil(acmeUsers().length / 3));
    expect(app.fake.callsTo('users.profile.get')).toHaveLength(people);
  });

  it("leaves the next day's sync to the scheduler", async () => {
    clock.set(TOMORROW);
    const [result] = await tickJob(app.jobContext(), directorySync(app), 'replica-a');
    expect(result?.outcome?.note).toBe(`read ${acmeUsers().length} members`);
    expect(reads(app)).toBe(2);
  });
});

describe(`a daily sync that falls due during the first read (${databaseLabel})`, () => {
  let app: SlackTestApp;
  let release = () => {};

  beforeAll(async () => {
    app = await SlackTestApp.start({
      clock: fixedClock(TODAY),
      // A large directory takes many minutes to read: this one is held at its first page.
      prepare: (fake) => (release = fake.hold('users.list')),
    });
  });
  afterAll(() => {
    release();
    return app?.close();
  });

  it('joins the read under way instead of starting another', async () => {
    await app.fake.waitFor(() => app.fake.callsTo('users.list').length === 1);
    const ticked = tickJob(app.jobContext(), directorySync(app), 'replica-a');
    await until(() =>
      app.db
        .selectFrom('job_runs')
        .select('job')
        .where('job', '=', 'directory-sync')
        .where('status', '=', 'running')
        .executeTakeFirst(),
    );
    release();
    const [result] = await ticked;
    expect(result?.outcome?.note).toBe(`read ${acmeUsers().length} members`);
    await app.slack.idle();
    expect(reads(app)).toBe(1);
    expect(app.fake.callsTo('users.profile.get')).toHaveLength(people);
  });
});
