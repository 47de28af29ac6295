import { mrkdwn, renderCard } from '../../src/adapters/slack/render';
import { checkForm } from '../../src/core/conversation/forms';
import { command, type Text } from '../../src/core/conversation/text';
import { DEFAULT_KUDOS_VALUES } from '../../src/core/domain/kudos';
import { settingsSaved } from '../../src/core/messages/admin-reports';
import { adminsOnly, FALLBACK_EXAMPLES, note, type Examples } from '../../src/core/messages/common';
import { COMMAND_GROUPS, helpCard, unknownSubcommand } from '../../src/core/messages/help';
import { kudosRejectionText } from '../../src/core/messages/kudos';
import {
  departmentReply,
  mySettingsCard,
  participationReply,
} from '../../src/core/messages/member';
import { meaningfulRule } from '../../src/core/messages/network';
import { usageText } from '../../src/core/messages/usage';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { acmeUsers } from '../support/slack-team';
import { APOLOGY } from '../support/words';

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

/** A short private answer as Slack shows it: the core's words, drawn by the Slack renderer. */
const answer = (t: Text) => ({ response_type: 'ephemeral', ...renderCard(note(t)) });

/** Examples in answers that name nobody in particular (usage problems that show none). */
const NOBODY: Examples = { person: '@a', other: '@b', channel: '#c' };

