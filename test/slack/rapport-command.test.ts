import { APOLOGY } from '../support/words';
import { COMMANDS } from '../../src/core/domain/help';
import { DEFAULT_KUDOS_VALUES } from '../../src/core/domain/kudos';
import { ADMINS_ONLY } from '../../src/core/use-cases/admin-settings';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';

/** Every piece of text in a Block Kit structure, in order. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(texts)];
}

/** What Slack's mrkdwn needs escaped: &, < and >. */
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe(`/rapport, App Home and settings on Slack (${databaseLabel})`, () => {
  let app: SlackTestApp;
  let workspaceId: string;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
    workspaceId = await app.workspaceId();
  });
  afterAll(() => app?.close());

  beforeEach(async () => {
    await app.db.deleteFrom('interactions').execute();
    await app.db.deleteFrom('kudos').execute();
    await saveSettings(app.db, workspaceId, {
      kudosChannelId: null,
      dailyKudosLimit: 5,
      kudosValues: [...DEFAULT_KUDOS_VALUES],
      departmentFieldId: null,
      timezone: null,
    });
    await app.db.updateTable('members').set({ opted_out: false }).execute();
    await app.db
      .updateTable('members')
      .set({ department_id: null, department_source: 'directory' })
      .where('user_id', '=', 'UEVE')
      .execute();
    await app.quiet();
  });

  const rapport = async (text: string, user = 'UANA') =>
    (await (await app.command('/rapport', text, { user })).reply()).body;
  const kudos = async (text: string, user: string) =>
    (await (await app.command('/kudos', text, { user })).reply()).body;

  const member = (userId: string) =>
    app.db
      .selectFrom('members as m')
      .leftJoin('departments as d', 'd.id', 'm.department_id')
      .where('m.workspace_id', '=', workspaceId)
      .where('m.user_id', '=', userId)
      .select(['m.opted_out', 'm.department_source', 'd.name as department'])
      .executeTakeFirstOrThrow();
  const settings = () =>
    app.db
      .selectFrom('workspace_settings')
      .select([
        'kudos_channel_id',
        'daily_kudos_limit',
        'kudos_values',
        'department_field_id',
        'timezone',
        'kudos_prompt_enabled',
        'kudos_prompt_day',
        'kudos_prompt_hour',
        'kudos_digest_enabled',
        'followup_after_met_days',
        'welcome_enabled',
        'welcome_delay_days',
      ])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
  const dmsTo = (userId: string) =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${userId}`);

  const expectFullHelp = (blocks: unknown) => {
    const shown = texts(blocks).join('\n');
    for (const c of COMMANDS) {
      expect(shown).toContain(`*\`${escaped(c.usage)}\`*  ${escaped(c.does)}`);
      expect(shown).toContain(`\`${escaped(c.example)}\``);
    }
    // Placeholders such as <message> are literal text, never Slack's <…> control sequences.
    expect(shown).not.toContain('<');
  };

  describe('help', () => {
    it.each(['help', '', '  HELP '])('/rapport %p lists every command privately', async (text) => {
      const reply = await rapport(text, 'ULI');
      expect(reply.response_type).toBe('ephemeral');
      expectFullHelp(reply.blocks);
    });

    it('says it does not know a subcommand, then shows the help', async () => {
      const reply = await rapport('frobnicate now', 'ULI');
      expect(reply.response_type).toBe('ephemeral');
      expect(texts(reply.blocks)[0]).toBe(
        "I don't know `/rapport frobnicate`. Here is what I can do:",
      );
      expectFullHelp(reply.blocks.slice(1));
    });

    it.each([
      ['<!here>', '`/rapport @here`'],
      ['<!subteam^S0ENG|@eng>', '`/rapport @eng`'],
      ['*x*', '`/rapport *x*`'],
      ['`a`_b_', "`/rapport 'a'_b_`"],
      ['&lt;b&gt;&amp;', '`/rapport &lt;b&gt;&amp;`'],
      [`${'é'.repeat(39)}xyz`, `\`/rapport ${'é'.repeat(39)}x\``],
    ])('echoes the unknown %p only as literal code, without pinging', async (sub, shown) => {
      const intro = texts((await rapport(sub, 'ULI')).blocks)[0];
      expect(intro).toBe(`I don't know ${shown}. Here is what I can do:`);
      expect(intro).not.toMatch(/<!|<@/);
    });
  });

  it('/rapport me summarises kudos given and received and the departments reached', async () => {
    expect((await kudos('<@ULI> <@UPRIYA> thanks for the forecast', 'UANA')).response_type).toBe(
      'in_channel',
    );
    expect((await kudos('<@UANA> thanks for the roadmap', 'USAM')).response_type).toBe(
      'in_channel',
    );
    const reply = await rapport('me', 'UANA');
    expect(reply.response_type).toBe('ephemeral');
    expect(texts(reply.blocks)).toEqual([
      '*Your network* · Product',
      '*Meaningful relationships*\n0 of the 15–20 a healthy network has',
      '*Other departments reached*\n2',
      "*People you've connected with*\n3",
      // Counted per person thanked, as the daily allowance is.
      '*Kudos given · received*\n2 · 1',
      '3 cross-department',
      'Departments: Engineering, Finance',
    ]);
    const fresh = texts((await rapport('me', 'UEVE')).blocks);
    expect(fresh).toContain('*Kudos given · received*\n0 · 0');
    expect(fresh).toContain('Departments: none yet');
  });

  it('/rapport department stores what the member says, and refuses nothing or too much', async () => {
    const none = await rapport('department', 'UEVE');
    expect(none).toMatchObject({ response_type: 'ephemeral' });
    expect(none.text).toBe('Which department are you in? For example: /rapport department Finance');
    const long = await rapport(`department ${'x'.repeat(61)}`, 'UEVE');
    expect(long.text).toBe('Please keep the department name to 60 characters or fewer.');
    expect(await member('UEVE')).toEqual({
      opted_out: false,
      department_source: 'directory',
      department: null,
    });

    const set = await rapport('department  Finance ', 'UEVE');
    expect(set).toMatchObject({ response_type: 'ephemeral', text: "Got it: you're in *Finance*." });
    expect(await member('UEVE')).toEqual({
      opted_out: false,
      department_source: 'member',
      department: 'Finance',
    });
  });

  it('/rapport optout stops kudos to and from the member; optin restores them', async () => {
    for (let i = 0; i < 2; i += 1) {
      const out = await rapport('optout', 'UQUIET');
      expect(out.response_type).toBe('ephemeral');
      expect(out.text).toMatch(/^You've opted out of Rapport/);
      expect((await member('UQUIET')).opted_out).toBe(true);
    }
    const to = await kudos('<@UQUIET> thanks for the audit', 'UANA');
    expect(to).toMatchObject({ response_type: 'ephemeral' });
    expect(to.text).toContain('Quiet Person has opted out of Rapport');
    const from = await kudos('<@UANA> thanks for the roadmap', 'UQUIET');
    expect(from).toMatchObject({ response_type: 'ephemeral' });
    expect(from.text).toContain("You've opted out of Rapport. Opt back in with /rapport optin");
    expect(await app.db.selectFrom('kudos').selectAll().execute()).toHaveLength(0);

    expect((await rapport('optin', 'UQUIET')).text).toMatch(/^Welcome back!/);
    expect((await member('UQUIET')).opted_out).toBe(false);
    expect((await kudos('<@UQUIET> thanks for the audit', 'UANA')).response_type).toBe(
      'in_channel',
    );
  });

  describe('settings', () => {
    const field = (view: { blocks: Array<Record<string, any>> }, block: string) =>
      view.blocks.find((b) => b.block_id === block)!.element;

    it('/rapport admin refuses a non-admin privately and opens nothing', async () => {
      const reply = await rapport('admin', 'ULI');
      expect(reply).toMatchObject({ response_type: 'ephemeral', text: ADMINS_ONLY });
      expect(app.fake.callsTo('views.open')).toHaveLength(0);
    });

    it('/rapport admin opens the form for an admin, filled with the current settings', async () => {
      await saveSettings(app.db, workspaceId, {
        kudosChannelId: 'CKUDOS',
        dailyKudosLimit: 7,
        kudosValues: ['craft', 'care'],
      });
      const sent = await app.command('/rapport', 'admin', { user: 'UANA' });
      const opened = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
      expect(opened.args.trigger_id).toBe(sent.triggerId);
      const view = opened.args.view;
      expect(view).toMatchObject({ type: 'modal', callback_id: 'settings_modal' });
      expect(field(view, 'kudos_channel')).toMatchObject({
        action_id: 'kudos_channel',
        initial_channel: 'CKUDOS',
      });
      expect(field(view, 'daily_kudos_limit')).toMatchObject({ initial_value: '7' });
      expect(field(view, 'kudos_values')).toMatchObject({ initial_value: '#craft #care' });
      const department = field(view, 'department_field');
      expect(department.initial_option.value).toBe('automatic');
      expect(department.options.map((o: any) => [o.value, o.text.text])).toEqual([
        ['automatic', 'Automatic: a field called Department'],
        ['Xf01DEPT', 'Department'],
      ]);
      expect(sent.replies()).toHaveLength(0);
    });

    const choice = (value: string) => ({ type: 'static_select', selected_option: { value } });
    const submission = (
      user: string,
      form: {
        limit: string;
        values: string;
        timezone?: string;
        promptOn?: boolean;
        followup?: string;
      },
    ) => ({
      type: 'view_submission',
      team: { id: 'T0ACME', domain: 'acme' },
      user: { id: user, team_id: 'T0ACME' },
      api_app_id: 'A0RAPPORT',
      trigger_id: `trigger.settings.${user}`,
      view: {
        id: 'VSETTINGS',
        type: 'modal',
        callback_id: 'settings_modal',
        state: {
          values: {
            kudos_channel: {
              kudos_channel: { type: 'channels_select', selected_channel: 'CCELEBRATE' },
            },
            daily_kudos_limit: { daily_kudos_limit: { type: 'number_input', value: form.limit } },
            kudos_values: { kudos_values: { type: 'plain_text_input', value: form.values } },
            department_field: {
              department_field: { type: 'static_select', selected_option: { value: 'automatic' } },
            },
            timezone: { timezone: { type: 'plain_text_input', value: form.timezone ?? null } },
            prompt_on: {
              prompt_on: {
                type: 'checkboxes',
                selected_options: form.promptOn === false ? [] : [{ value: 'on' }],
              },
            },
            prompt_day: { prompt_day: choice('4') },
            prompt_hour: { prompt_hour: choice('16') },
            digest_on: { digest_on: { type: 'checkboxes', selected_options: [] } },
            digest_day: { digest_day: choice('1') },
            digest_hour: { digest_hour: choice('9') },
            followup_after_met: {
              followup_after_met: { type: 'number_input', value: form.followup ?? '14' },
            },
            welcome_on: { welcome_on: { type: 'checkboxes', selected_options: [] } },
            welcome_days: { welcome_days: { type: 'number_input', value: '5' } },
          },
        },
      },
    });

    it.each([
      ['0', '#craft', { daily_kudos_limit: 'A whole number from 1 to 100.' }],
      ['abc', '#craft', { daily_kudos_limit: 'A whole number from 1 to 100.' }],
      ['3', '#craft #1bad', { kudos_values: expect.stringContaining("#1bad can't be a value") }],
      [
        '101',
        '  ',
        {
          daily_kudos_limit: 'A whole number from 1 to 100.',
          kudos_values: 'Give at least one value, such as #teamwork.',
        },
      ],
    ])(
      'keeps the form open on limit %p, values %p, and stores nothing',
      async (limit, values, errors) => {
        const before = await settings();
        const response = await app.interaction(submission('UANA', { limit, values }));
        expect(response.status).toBe(200);
        expect(JSON.parse(response.text)).toEqual({ response_action: 'errors', errors });
        await app.settle();
        expect(await settings()).toEqual(before);
        expect(app.fake.callsTo('conversations.open')).toHaveLength(0);
      },
    );

    it('keeps the form open on a timezone that does not exist', async () => {
      const before = await settings();
      const response = await app.interaction(
        submission('UANA', { limit: '5', values: '#craft', timezone: 'Mars/Olympus' }),
      );
      expect(JSON.parse(response.text)).toEqual({
        response_action: 'errors',
        errors: {
          timezone:
            'Mars/Olympus is not a timezone. Use a name such as Europe/Berlin or America/New_York.',
        },
      });
      await app.settle();
      expect(await settings()).toEqual(before);
    });

    it('keeps the form open on follow-up days out of range', async () => {
      const before = await settings();
      const response = await app.interaction(
        submission('UANA', { limit: '5', values: '#craft', followup: '200' }),
      );
      expect(JSON.parse(response.text)).toEqual({
        response_action: 'errors',
        errors: { followup_after_met: 'A number of days from 0 (never) to 180.' },
      });
      await app.settle();
      expect(await settings()).toEqual(before);
    });

    it('stores a chosen timezone and says so', async () => {
      await app.interaction(
        submission('UANA', { limit: '5', values: '#craft', timezone: ' Asia/Kolkata ' }),
      );
      const dm = await app.fake.waitFor(() => dmsTo('UANA')[0]);
      expect(dm.args.text).toContain('weekly digest: off (Asia/Kolkata).');
      expect((await settings()).timezone).toBe('Asia/Kolkata');
    });

    it('saves good settings, confirms by DM, and kudos then go to the chosen channel', async () => {
      const response = await app.interaction(
        submission('UANA', { limit: ' 3 ', values: '#Craft, #care #craft' }),
      );
      expect(response).toEqual({ status: 200, text: '' });
      const dm = await app.fake.waitFor(() => dmsTo('UANA')[0]);
      expect(app.fake.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['UANA']);
      expect(dm.args.text).toBe(
        'Saved. Kudos are celebrated in <#CCELEBRATE>; each person may thank 3 people a day; values: #craft #care.\n' +
          'Weekly prompt: Thursdays at 16:00; weekly digest: off (America/New_York, where most members are).\n' +
          'Follow-ups after a round: 14 days after “we met”; welcome for new members: off.',
      );
      expect(await settings()).toEqual({
        kudos_channel_id: 'CCELEBRATE',
        daily_kudos_limit: 3,
        kudos_values: ['craft', 'care'],
        department_field_id: null,
        timezone: null,
        kudos_prompt_enabled: true,
        kudos_prompt_day: 4,
        kudos_prompt_hour: 16,
        kudos_digest_enabled: false,
        followup_after_met_days: 14,
        welcome_enabled: false,
        welcome_delay_days: 5,
      });

      await app.command('/kudos', '<@UBEN> thanks for the roadmap #care', {
        user: 'USAM',
        channel: 'CRANDOM',
      });
      const posted = await app.fake.waitFor(() =>
        app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCELEBRATE'),
      );
      expect(posted.args.text).toContain('<@USAM> gave kudos to <@UBEN>');
      expect((await kudos('<@UBEN> thanks again #teamwork', 'USAM')).text).toContain(
        "#teamwork isn't one of this workspace's values",
      );
    });

    it('stores nothing from a non-admin and tells them privately', async () => {
      const before = await settings();
      const response = await app.interaction(submission('ULI', { limit: '9', values: '#craft' }));
      expect(response).toEqual({ status: 200, text: '' });
      const dm = await app.fake.waitFor(() => dmsTo('ULI')[0]);
      expect(dm.args.text).toBe(ADMINS_ONLY);
      expect(await settings()).toEqual(before);
      expect(app.fake.callsTo('chat.postMessage')).toHaveLength(1);
    });
  });

  describe('App Home', () => {
    const homeOpened = (user: string, tab = 'home') =>
      app.event({ type: 'app_home_opened', user, tab, channel: `D${user}` });
    const published = (user: string) =>
      app.fake.waitFor(() =>
        app.fake.callsTo('views.publish').find((c) => c.args.user_id === user),
      );
    const click = (user: string) =>
      app.interaction({
        type: 'block_actions',
        team: { id: 'T0ACME', domain: 'acme' },
        user: { id: user, team_id: 'T0ACME' },
        api_app_id: 'A0RAPPORT',
        trigger_id: `trigger.home.${user}`,
        container: { type: 'view', view_id: 'VHOME' },
        view: { id: 'VHOME', type: 'home', callback_id: '' },
        actions: [
          {
            action_id: 'open_settings',
            block_id: 'admin',
            type: 'button',
            text: { type: 'plain_text', text: 'Open settings' },
            action_ts: '1700000000.000100',
          },
        ],
      });

    it("publishes an admin's network, recent kudos and a settings button", async () => {
      await kudos('<@ULI> thanks for the review', 'UANA');
      await kudos('<@UANA> thanks for the *roadmap* &lt;b&gt;', 'UPRIYA');
      expect((await homeOpened('UANA')).status).toBe(200);
      const { view } = (await published('UANA')).args;
      expect(view.type).toBe('home');
      const shown = texts(view.blocks);
      expect(shown).toEqual(
        expect.arrayContaining([
          '*Your network* · Product',
          '*Kudos given · received*\n1 · 1',
          'Departments: Engineering, Finance',
          '*Kudos you received*\n• from <@UPRIYA>: thanks for the *roadmap* &lt;b&gt;',
          '*Kudos you gave*\n• to <@ULI>: thanks for the review',
        ]),
      );
      const buttons = view.blocks.flatMap((b: any) => (b.accessory ? [b.accessory] : []));
      expect(buttons).toEqual([expect.objectContaining({ action_id: 'open_settings' })]);
      expect(app.fake.callsTo('views.publish')).toHaveLength(1);
    });

    it('shows no settings button to a non-admin, and publishes nothing for the messages tab', async () => {
      await homeOpened('UANA', 'messages');
      await homeOpened('ULI');
      const { view } = (await published('ULI')).args;
      expect(texts(view.blocks)).toContain('*Kudos you gave*\n_None yet._');
      expect(JSON.stringify(view)).not.toContain('open_settings');
      expect(app.fake.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(['ULI']);
    });

    it("the home tab's button opens the settings form for an admin only", async () => {
      expect((await click('UANA')).status).toBe(200);
      const opened = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
      expect(opened.args.trigger_id).toBe('trigger.home.UANA');
      expect(opened.args.view.callback_id).toBe('settings_modal');

      await click('ULI');
      expect((await app.fake.waitFor(() => dmsTo('ULI')[0])).args.text).toBe(ADMINS_ONLY);
      expect(app.fake.callsTo('views.open')).toHaveLength(1);
      expect(app.fake.callsTo('chat.postMessage').map((c) => c.args.text)).not.toContain(APOLOGY);
    });
  });
});
