import type { SlackUser } from '../../src/adapters/slack/directory';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { until } from '../support/wait';
import { acmeUsers, DEPARTMENT_FIELD, TEAM_ID } from '../support/slack-team';

describe(`Slack directory and events (${databaseLabel})`, () => {
  let app: SlackTestApp;
  let workspaceId: string;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
    workspaceId = await app.workspaceId();
  });
  afterAll(() => app?.close());

  const member = (userId: string) =>
    app.db
      .selectFrom('members as m')
      .leftJoin('departments as d', 'd.id', 'm.department_id')
      .where('m.workspace_id', '=', workspaceId)
      .where('m.user_id', '=', userId)
      .select([
        'm.name',
        'm.title',
        'm.timezone',
        'm.is_bot',
        'm.is_admin',
        'm.is_deactivated',
        'm.external_org',
        'm.department_source',
        'd.name as department',
      ])
      .executeTakeFirst();

  const team = () => app.fake.teams.get(TEAM_ID)!;

  const newcomer = (id: string, department: string): SlackUser => ({
    id,
    team_id: TEAM_ID,
    name: id.toLowerCase(),
    real_name: `New ${id}`,
    tz: 'Australia/Adelaide',
    profile: {
      real_name: `New ${id}`,
      title: 'Analyst',
      fields: { [DEPARTMENT_FIELD]: { value: department } },
    },
  });

  it('reads the whole directory at start-up, page by page, with departments from the profile field', async () => {
    const users = acmeUsers();
    expect(app.fake.callsTo('users.list')).toHaveLength(Math.ceil(users.length / 3));
    expect(await member('UANA')).toMatchObject({
      name: 'Ana Silva',
      title: 'Head of Product',
      timezone: 'Asia/Singapore',
      is_admin: true,
      department: 'Product',
    });
    expect(await member('UPRIYA')).toMatchObject({ department: 'Finance', is_admin: false });
    expect(await member('UEVE')).toMatchObject({ department: null });
    expect(await member('UGONE')).toMatchObject({ is_deactivated: true });
    expect(await member('UHELPER')).toMatchObject({ is_bot: true });
    expect(await member('UBOT')).toMatchObject({ is_bot: true });
    expect(await member('UKIM')).toMatchObject({ external_org: 'T0PARTNER' });
    // Profiles are read only for the people whose department matters.
    const profiled = app.fake.callsTo('users.profile.get').map((c) => c.args.user);
    expect(profiled).not.toContain('UGONE');
    expect(profiled).not.toContain('UHELPER');
    expect(profiled).toContain('UPRIYA');
  });

  it('does the work of an event delivered four times (the original and retries 1–3) once', async () => {
    await app.quiet();
    const user = newcomer('UNEW1', 'Legal');
    team().users.push(user);
    const event = {
      type: 'team_join',
      user: { ...user, profile: { ...user.profile, fields: undefined } },
    };
    const responses = await Promise.all([
      app.event(event, { eventId: 'EvJOIN1' }),
      app.event(event, { eventId: 'EvJOIN1', retryNum: 1 }),
      app.event(event, { eventId: 'EvJOIN1', retryNum: 2 }),
      app.event(event, { eventId: 'EvJOIN1', retryNum: 3 }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await until(() => member('UNEW1'));
    await app.settle();
    expect(await member('UNEW1')).toMatchObject({
      name: 'New UNEW1',
      department: 'Legal',
      timezone: 'Australia/Adelaide',
    });
    expect(
      app.fake.callsTo('users.profile.get').filter((c) => c.args.user === 'UNEW1'),
    ).toHaveLength(1);
  });

  it('publishes App Home once for an app_home_opened delivered four times', async () => {
    await app.quiet();
    const event = { type: 'app_home_opened', user: 'UPRIYA', tab: 'home', channel: 'DUPRIYA' };
    for (const retryNum of [undefined, 1, 2, 3]) {
      const response = await app.event(event, {
        eventId: 'EvHOME1',
        ...(retryNum !== undefined && { retryNum }),
      });
      expect(response.status).toBe(200);
    }
    await app.fake.waitFor(() => app.fake.callsTo('views.publish').length > 0);
    await app.settle();
    const published = app.fake.callsTo('views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.args.user_id).toBe('UPRIYA');
  });

  it('marks a member deactivated from user_change, asking Slack when the payload lacks `deleted`', async () => {
    await app.quiet();
    const li = team().users.find((u) => u.id === 'ULI')!;
    li.deleted = true;
    const withoutDeleted = { ...li, deleted: undefined };
    await app.event({ type: 'user_change', user: withoutDeleted });
    await until(async () => (await member('ULI'))?.is_deactivated);
    expect(app.fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['ULI']);

    const kudos = await app.command('/kudos', '<@ULI> thanks for everything', { user: 'UANA' });
    expect((await kudos.reply()).body.text).toContain('no longer active');

    li.deleted = false;
    await app.event({ type: 'user_change', user: li });
    await until(async () => (await member('ULI'))?.is_deactivated === false);
  });

  it('updates a department from the profile, and keeps one a member set when the profile has none', async () => {
    const own = await app.command('/rapport', 'department Design', { user: 'UEVE' });
    expect((await own.reply()).body.text).toContain('Design');
    expect(await member('UEVE')).toMatchObject({
      department: 'Design',
      department_source: 'member',
    });

    const eve = team().users.find((u) => u.id === 'UEVE')!;
    await app.event({
      type: 'user_change',
      user: { ...eve, profile: { ...eve.profile, real_name: 'Eve M.' } },
    });
    await until(async () => (await member('UEVE'))?.name === 'Eve M.');
    expect(await member('UEVE')).toMatchObject({ department: 'Design' });

    const sam = team().users.find((u) => u.id === 'USAM')!;
    sam.profile!.fields = { [DEPARTMENT_FIELD]: { value: 'Platform' } };
    await app.event({ type: 'user_change', user: sam });
    await until(async () => (await member('USAM'))?.department === 'Platform');
  });

  it('lets a retry do the work when the first delivery failed', async () => {
    await app.quiet();
    const user = newcomer('UNEW2', 'Support');
    team().users.push(user);
    const event = {
      type: 'team_join',
      user: { ...user, profile: { ...user.profile, fields: undefined } },
    };
    // The client tries three times (two retries); all fail, so the first delivery fails.
    app.fake.fail('users.profile.get', { status: 500 }, 3);
    await app.event(event, { eventId: 'EvJOIN2' });
    await app.fake.waitFor(() => app.fake.callsTo('users.profile.get').length === 3);
    await app.settle();
    expect(await member('UNEW2')).toBeUndefined();

    await app.event(event, { eventId: 'EvJOIN2', retryNum: 1 });
    await until(() => member('UNEW2'));
    expect(await member('UNEW2')).toMatchObject({ department: 'Support' });
  });

  it('re-reads every directory on the daily sync', async () => {
    team().users.push(newcomer('UNEW3', 'Legal'));
    const job = app.slack.jobs.find((j) => j.name === 'directory-sync')!;
    const outcome = await job.run({ scope: workspaceId, slot: new Date() }, app.jobContext());
    expect(outcome.note).toBe(`read ${team().users.length} members`);
    expect(await member('UNEW3')).toMatchObject({ department: 'Legal' });
  });
});