/** Everyone a member's examples may name: active people of the organisation, never the member. */
const colleaguesOf = (asker: string) =>
  acmeUsers()
    .filter((u) => u.id !== asker && !u.is_bot && !u.deleted && u.team_id === 'T0ACME')
    .map((u) => u.real_name!);

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
    await app.db.updateTable('members').set({ opted_out: false, paused_until: null }).execute();
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
  /** Messages Rapport sent someone in their DM with it (a user id as the channel). */
  const dmsTo = (userId: string) =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === userId);

  /**
   * The whole help, exactly as the core writes it for some two real colleagues of the asker
   * (never the asker), as Slack's people type them; returns whom its examples name.
   */
  const expectHelpFor = (blocks: unknown, asker: string): Examples => {
    const names = colleaguesOf(asker).map((n) => `@${n}`);
    const drawn = JSON.stringify(blocks);
    const matches = names
      // Slack cannot say how its people type a channel: the example channel is the generic one.
      .flatMap((person) =>
        names.map((other) => ({ person, other, channel: FALLBACK_EXAMPLES.channel })),
      )
      .filter((x) => x.person !== x.other)
      .filter((x) => JSON.stringify(renderCard(helpCard(x)).blocks) === drawn);
    expect(matches).toHaveLength(1);
    const shown = texts(blocks).join('\n');
    for (const g of COMMAND_GROUPS) {
      expect(shown).toContain(`*${escaped(g.title)}*`);
      for (const c of g.commands) {
        expect(shown).toContain(`${mrkdwn([command(c.usage)])}  ${escaped(c.does)}`);
        if (c.example) expect(shown).toContain(mrkdwn([command(c.example(matches[0]!))]));
      }
    }
    // Placeholders such as <message> are literal text, never Slack's <…> control sequences.
    expect(shown).not.toContain('<');
    return matches[0]!;
  };

  describe('help', () => {
    it.each(['help', '', '  HELP '])('/rapport %p lists every command privately', async (text) => {
      const reply = await rapport(text, 'ULI');
      expect(reply.response_type).toBe('ephemeral');
      expectHelpFor(reply.blocks, 'ULI');
    });

    it.each(['UANA', 'ULI', 'UPRIYA'])(
      "names two real colleagues in %s's examples, never the asker",
      async (asker) => {
        const reply = await rapport('help', asker);
        const x = expectHelpFor(reply.blocks, asker);
        const name = acmeUsers().find((u) => u.id === asker)!.real_name!;
        expect([x.person, x.other]).not.toContain(`@${name}`);
        expect(texts(reply.blocks).join('\n')).not.toContain(name);
      },
    );

    it('answers an unknown subcommand briefly, without the whole help', async () => {
      const reply = await rapport('frobnicate now', 'ULI');
      expect(reply).toMatchObject({
        response_type: 'ephemeral',
        ...renderCard(unknownSubcommand('frobnicate')),
      });
      const shown = texts(reply.blocks).join('\n');
      expect(texts(reply.blocks)[0]).toBe("I don't know `/rapport frobnicate`.");
      // Where to find everything, rather than everything.
      expect(shown).toContain(mrkdwn([command('/rapport help')]));
      for (const g of COMMAND_GROUPS) expect(shown).not.toContain(`*${escaped(g.title)}*`);
      expect(shown).not.toContain(mrkdwn([command(COMMAND_GROUPS[0]!.commands[0]!.usage)]));
    });

    it.each([
      // Nothing is close to "frobnicat": a guess would send the person the wrong way.
      ['frobnicat', null],
      ['settigns', 'settings'],
      ['jion', 'join'],
      ['puase', 'pause'],
    ])(
      'answers /rapport %p briefly, with "Did you mean" %p when one is close',
      async (typed, meant) => {
        const reply = await rapport(typed, 'ULI');
        expect(reply).toMatchObject({
          response_type: 'ephemeral',
          ...renderCard(unknownSubcommand(typed)),
        });
        const shown = texts(reply.blocks).join('\n');
        expect(shown).toContain(`I don't know ${mrkdwn([command(`/rapport ${typed}`)])}.`);
        if (meant)
          expect(shown).toContain(`Did you mean ${mrkdwn([command(`/rapport ${meant}`)])}?`);
        else expect(shown).not.toContain('Did you mean');
        for (const g of COMMAND_GROUPS) expect(shown).not.toContain(`*${escaped(g.title)}*`);
      },
    );

    it.each([
      ['<!here>', '`/rapport @here`'],
      ['<!subteam^S0ENG|@eng>', '`/rapport @eng`'],
      ['*x*', '`/rapport *x*`'],
      ['`a`_b_', "`/rapport 'a'_b_`"],
      ['&lt;b&gt;&amp;', '`/rapport &lt;b&gt;&amp;`'],
      [`${'é'.repeat(39)}xyz`, `\`/rapport ${'é'.repeat(39)}x\``],
    ])('echoes the unknown %p only as literal code, without pinging', async (sub, shown) => {
      const reply = await rapport(sub, 'ULI');
      const intro = texts(reply.blocks)[0];
      expect(intro).toBe(`I don't know ${shown}.`);
      expect(JSON.stringify(reply)).not.toMatch(/<!|<@/);
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
      // Fewer than a healthy network: where to find more people.
      expect.stringContaining(mrkdwn([command('/rapport suggest')])),
      mrkdwn(meaningfulRule()),
      '3 cross-department · Departments: Engineering, Finance',
    ]);
    const fresh = texts((await rapport('me', 'UEVE')).blocks);
    expect(fresh).toContain('*Kudos given · received*\n0 · 0');
    expect(fresh).toContain('none yet · Departments: none yet');
  });

  it('/rapport department stores what the member says, and refuses nothing or too much', async () => {
    const none = await rapport('department', 'UEVE');
    expect(none).toMatchObject(answer(usageText({ code: 'department_what' }, NOBODY)));
    expect(none.text).toContain('/rapport department Finance');
    const long = await rapport(`department ${'x'.repeat(61)}`, 'UEVE');
    expect(long).toMatchObject(answer(usageText({ code: 'department_too_long', max: 60 }, NOBODY)));
    expect(await member('UEVE')).toEqual({
      opted_out: false,
      department_source: 'directory',
      department: null,
    });

    const set = await rapport('department  Finance ', 'UEVE');
    expect(set).toMatchObject(answer(departmentReply('Finance')));
    expect(texts(set.blocks)).toEqual(["Got it: you're in *Finance*."]);
    expect(await member('UEVE')).toEqual({
      opted_out: false,
      department_source: 'member',
      department: 'Finance',
    });
  });

  it('/rapport optout stops kudos to and from the member; optin restores them', async () => {
    const out = await rapport('optout', 'UQUIET');
    expect(out).toMatchObject(
      answer(participationReply({ ok: true, optedOut: true, changed: true })),
    );
    expect((await member('UQUIET')).opted_out).toBe(true);
    // Saying it again changes nothing, and says so.
    const again = await rapport('optout', 'UQUIET');
    expect(again).toMatchObject(
      answer(participationReply({ ok: true, optedOut: true, changed: false })),
    );
    expect((await member('UQUIET')).opted_out).toBe(true);

    const to = await kudos('<@UQUIET> thanks for the audit', 'UANA');
    expect(to).toMatchObject(
      answer(kudosRejectionText({ code: 'recipient_opted_out', name: 'Quiet Person' }, NOBODY)),
    );
    const from = await kudos('<@UANA> thanks for the roadmap', 'UQUIET');
    expect(from).toMatchObject(answer(kudosRejectionText({ code: 'giver_opted_out' }, NOBODY)));
    expect(texts(from.blocks).join('\n')).toContain(mrkdwn([command('/rapport optin')]));
    expect(await app.db.selectFrom('kudos').selectAll().execute()).toHaveLength(0);

    const back = await rapport('optin', 'UQUIET');
    expect(back).toMatchObject(
      answer(participationReply({ ok: true, optedOut: false, changed: true })),
    );
    expect((await member('UQUIET')).opted_out).toBe(false);
    expect((await kudos('<@UQUIET> thanks for the audit', 'UANA')).response_type).toBe(
      'in_channel',
    );
  });

  it('/rapport settings shows the member their own settings, as they change', async () => {
    const mine = async (user: string) => {
      const reply = await rapport('settings', user);
      const read = await app.jobContext().useCases.mySettings(workspaceId, user);
      if (!read.ok) throw new Error('no settings');
      // Exactly the core's card for this member, drawn for Slack.
      expect(reply).toMatchObject({
        response_type: 'ephemeral',
        ...renderCard(mySettingsCard(read.settings)),
      });
      return texts(reply.blocks).join('\n');
    };
    const before = await mine('ULI');
    expect(before).toContain('*Rapport:* taking part');
    expect(before).toContain('*Pause:* not paused');
    expect(before).toContain('*Keep-in-touch nudges:* on');
    expect(before).toContain('*Weekly suggestions:* on');
    expect(before).toContain('*Department:* Engineering');
    expect(before).toContain('Timezone America/New_York');

    await rapport('nudges off', 'ULI');
    await rapport('suggestions off', 'ULI');
    await rapport('pause until jan 15', 'ULI');
    const after = await mine('ULI');
    expect(after).toContain('*Keep-in-touch nudges:* off');
    expect(after).toContain('*Weekly suggestions:* off');
    // Until the day it ends: the morning after the day typed.
    expect(after).toMatch(/\*Pause:\* paused through \w+ 15 January \d{4} /);
    // Someone else's are their own.
    const ana = await mine('UANA');
    expect(ana).toContain('*Department:* Product');
    expect(ana).toContain('Timezone Asia/Singapore');
    expect(ana).toContain('*Pause:* not paused');

    await rapport('nudges on', 'ULI');
    await rapport('suggestions on', 'ULI');
  });

  describe('settings', () => {
    type View = { blocks: Array<Record<string, any>>; private_metadata?: string };
    const field = (view: View, block: string) =>
      view.blocks.find((b) => b.block_id === block)!.element;

    it('/rapport admin refuses a non-admin privately and opens nothing', async () => {
      const reply = await rapport('admin', 'ULI');
      expect(reply).toMatchObject(answer(adminsOnly()));
      await app.settle();
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
      expect(view).toMatchObject({ type: 'modal', callback_id: 'settings' });
      // The form asked for the department field, so an answer to it must come back.
      expect(JSON.parse(view.private_metadata)).toEqual({ departmentFields: 'yes' });
      expect(field(view, 'kudosChannelId')).toMatchObject({
        action_id: 'kudosChannelId',
        initial_conversation: 'CKUDOS',
      });
      expect(field(view, 'dailyKudosLimit')).toMatchObject({ initial_value: '7' });
      expect(field(view, 'kudosValues')).toMatchObject({ initial_value: '#craft #care' });
      const department = field(view, 'departmentField');
      expect(department.initial_option.value).toBe('automatic');
      expect(department.options.map((o: any) => [o.value, o.text.text])).toEqual([
        ['automatic', 'Automatic: a field called Department'],
        ['Xf01DEPT', 'Department'],
      ]);
      // Every input answers to its own name.
      for (const b of view.blocks.filter((b: any) => b.type === 'input'))
        expect(b.element.action_id).toBe(b.block_id);
      await app.settle();
      expect(sent.replies()).toHaveLength(0);
    });

    const choice = (value: string) => ({ type: 'static_select', selected_option: { value } });
    const ticks = (on: boolean) => ({
      type: 'checkboxes',
      selected_options: on ? [{ value: 'on' }] : [],
    });
    type Filled = {
      limit: string;
      values: string;
      timezone?: string;
      promptOn?: boolean;
      followup?: string;
    };
    const submission = (user: string, form: Filled) => ({
      type: 'view_submission',
      team: { id: 'T0ACME', domain: 'acme' },
      user: { id: user, team_id: 'T0ACME' },
      api_app_id: 'A0RAPPORT',
      trigger_id: `trigger.settings.${user}`,
      view: {
        id: 'VSETTINGS',
        type: 'modal',
        callback_id: 'settings',
        private_metadata: JSON.stringify({ departmentFields: 'yes' }),
        state: {
          values: {
            kudosChannelId: {
              kudosChannelId: {
                type: 'conversations_select',
                selected_conversation: 'CCELEBRATE',
              },
            },
            dailyKudosLimit: { dailyKudosLimit: { type: 'number_input', value: form.limit } },
            kudosValues: { kudosValues: { type: 'plain_text_input', value: form.values } },
            departmentField: { departmentField: choice('automatic') },
            timezone: { timezone: { type: 'plain_text_input', value: form.timezone ?? null } },
            kudosPromptEnabled: { kudosPromptEnabled: ticks(form.promptOn !== false) },
            kudosPromptWeekday: { kudosPromptWeekday: choice('4') },
            kudosPromptHour: { kudosPromptHour: choice('16') },
            kudosDigestEnabled: { kudosDigestEnabled: ticks(false) },
            kudosDigestWeekday: { kudosDigestWeekday: choice('1') },
            kudosDigestHour: { kudosDigestHour: choice('9') },
            followupAfterMetDays: {
              followupAfterMetDays: { type: 'number_input', value: form.followup ?? '14' },
            },
            welcomeEnabled: { welcomeEnabled: ticks(false) },
            welcomeDelayDays: { welcomeDelayDays: { type: 'number_input', value: '5' } },
            historyDays: { historyDays: { type: 'number_input', value: '365' } },
            minDepartmentSize: { minDepartmentSize: { type: 'number_input', value: '5' } },
          },
        },
      },
    });
    /** The mistakes the core finds in the same answers, field by field. */
    const mistakes = (form: Filled) =>
      checkForm(
        'settings',
        {
          kudosChannelId: 'CCELEBRATE',
          dailyKudosLimit: form.limit,
          kudosValues: form.values,
          departmentField: 'automatic',
          timezone: form.timezone,
          kudosPromptEnabled: form.promptOn !== false,
          kudosPromptWeekday: '4',
          kudosPromptHour: '16',
          kudosDigestEnabled: false,
          kudosDigestWeekday: '1',
          kudosDigestHour: '9',
          followupAfterMetDays: form.followup ?? '14',
          welcomeEnabled: false,
          welcomeDelayDays: '5',
          historyDays: '365',
          minDepartmentSize: '5',
        },
        { departmentFields: 'yes' },
      );

    it.each([
      ['0', '#craft', ['dailyKudosLimit']],
      ['abc', '#craft', ['dailyKudosLimit']],
      ['3', '#craft #1bad', ['kudosValues']],
      ['101', '  ', ['dailyKudosLimit', 'kudosValues']],
    ])(
      'keeps the form open on limit %p, values %p, and stores nothing',
      async (limit, values, fields) => {
        const before = await settings();
        const response = await app.interaction(submission('UANA', { limit, values }));
        expect(response.status).toBe(200);
        const errors = mistakes({ limit, values });
        expect(Object.keys(errors ?? {}).sort()).toEqual(fields);
        expect(JSON.parse(response.text)).toEqual({ response_action: 'errors', errors });
        if (values.includes('#1bad')) expect(errors!.kudosValues).toContain('#1bad');
        await app.settle();
        expect(await settings()).toEqual(before);
        expect(dmsTo('UANA')).toHaveLength(0);
      },
    );

    it('keeps the form open on a timezone that does not exist', async () => {
      const before = await settings();
      const filled = { limit: '5', values: '#craft', timezone: 'Mars/Olympus' };
      const response = await app.interaction(submission('UANA', filled));
      const errors = mistakes(filled);
      expect(Object.keys(errors ?? {})).toEqual(['timezone']);
      expect(errors!.timezone).toContain('Mars/Olympus');
      expect(JSON.parse(response.text)).toEqual({ response_action: 'errors', errors });
      await app.settle();
      expect(await settings()).toEqual(before);
    });

    it('keeps the form open on follow-up days out of range', async () => {
      const before = await settings();
      const filled = { limit: '5', values: '#craft', followup: '200' };
      const response = await app.interaction(submission('UANA', filled));
      const errors = mistakes(filled);
      expect(Object.keys(errors ?? {})).toEqual(['followupAfterMetDays']);
      expect(JSON.parse(response.text)).toEqual({ response_action: 'errors', errors });
      await app.settle();
      expect(await settings()).toEqual(before);
    });

    it('keeps the form open when the department field the form asked for is missing', async () => {
      const before = await settings();
      const payload = submission('UANA', { limit: '5', values: '#craft' });
      delete (payload.view.state.values as Record<string, unknown>).departmentField;
      const response = await app.interaction(payload);
      expect(Object.keys(JSON.parse(response.text).errors)).toEqual(['departmentField']);
      await app.settle();
      expect(await settings()).toEqual(before);
    });

    it('stores a chosen timezone and says so', async () => {
      await app.interaction(
        submission('UANA', { limit: '5', values: '#craft', timezone: ' Asia/Kolkata ' }),
      );
      const dm = await app.fake.waitFor(() => dmsTo('UANA')[0]);
      expect(texts(dm.args.blocks).join('\n')).toContain('weekly digest: off (Asia/Kolkata).');
      expect((await settings()).timezone).toBe('Asia/Kolkata');
    });

    it('saves good settings, confirms by DM, and kudos then go to the chosen channel', async () => {
      const response = await app.interaction(
        submission('UANA', { limit: ' 3 ', values: '#Craft, #care #craft' }),
      );
      expect(response).toEqual({ status: 200, text: '' });
      const dm = await app.fake.waitFor(() => dmsTo('UANA')[0]);
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
      // The core's confirmation of what is now set, drawn for Slack.
      const saved = await app.jobContext().useCases.workspaceSettings(workspaceId);
      expect(dm.args).toMatchObject(renderCard(note(settingsSaved(saved))));
      const said = texts(dm.args.blocks).join('\n');
      expect(said).toContain('<#CCELEBRATE>');
      expect(said).toContain('values: #craft #care');
      expect(said).toContain('Thursdays at 16:00');
      expect(said).toContain('(America/New_York, where most members are)');
      expect(said).toContain('14 days after “we met”');

      await app.command('/kudos', '<@UBEN> thanks for the roadmap #care', {
        user: 'USAM',
        channel: 'CRANDOM',
      });
      const posted = await app.fake.waitFor(() =>
        app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCELEBRATE'),
      );
      expect(texts(posted.args.blocks).join('\n')).toContain('<@USAM> gave kudos to <@UBEN>');
      const refused = await kudos('<@UBEN> thanks again #teamwork', 'USAM');
      expect(refused).toMatchObject(
        answer(
          kudosRejectionText(
            { code: 'unknown_value', values: ['teamwork'], allowed: ['craft', 'care'] },
            NOBODY,
          ),
        ),
      );
    });

    it('stores nothing from a non-admin and tells them privately', async () => {
      const before = await settings();
      const response = await app.interaction(submission('ULI', { limit: '9', values: '#craft' }));
      expect(response).toEqual({ status: 200, text: '' });
      const dm = await app.fake.waitFor(() => dmsTo('ULI')[0]);
      expect(dm.args).toMatchObject(renderCard(note(adminsOnly())));
      expect(await settings()).toEqual(before);
      await app.settle();
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
          expect.stringMatching(/Departments: Engineering, Finance$/),
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
      expect(texts(view.blocks)).toContain('*Kudos you gave*\nNone yet.');
      expect(JSON.stringify(view)).not.toContain('open_settings');
      await app.settle();
      expect(app.fake.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(['ULI']);
    });

    it("the home tab's button opens the settings form for an admin only", async () => {
      expect((await click('UANA')).status).toBe(200);
      const opened = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
      expect(opened.args.trigger_id).toBe('trigger.home.UANA');
      expect(opened.args.view.callback_id).toBe('settings');

      await click('ULI');
      const dm = await app.fake.waitFor(() => dmsTo('ULI')[0]);
      expect(dm.args).toMatchObject(renderCard(note(adminsOnly())));
      await app.settle();
      expect(app.fake.callsTo('views.open')).toHaveLength(1);
      expect(app.fake.callsTo('chat.postMessage').map((c) => c.args.text)).not.toContain(APOLOGY);
    });
  });
});
