import type { Text } from '../../src/core/conversation/text';
import {
  note,
  staleButton,
  staleForm,
  staleShortcut,
  unknownCommand,
} from '../../src/core/messages/common';
import { valuesReply } from '../../src/core/messages/kudos';
import { DEFAULT_KUDOS_VALUES } from '../../src/core/domain/kudos';
import { databaseLabel } from '../support/database';
import { LEVELS, LogCapture } from '../support/log-capture';
import { SlackTestApp } from '../support/slack-app';
import { onSlack, privately, texts } from '../support/slack-messages';
import { TEAM_ID } from '../support/slack-team';

/** A private note as Slack gets it in a DM: the same words, no response type. */
const dm = (t: Text) => onSlack(note(t));

/**
 * After a deploy Slack still delivers buttons, forms and shortcuts Rapport no longer has (and a
 * command the manifest no longer lists): each is acknowledged, and the person told privately.
 */
describe(`Slack interactions Rapport has no handler for (${databaseLabel})`, () => {
  let app: SlackTestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = await SlackTestApp.start({ logs });
    await app.directorySynced();
  });
  afterAll(() => app?.close());
  let mark = 0;
  beforeEach(async () => {
    await app.quiet();
    mark = logs.lines.length;
  });
  const logged = (level: number) => logs.lines.slice(mark).filter((l) => l.level >= level);
  afterEach(() => expect(logged(LEVELS.warn)).toEqual(expectedWarnings));
  /** What a test expects at warn or above, reset before each. */
  let expectedWarnings: unknown[] = [];
  beforeEach(() => (expectedWarnings = []));

  const base = (user: string) => ({
    team: { id: TEAM_ID, domain: 'acme' },
    user: { id: user, team_id: TEAM_ID },
    api_app_id: 'A0RAPPORT',
    trigger_id: `trigger.${user}.${Date.now()}`,
  });
  /** What the app posted to `user` in their DM with it (chat.postMessage to the user id). */
  const dmTo = (user: string) =>
    app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === user),
    );
  const answerAt = (url: string) =>
    app.fake.waitFor(() => app.fake.responses.find((r) => r.path === new URL(url).pathname));

  it('acknowledges a button from an older message and answers under it', async () => {
    const url = app.fake.responseUrl('old-button');
    const response = await app.interaction({
      type: 'block_actions',
      ...base('ULI'),
      channel: { id: 'CGENERAL' },
      container: { type: 'message', message_ts: '1.1' },
      response_url: url,
      actions: [
        { type: 'button', action_id: 'retired_button', block_id: 'b', value: 'x', action_ts: '1' },
      ],
    });
    expect(response.status).toBe(200);
    const answer = (await answerAt(url)).body;
    expect(answer).toEqual({ ...privately(staleButton()), replace_original: false });
    // The command to type instead is code in Slack's mrkdwn.
    expect(texts(answer.blocks)[0]).toContain('`/rapport help`');
  });

  it('acknowledges an old button on the Home tab and answers by DM', async () => {
    const response = await app.interaction({
      type: 'block_actions',
      ...base('USAM'),
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home' },
      actions: [
        { type: 'button', action_id: 'retired_home_button', block_id: 'b', action_ts: '1' },
      ],
    });
    expect(response.status).toBe(200);
    expect((await dmTo('USAM')).args).toMatchObject(dm(staleButton()));
  });

  it('acknowledges a form whose callback id changed, closes it and answers by DM', async () => {
    const response = await app.interaction({
      type: 'view_submission',
      ...base('UPRIYA'),
      view: {
        id: 'VOLD',
        type: 'modal',
        callback_id: 'retired_form',
        state: { values: { a: { a: { type: 'plain_text_input', value: 'hi' } } } },
      },
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect((await dmTo('UPRIYA')).args).toMatchObject(dm(staleForm()));
  });

  it('answers an old form at its response_url when it has one', async () => {
    const url = app.fake.responseUrl('old-form');
    const response = await app.interaction({
      type: 'view_submission',
      ...base('UBEN'),
      view: { id: 'VOLD2', type: 'modal', callback_id: 'retired_form', state: { values: {} } },
      response_urls: [{ block_id: 'b', action_id: 'c', channel_id: 'CGENERAL', response_url: url }],
    });
    expect(response.status).toBe(200);
    expect((await answerAt(url)).body).toEqual(privately(staleForm()));
    await app.slack.idle();
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('acknowledges an old form being closed and sends nothing', async () => {
    const response = await app.interaction({
      type: 'view_closed',
      ...base('UBEN'),
      view: { id: 'VOLD3', type: 'modal', callback_id: 'retired_form', state: { values: {} } },
      is_cleared: false,
    });
    expect(response.status).toBe(200);
    await app.settle();
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
    // Only the answer to settle()'s own command.
    expect(app.fake.responses.map((r) => r.body)).toEqual([
      privately(valuesReply([...DEFAULT_KUDOS_VALUES])),
    ]);
  });

  it('acknowledges a global shortcut and answers by DM', async () => {
    const response = await app.interaction({
      type: 'shortcut',
      ...base('UEVE'),
      callback_id: 'retired_shortcut',
      action_ts: '1.2',
    });
    expect(response.status).toBe(200);
    expect((await dmTo('UEVE')).args).toMatchObject(dm(staleShortcut()));
  });

  it('acknowledges a message shortcut and answers at its response_url', async () => {
    const url = app.fake.responseUrl('old-shortcut');
    const response = await app.interaction({
      type: 'message_action',
      ...base('UQUIET'),
      callback_id: 'retired_message_shortcut',
      action_ts: '1.3',
      message_ts: '1.1',
      channel: { id: 'CGENERAL', name: 'general' },
      message: { type: 'message', user: 'ULI', ts: '1.1', text: 'hello' },
      response_url: url,
    });
    expect(response.status).toBe(200);
    expect((await answerAt(url)).body).toEqual({
      ...privately(staleShortcut()),
      replace_original: false,
    });
  });

  it('acknowledges a slash command Rapport does not have and says so privately', async () => {
    const sent = await app.command('/retired', 'anything', { user: 'ULI' });
    expect(sent.status).toBe(200);
    expect((await sent.reply()).body).toEqual(privately(unknownCommand()));
  });

  it('answers a button and a command Rapport does have once, with no out-of-date note', async () => {
    const response = await app.interaction({
      type: 'block_actions',
      ...base('UANA'),
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home' },
      actions: [{ type: 'button', action_id: 'open_settings', block_id: 'b', action_ts: '1' }],
    });
    expect(response.status).toBe(200);
    await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    const sent = await app.command('/rapport', 'values', { user: 'ULI' });
    expect(sent.status).toBe(200);
    await sent.reply();
    await app.settle();
    expect(sent.replies()).toHaveLength(1);
    expect(sent.replies()[0]!.body).toEqual(privately(valuesReply([...DEFAULT_KUDOS_VALUES])));
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

/**
 * A request whose handling fails before any listener runs is still acknowledged. The failure
 * is the workspace's lookup, which a replica remembers once made (its start-up makes it too):
 * so the start-up is held at its first call to Slack until the table the lookup reads is gone.
 */
describe(`a Slack button whose handling fails before any listener (${databaseLabel})`, () => {
  let app: SlackTestApp;
  let release: () => void = () => undefined;
  const logs = new LogCapture();
  beforeAll(async () => {
    app = await SlackTestApp.start({ logs, prepare: (fake) => (release = fake.hold('auth.test')) });
  });
  afterAll(() => {
    release();
    return app?.close();
  });

  it('is still acknowledged, and the failure logged', async () => {
    // The database lost the table the lookup reads.
    await app.db.schema.alterTable('workspaces').renameTo('workspaces_away').execute();
    release();
    try {
      const response = await app.interaction({
        type: 'block_actions',
        team: { id: TEAM_ID, domain: 'acme' },
        user: { id: 'ULI', team_id: TEAM_ID },
        api_app_id: 'A0RAPPORT',
        trigger_id: `trigger.ULI.${Date.now()}`,
        container: { type: 'view', view_id: 'VHOME' },
        view: { id: 'VHOME', type: 'home' },
        actions: [{ type: 'button', action_id: 'open_settings', block_id: 'b', action_ts: '1' }],
      });
      expect(response.status).toBe(200);
      await logs.waitFor((l) => l.msg === 'Slack request failed');
    } finally {
      await app.db.schema.alterTable('workspaces_away').renameTo('workspaces').execute();
    }
  });
});
