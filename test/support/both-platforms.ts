import type { SlackUser } from '../../src/adapters/slack/directory';
import type { Clock } from '../../src/core/ports';
import { FakeSlack } from './fake-slack';
import type { LogCapture } from './log-capture';
import { SIGNING_SECRET } from './slack-requests';
import { acmeUsers, BOT_USER_ID, TEAM_ID } from './slack-team';
import { TeamsTestApp } from './teams-app';
import { until } from './wait';

/**
 * One Rapport process serving Acme's Slack workspace (a single bot token, against a fake
 * Slack) and the Teams tenant, both installed and their directories read.
 */
export async function startBothPlatforms(
  options: {
    logs?: LogCapture;
    env?: Record<string, string>;
    clock?: Clock;
    /** Acme's Slack directory unless given. */
    slackUsers?: SlackUser[];
  } = {},
): Promise<{ app: TeamsTestApp; slack: FakeSlack }> {
  const users = options.slackUsers ?? acmeUsers();
  const slack = await FakeSlack.start();
  slack.addTeam({ id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, users });
  slack.addToken('xoxb-acme-single', TEAM_ID);
  const app = await TeamsTestApp.start({
    ...(options.logs && { logs: options.logs }),
    ...(options.clock && { clock: options.clock }),
    env: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-acme-single',
      SLACK_API_URL: slack.apiUrl,
      ...options.env,
    },
  });
  await app.post(app.activities.botAddedToTeam(app.fx.people.ana));
  await app.teams.idle();
  await until(async () => {
    const rows = await app.db
      .selectFrom('members as m')
      .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
      .where('w.platform', '=', 'slack')
      .select('m.user_id')
      .execute();
    return rows.length >= users.length;
  });
  return { app, slack };
}
