import { renderCard } from '../../src/adapters/slack/render';
import { adminsOnly, note } from '../../src/core/messages/common';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { TEAM_ID } from '../support/slack-team';

/** A Slack form's inputs as Slack sends them back when nobody changes them. */
function untouched(view: { blocks: Array<Record<string, any>> }) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks.filter((x) => x.type === 'input')) {
    const e = b.element;
    const state: Record<string, unknown> = { type: e.type };
    if (e.initial_option) state.selected_option = e.initial_option;
    if (e.initial_options) state.selected_options = e.initial_options;
    if (e.initial_value !== undefined) state.value = e.initial_value;
    if (e.initial_conversation) state.selected_conversation = e.initial_conversation;
    if (e.initial_users) state.selected_users = e.initial_users;
    values[b.block_id] = { [e.action_id]: state };
  }
  return values;
}

describe(`who runs Rapport on Slack (${databaseLabel})`, () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
  });
  afterAll(() => app?.close());

  const rapport = async (text: string, user: string) =>
    (await (await app.command('/rapport', text, { user })).reply()).body;
  const refusal = { response_type: 'ephemeral', ...renderCard(note(adminsOnly())) };
  const admins = () =>
    app.db
      .selectFrom('members')
      .select(['user_id', 'is_admin', 'admin_granted'])
      .where((eb) => eb.or([eb('is_admin', '=', true), eb('admin_granted', '=', true)]))
      .orderBy('user_id')
      .execute();

  it('lets an admin add someone, who can then run Rapport, and keeps the grant through a directory sync', async () => {
    const added = await rapport('admin add <@ULI|li>', 'UANA');
    expect(added.text).toBe('Li Wei is now an admin');
    expect(JSON.stringify(added.blocks)).toContain('Admins now:');
    expect(await admins()).toEqual([
      { user_id: 'UANA', is_admin: true, admin_granted: false },
      { user_id: 'ULI', is_admin: false, admin_granted: true },
    ]);
    // Li may now open the settings.
    await app.quiet();
    await app.command('/rapport', 'admin', { user: 'ULI' });
    const opened = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    expect(opened.args.view.callback_id).toBe('settings');
    // Slack's next directory read sets Slack's own admins, and leaves Rapport's grant alone.
    const workspaceId = await app.workspaceId();
    await app.slack.jobs[0]!.run({ scope: workspaceId, slot: new Date() }, app.jobContext());
    expect((await admins()).map((a) => a.user_id)).toEqual(['UANA', 'ULI']);
  });

  it('cannot take away what Slack gives, or leave Rapport with nobody to run it', async () => {
    const platform = await rapport('admin remove <@UANA|ana>', 'ULI');
    expect(platform.text).toMatch(/^Ana Silva is an admin of the workspace itself/);
    const removed = await rapport('admin remove <@ULI|li>', 'UANA');
    expect(removed.text).toBe('Li Wei is no longer an admin');
    expect((await admins()).map((a) => a.user_id)).toEqual(['UANA']);
    // Were Ana's only a grant, she could not remove herself: nobody would be left.
    await app.db
      .updateTable('members')
      .set({ is_admin: false, admin_granted: true })
      .where('user_id', '=', 'UANA')
      .execute();
    const last = await rapport('admin remove <@UANA|ana>', 'UANA');
    expect(last.text).toMatch(/^Ana Silva is the last admin/);
    expect((await admins()).map((a) => a.user_id)).toEqual(['UANA']);
    await app.db
      .updateTable('members')
      .set({ is_admin: true, admin_granted: false })
      .where('user_id', '=', 'UANA')
      .execute();
    // Bots and guests are never admins; a name is needed.
    const bot = await rapport('admin add <@UHELPER|helper> <@UKIM|kim>', 'UANA');
    expect(bot.text).toMatch(/Helper Bot cannot be an admin.*Kim Lee cannot be an admin/);
    expect((await rapport('admin add', 'UANA')).text).toMatch(/^Who should be an admin\?/);
    expect((await rapport('admin promote <@ULI|li>', 'UANA')).text).toMatch(/^I couldn't read/);
  });

  it('refuses every admin command to anyone else, politely and privately', async () => {
    for (const text of [
      'admin',
      'admin add <@USAM|sam>',
      'admin remove <@UANA|ana>',
      'rounds',
      'rounds <#CCOFFEE|coffee>',
      'round',
      'round <#CCOFFEE|coffee> 2',
      'deliveries',
      'insights',
      'insights 52w',
    ])
      expect({ text, answer: await rapport(text, 'USAM') }).toEqual({
        text,
        answer: expect.objectContaining(refusal),
      });
    expect((await admins()).map((a) => a.user_id)).toEqual(['UANA']);
    // Insights that are refused upload nothing.
    expect(app.fake.files).toEqual([]);
  });

  it('refuses every admin button and form to anyone else, and changes nothing', async () => {
    await app.quiet();
    // The forms as an admin sees them, submitted unchanged by someone who is not one.
    await app.command('/rapport', 'admin', { user: 'UANA' });
    const settings = (await app.fake.waitFor(() => app.fake.callsTo('views.open')[0])).args.view;
    await app.quiet();
    await app.command('/rapport', 'rounds <#CCOFFEE|coffee>', { user: 'UANA' });
    const round = (await app.fake.waitFor(() => app.fake.callsTo('views.open')[0])).args.view;
    await app.quiet();
    const before = {
      settings: await app.db.selectFrom('workspace_settings').selectAll().execute(),
      rounds: await app.db.selectFrom('round_channels').selectAll().execute(),
    };

    for (const view of [settings, round]) {
      const sent = await app.interaction({
        type: 'view_submission',
        team: { id: TEAM_ID },
        user: { id: 'USAM', team_id: TEAM_ID },
        api_app_id: 'A0RAPPORT',
        trigger_id: `trigger.${view.callback_id}`,
        view: {
          id: `V${view.callback_id}`,
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          state: { values: untouched(view) },
        },
      });
      expect(sent.status).toBe(200);
      const dm = await app.fake.waitFor(() =>
        app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'USAM'),
      );
      expect(dm.args.text).toBe(renderCard(note(adminsOnly())).text);
      await app.quiet();
    }

    for (const [action, value] of [
      ['open_settings', ''],
      ['round_add', ''],
      ['round_edit', 'CCOFFEE'],
    ] as const) {
      const answer = await app.press('USAM', action, value, {
        message: { type: 'message', ts: '1.1', text: 'Rapport' },
      });
      expect({ action, answer }).toEqual({
        action,
        answer: expect.objectContaining(renderCard(note(adminsOnly()))),
      });
    }
    expect(app.fake.callsTo('views.open')).toHaveLength(0);
    expect(await app.db.selectFrom('workspace_settings').selectAll().execute()).toEqual(
      before.settings,
    );
    expect(await app.db.selectFrom('round_channels').selectAll().execute()).toEqual(before.rounds);
  });
});
