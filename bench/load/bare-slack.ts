/**
 * The bare Slack app the load compares Rapport with: the same @slack/bolt, its HTTPReceiver
 * and signing secret, and a /kudos handler that only acknowledges. PORT says where.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { SIGNING_SECRET } from '../../test/support/slack-requests';

const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' });
const app = new App({
  receiver,
  // One workspace, one token, nothing to look up: the least Bolt needs to run a handler.
  authorize: async () => ({ botToken: 'xoxb-bare', botId: 'BBARE', botUserId: 'UBARE' }),
  logLevel: LogLevel.ERROR,
});
app.command('/kudos', async ({ ack }) => {
  await ack();
});

void app.start(Number(process.env.PORT)).then(() => console.log('ready'));
