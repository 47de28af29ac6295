import { databaseLabel } from '../support/database';
import { FakeSlack } from '../support/fake-slack';
import { postSigned, slashCommandForm } from '../support/slack-requests';
import { TEAM_ID } from '../support/slack-team';
import { startBothPlatforms } from '../support/both-platforms';
import type { TeamsTestApp } from '../support/teams-app';
import { wordsOf } from '../support/teams-cards';

/**
 * One Rapport process serving a Slack workspace and a Teams tenant: each platform's people,
 * kudos and messages stay with their own workspace.
 */
describe(`Slack and Teams in one process (${databaseLabel})`, () => {
  let app: TeamsTestApp;
  let slack: FakeSlack;

  beforeAll(async () => {
    ({ app, slack } = await startBothPlatforms());
  });
  afterAll(async () => {
    await app?.close();
    await slack?.close();
  });

  const slackCommand = async (command: string, text: string, user: string) => {
    const responseUrl = slack.responseUrl();
    const path = new URL(responseUrl).pathname;
    await postSigned(
      `${app.url}/slack/events`,
      slashCommandForm({
        command,
        text,
        responseUrl,
        triggerId: `t.${Date.now()}`,
        team: TEAM_ID,
        user,
      }),
      'application/x-www-form-urlencoded',
    );
    return slack.waitFor(() => slack.responses.find((r) => r.path === path));
  };

  it('serves both, and each workspace holds only its own people and kudos', async () => {
    expect(app.server.adapters.map((a) => a.platform).sort()).toEqual(['slack', 'teams']);
    const { ana, li } = app.fx.people;
    await slackCommand('/kudos', '<@ULI|Li Wei> thanks for the Slack migration', 'UANA');
    await app.post(
      app.activities.personalMessage(ana, ['kudos ', li, ' thanks for the Teams rollout']),
    );
    await app.settled();

    const kudos = await app.db
      .selectFrom('kudos as k')
      .innerJoin('workspaces as w', 'w.id', 'k.workspace_id')
      .select(['w.platform', 'k.giver_id', 'k.message'])
      .orderBy('w.platform')
      .execute();
    expect(kudos).toEqual([
      { platform: 'slack', giver_id: 'UANA', message: 'thanks for the Slack migration' },
      { platform: 'teams', giver_id: ana.aadObjectId, message: 'thanks for the Teams rollout' },
    ]);

    // Li on Teams hears of the Teams kudos only, in Teams; Slack's Li only of Slack's, in Slack.
    const teamsNotes = app.fake.sentTo(li.aadObjectId).map((a) => wordsOf(a.activity));
    expect(teamsNotes.join()).toContain('thanks for the Teams rollout');
    expect(teamsNotes.join()).not.toContain('Slack migration');
    const slackNotes = slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'ULI')
      .map((c) => JSON.stringify(c.args));
    expect(slackNotes.join()).toContain('thanks for the Slack migration');
    expect(slackNotes.join()).not.toContain('Teams rollout');

    // Each person's own network counts only their platform's kudos.
    await app.post(app.activities.personalMessage(li, 'me'));
    const me = await app.fake.waitFor(() =>
      app.fake.sentTo(li.aadObjectId).find((a) => a.activity.summary === 'Your network'),
    );
    expect(wordsOf(me.activity)).toContain('0 · 1');
    const slackMe = await slackCommand('/rapport', 'me', 'ULI');
    expect(JSON.stringify(slackMe.body)).toContain('0 · 1');

    // Nobody from one platform can be named on the other.
    const teamsIds = new Set(Object.values(app.fx.people).map((p) => p.aadObjectId));
    const slackMembers = await app.db
      .selectFrom('members as m')
      .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
      .where('w.platform', '=', 'slack')
      .select('m.user_id')
      .execute();
    expect(slackMembers.some((m) => teamsIds.has(m.user_id))).toBe(false);
  });
});
