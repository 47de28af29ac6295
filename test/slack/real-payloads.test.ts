import { databaseLabel } from '../support/database';
import { LEVELS, LogCapture } from '../support/log-capture';
import {
  eventType,
  loadRealPayloads,
  realPayloadsPresent,
  rewritePayload,
  wireRequest,
  type RealPayload,
} from '../support/real-payloads';
import { SlackTestApp } from '../support/slack-app';
import { postSigned } from '../support/slack-requests';
import { TEAM_ID } from '../support/slack-team';

/** Slack's deadline for an acknowledgement: a protocol contract, not a benchmark. */
const ACK_DEADLINE_MS = 3000;
const PEOPLE = ['UANA', 'ULI', 'USAM', 'UPRIYA', 'UBEN', 'UEVE'];

/** Uninstall events go last: once one is handled, the workspace's requests are dropped. */
const LIFECYCLE = new Set(['app_uninstalled', 'tokens_revoked']);

function cases(): Array<[string, RealPayload, boolean]> {
  const payloads = loadRealPayloads();
  const last = (p: RealPayload) => (LIFECYCLE.has(eventType(p) ?? '') ? 1 : 0);
  const ordered = [...payloads].sort((a, b) => last(a) - last(b));
  return [
    ...ordered.map((p): [string, RealPayload, boolean] => [`${p.file} as sent`, p, false]),
    ...ordered.map((p): [string, RealPayload, boolean] => [
      `${p.file} for the installed team`,
      p,
      true,
    ]),
  ];
}

if (!realPayloadsPresent()) {
  describe.skip('slack-real-payloads not found beside the repository', () => {
    it('replays every payload', () => undefined);
  });
} else {
  /**
   * Every sample payload Slack's own SDKs test against, signed and sent to the running app:
   * with its ids as they are (a workspace that never installed Rapport), and pointed at the
   * installed team and its people. Each is acknowledged in time, nothing is logged as an
   * error, and no payload makes a workspace.
   */
  describe(`Slack's sample payloads replayed at the app (${databaseLabel})`, () => {
    let app: SlackTestApp;
    const logs = new LogCapture();
    let sequence = 0;

    beforeAll(async () => {
      app = await SlackTestApp.start({ logs });
      await app.directorySynced();
    });
    afterAll(() => app?.close());

    it.each(cases())(
      'acknowledges %s in time, with no error',
      async (_name, payload, installed) => {
        const fields = rewritePayload(payload, {
          installed,
          people: PEOPLE,
          responseUrl: () => app.fake.responseUrl(`replay-${++sequence}`),
          eventId: () => `EvREPLAY${++sequence}`,
        });
        const { contentType, body } = wireRequest(fields);
        const mark = logs.lines.length;
        const started = performance.now();
        const response = await postSigned(`${app.url}/slack/events`, body, contentType);
        const elapsed = performance.now() - started;

        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(300);
        expect(elapsed).toBeLessThan(ACK_DEADLINE_MS);
        if (fields.type === 'url_verification')
          expect(JSON.parse(response.text)).toEqual({ challenge: fields.challenge });
        // Work started after the acknowledgement has finished, and Bolt has reported any
        // error it ended with (just after), before the log is read.
        await app.slack.idle();
        await new Promise((resolve) => setImmediate(resolve));
        const errors = logs.lines.slice(mark).filter((l) => l.level >= LEVELS.error);
        expect(errors).toEqual([]);
      },
    );

    it('leaves the installed workspace the only one, the samples for it having reached it', async () => {
      await app.slack.idle();
      const workspaces = await app.db
        .selectFrom('workspaces')
        .select(['external_id', 'uninstalled_at'])
        .execute();
      expect(workspaces.map((w) => w.external_id)).toEqual([TEAM_ID]);
      // The installed team's samples were handled: its uninstall, and the commands and buttons
      // Rapport does not have, each answered at the sample's response URL.
      expect(workspaces[0]!.uninstalled_at).not.toBeNull();
      expect(app.fake.responses.map((r) => r.body.text)).toEqual(
        expect.arrayContaining([expect.stringContaining('older version of Rapport')]),
      );
      expect(logs.atLeast('error')).toEqual([]);
    });
  });
}
