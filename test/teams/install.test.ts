import { saveSettings } from '../../src/persistence/repositories/directory';
import { databaseLabel } from '../support/database';
import { TeamsTestApp } from '../support/teams-app';
import { teamsUser, teamsUsers } from '../support/teams-fixture';
import { wordsOf } from '../support/teams-cards';

describe(`installing Rapport on Teams (${databaseLabel})`, () => {
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start();
  });
  afterAll(() => app?.close());

  const members = () =>
    app.db
      .selectFrom('members')
      .select(['user_id', 'name', 'external_org', 'is_deactivated', 'is_admin', 'admin_granted'])
      .orderBy('name')
      .execute();

  it('welcomes a team once, reads its roster page by page, and makes the installer an admin', async () => {
    const { ana } = app.fx.people;
    // Teams sends both, in either order and at once: one welcome.
    app.fake.pageLimits = { min: 2, max: 2 };
    const [a, b] = await Promise.all([
      app.post(app.activities.botAddedToTeam(ana)),
      app.post(app.activities.installationUpdate(ana, 'add', 'team')),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await app.teams.idle();
    const general = app.fake.activitiesIn(app.fx.team.general.id);
    expect(general.map((x) => x.activity.summary)).toEqual(['Rapport was added to this team.']);

    // The read counts as the day's roster sync: the scheduler does not read them all again.
    const runs = await app.db
      .selectFrom('job_runs')
      .select(['status', 'outcome'])
      .where('job', '=', 'teams-roster-sync')
      .execute();
    expect(runs).toEqual([
      { status: 'done', outcome: `read ${app.fx.team.members.length} members` },
    ]);
    const pages = app.fake.callsTo('getConversationPagedMembers');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.slice(1).every((p) => p.query.continuationToken)).toBe(true);
    const rows = await members();
    expect(rows.map((r) => r.user_id).sort()).toEqual(
      app.fx.team.members.map((m) => m.aadObjectId).sort(),
    );
    // The guest from a partner organisation is in the directory as not of this one.
    const kim = rows.find((r) => r.user_id === app.fx.people.kim.aadObjectId)!;
    expect(kim.external_org).not.toBeNull();
    // The installer runs Rapport as one an admin made: another admin can take it back.
    expect(rows.filter((r) => r.admin_granted).map((r) => r.user_id)).toEqual([ana.aadObjectId]);
    expect(rows.filter((r) => r.is_admin)).toEqual([]);
    const users = await app.db
      .selectFrom('teams_users')
      .select(['user_id', 'teams_id', 'upn'])
      .execute();
    expect(users.find((u) => u.user_id === ana.aadObjectId)).toEqual({
      user_id: ana.aadObjectId,
      teams_id: ana.id,
      upn: ana.userPrincipalName,
    });
  });

  it('lets the installer make someone else an admin, who can then open the settings', async () => {
    const { ana, priya, sam } = app.fx.people;
    await app.post(app.activities.channelMessage(ana, ['admin add ', priya]));
    const said = await app.fake.waitFor(() => app.fake.sentTo(ana.aadObjectId).at(-1));
    expect(said.activity.summary).toBe('Priya Natarajan is now an admin');
    await app.post(app.activities.personalMessage(priya, 'admin'));
    const form = await app.fake.waitFor(() =>
      app.fake.sentTo(priya.aadObjectId).find((a) => a.activity.summary === 'Rapport settings'),
    );
    expect(form).toBeDefined();
    await app.post(app.activities.personalMessage(sam, 'admin'));
    const refused = await app.fake.waitFor(() => app.fake.sentTo(sam.aadObjectId).at(-1));
    expect(wordsOf(refused.activity)).toMatch(/admin/i);
    expect(refused.activity.summary).not.toBe('Rapport settings');
    await app.post(app.activities.channelMessage(ana, ['admin remove ', priya]));
    const rows = await members();
    expect(rows.find((r) => r.user_id === priya.aadObjectId)?.admin_granted).toBe(false);
  });

  it('welcomes a personal install once, though Teams says so twice', async () => {
    const { li } = app.fx.people;
    await Promise.all([
      app.post(app.activities.installationUpdate(li, 'add', 'personal')),
      app.post(app.activities.botAddedToPersonalChat(li)),
    ]);
    await app.teams.idle();
    const sent = app.fake.sentTo(li.aadObjectId);
    expect(sent.map((x) => x.activity.summary)).toEqual(['Hi, I am Rapport.']);
    expect(wordsOf(sent[0]!.activity)).toContain('kudos @name thanks for');
  });

  it('keeps the directory current as people join and leave the team', async () => {
    const { ana } = app.fx.people;
    const newcomer = teamsUser('Noor', 'Haddad', { tenantId: app.fx.tenantId });
    app.fake.roster.addPeople([newcomer]);
    app.fake.roster.setMembers(app.fx.team.id, [...app.fx.team.members, newcomer]);
    await app.post(app.activities.usersAddedToTeam(ana, [newcomer]));
    let rows = await members();
    expect(rows.find((r) => r.user_id === newcomer.aadObjectId)).toMatchObject({
      name: 'Noor Haddad',
      is_deactivated: false,
    });
    // New to the organisation: welcomed later, as on Slack's team_join. Li, already known,
    // joining the team again is not new.
    await app.post(app.activities.usersAddedToTeam(ana, [app.fx.people.li]));
    const welcomes = await app.db.selectFrom('welcomes').select('user_id').execute();
    expect(welcomes.map((w) => w.user_id)).toEqual([newcomer.aadObjectId]);

    await app.post(app.activities.membersRemovedFromTeam(ana, [newcomer]));
    rows = await members();
    expect(rows.find((r) => r.user_id === newcomer.aadObjectId)?.is_deactivated).toBe(true);

    // Back again: read afresh, and active.
    await app.post(app.activities.usersAddedToTeam(ana, [newcomer]));
    rows = await members();
    expect(rows.find((r) => r.user_id === newcomer.aadObjectId)?.is_deactivated).toBe(false);
  });

  it('reads a large team in pages within what Teams serves', async () => {
    const crowd = teamsUsers(120, app.fx.tenantId);
    app.fake.roster.addPeople(crowd);
    app.fake.roster.setMembers(app.fx.team.id, [...app.fx.team.members, ...crowd]);
    app.fake.pageLimits = { min: 50, max: 500 };
    await app.fake.reset();
    const job = app.teams.jobs.find((j) => j.name === 'teams-roster-sync')!;
    const outcome = await job.run(
      { scope: await app.workspaceId(), slot: new Date() },
      app.jobContext(),
    );
    expect(outcome.note).toMatch(/^read \d+ members$/);
    const rows = await members();
    expect(rows.length).toBeGreaterThanOrEqual(125);
    expect(app.fake.callsTo('getConversationPagedMembers').map((c) => c.query.pageSize)).toEqual(
      expect.arrayContaining(['500']),
    );
  });

  it('stops sending where Rapport was removed: a person who removed it, and a team', async () => {
    const { ana, li } = app.fx.people;
    const workspaceId = await app.workspaceId();
    await saveSettings(app.db, workspaceId, { kudosChannelId: app.fx.team.general.id });
    await app.post(app.activities.installationUpdate(li, 'remove', 'personal'));
    await app.post(app.activities.installationUpdate(ana, 'remove', 'team'));
    app.fake.reset();

    await app.post(app.activities.personalMessage(ana, ['kudos ', li, ' for the review']));
    await app.settled();
    // Nothing reached the team's channels nor Li's chat; the giver hears the post failed.
    expect(app.fake.activitiesIn(app.fx.team.id)).toEqual([]);
    expect(app.fake.sentTo(li.aadObjectId)).toEqual([]);
    const deliveries = await app.db
      .selectFrom('deliveries')
      .select(['dedupe_key', 'status', 'last_error'])
      .where('dedupe_key', 'like', 'kudos:%')
      .execute();
    expect(deliveries.map((d) => [d.status, d.last_error]).sort()).toEqual(
      [
        ['dead', 'app_removed_by_user'],
        ['dead', 'app_removed_from_channel'],
        ['sent', null],
      ].sort(),
    );
    const failed = deliveries.find((d) => d.status === 'sent')!;
    expect(failed.dedupe_key).toMatch(/:failed$/);
    expect(
      app.fake
        .sentTo(ana.aadObjectId)
        .map((x) => wordsOf(x.activity))
        .join(),
    ).toMatch(/couldn't post it in #Contoso/);
    const unreachable = await app.db
      .selectFrom('members')
      .select('unreachable_since')
      .where('user_id', '=', li.aadObjectId)
      .executeTakeFirstOrThrow();
    expect(unreachable.unreachable_since).not.toBeNull();

    // Adding Rapport back welcomes again and lets messages through.
    await app.post(app.activities.installationUpdate(li, 'add', 'personal'));
    await app.teams.idle();
    expect(app.fake.sentTo(li.aadObjectId).map((x) => x.activity.summary)).toEqual([
      'Hi, I am Rapport.',
    ]);
    const back = await app.db
      .selectFrom('members')
      .select('unreachable_since')
      .where('user_id', '=', li.aadObjectId)
      .executeTakeFirstOrThrow();
    expect(back.unreachable_since).toBeNull();
  });
});
