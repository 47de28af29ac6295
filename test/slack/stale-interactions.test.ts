import { databaseLabel } from '../support/database';
import { LEVELS, LogCapture } from '../support/log-capture';
import { SlackTestApp } from '../support/slack-app';
import { TEAM_ID } from '../support/slack-team';

const OLD_BUTTON =
  'That button is from an older version of Rapport and no longer works. Type /rapport help to see what you can do now.';
const OLD_SHORTCUT =
  'That shortcut is from an older version of Rapport and no longer works. Type /rapport help to see what you can do now.';
const OLD_FORM =
  'That form is from an older version of Rapport, so nothing was saved. Open it again to try once more.';
const UNKNOWN_COMMAND = "I don't know that command. Type /rapport help to see what I can do.";

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
    expect((await answerAt(url)).body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: OLD_BUTTON,
    });
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
    expect((await dmTo('USAM')).args.text).toBe(OLD_BUTTON);
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
    expect((await dmTo('UPRIYA')).args.text).toBe(OLD_FORM);
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
    expect((await answerAt(url)).body).toMatchObject({
      response_type: 'ephemeral',
      text: OLD_FORM,
    });
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
    expect(app.fake.responses.map((r) => r.body.text)).toEqual([
      expect.stringContaining('Tag kudos with one of'),
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
    expect((await dmTo('UEVE')).args.text).toBe(OLD_SHORTCUT);
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
    expect((await answerAt(url)).body).toMatchObject({
      response_type: 'ephemeral',
      text: OLD_SHORTCUT,
    });
  });

  it('acknowledges a slash command Rapport does not have and says so privately', async () => {
    const sent = await app.command('/retired', 'anything', { user: 'ULI' });
    expect(sent.status).toBe(200);
    expect((await sent.reply()).body).toMatchObject({
      response_type: 'ephemeral',
      text: UNKNOWN_COMMAND,
    });
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
    expect(sent.replies()[0]!.body.text).toContain('Tag kudos with one of');
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('still acknowledges a button when handling it fails before any listener could', async () => {
    // The workspace lookup fails: the database lost the table it reads.
    await app.db.schema.alterTable('workspaces').renameTo('workspaces_away').execute();
    try {
      const response = await app.interaction({
        type: 'block_actions',
        ...base('ULI'),
        container: { type: 'view', view_id: 'VHOME' },
        view: { id: 'VHOME', type: 'home' },
        actions: [{ type: 'button', action_id: 'open_settings', block_id: 'b', action_ts: '1' }],
      });
      expect(response.status).toBe(200);
      await logs.waitFor((l) => l.msg === 'Slack request failed');
    } finally {
      await app.db.schema.alterTable('workspaces_away').renameTo('workspaces').execute();
    }
    expectedWarnings = [expect.objectContaining({ msg: 'Slack request failed' })];
  });
});
