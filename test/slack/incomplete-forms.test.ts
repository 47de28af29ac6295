import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { TEAM_ID } from '../support/slack-team';

/**
 * A form Slack sends back without some of its inputs (an older form after a deploy, a client
 * that leaves a block out) is answered on the form itself, naming each field to fill in.
 */
describe(`Settings and round forms with missing inputs (${databaseLabel})`, () => {
  let app: SlackTestApp;
  let workspaceId: string;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
    workspaceId = await app.workspaceId();
  });
  afterAll(() => app?.close());

  const submit = (callbackId: string, state: Record<string, unknown>) =>
    app.interaction({
      type: 'view_submission',
      team: { id: TEAM_ID, domain: 'acme' },
      user: { id: 'UANA', team_id: TEAM_ID },
      api_app_id: 'A0RAPPORT',
      trigger_id: `trigger.${callbackId}`,
      view: { id: `V${callbackId}`, type: 'modal', callback_id: callbackId, state },
    });

  const settingsRow = () =>
    app.db
      .selectFrom('workspace_settings')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  const roundRows = () =>
    app.db
      .selectFrom('round_channels')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute();

  /** Every input of the settings form that must have a value. */
  const SETTINGS_REQUIRED = [
    'daily_kudos_limit',
    'kudos_values',
    'department_field',
    'prompt_day',
    'prompt_hour',
    'digest_day',
    'digest_hour',
    'followup_after_met',
    'welcome_days',
  ];
  const ROUND_REQUIRED = [
    'channel',
    'every_weeks',
    'weekday',
    'hour',
    'group_size',
    'repeat_window_days',
    'participation',
    'leftover',
    'checkin_after_days',
  ];

  async function expectFieldErrors(
    response: { status: number; text: string },
    fields: string[],
  ): Promise<void> {
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text);
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([...fields].sort());
    for (const message of Object.values(body.errors)) expect(message).toEqual(expect.any(String));
  }

  it.each([
    ['no values at all', { values: {} }],
    ['no state values', {}],
  ])('names every required settings field on a submission with %s', async (_name, state) => {
    const before = await settingsRow();
    await expectFieldErrors(await submit('settings_modal', state), SETTINGS_REQUIRED);
    await app.settle();
    expect(await settingsRow()).toEqual(before);
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('names the settings fields whose blocks or actions are missing, and saves nothing', async () => {
    const before = await settingsRow();
    const choice = (value: string) => ({ type: 'static_select', selected_option: { value } });
    const response = await submit('settings_modal', {
      values: {
        daily_kudos_limit: { daily_kudos_limit: { type: 'number_input', value: '5' } },
        kudos_values: { kudos_values: { type: 'plain_text_input', value: '#craft' } },
        // A block without its action, and one whose action has no value at all.
        department_field: {},
        prompt_day: { prompt_day: choice('4') },
        prompt_hour: { prompt_hour: { type: 'static_select' } },
        digest_day: { digest_day: choice('1') },
        digest_hour: { digest_hour: choice('9') },
        welcome_days: { welcome_days: { type: 'number_input', value: null } },
      },
    });
    await expectFieldErrors(response, [
      'department_field',
      'prompt_hour',
      'followup_after_met',
      'welcome_days',
    ]);
    await app.settle();
    expect(await settingsRow()).toEqual(before);
  });

  it.each([
    ['no values at all', { values: {} }],
    ['no state values', {}],
  ])('names every required round field on a submission with %s', async (_name, state) => {
    await expectFieldErrors(await submit('round_channel_modal', state), ROUND_REQUIRED);
    await app.settle();
    expect(await roundRows()).toEqual([]);
  });

  it('names the round fields whose blocks or actions are missing, and saves nothing', async () => {
    const choice = (value: string) => ({ type: 'static_select', selected_option: { value } });
    const response = await submit('round_channel_modal', {
      values: {
        channel: { channel: { type: 'conversations_select', selected_conversation: 'CCOFFEE' } },
        every_weeks: { every_weeks: choice('1') },
        weekday: {},
        hour: { hour: choice('10') },
        group_size: { group_size: { type: 'static_select', selected_option: null } },
        repeat_window_days: { repeat_window_days: { type: 'number_input', value: '180' } },
        participation: { participation: choice('opt_in') },
        leftover: { leftover: choice('join') },
      },
    });
    await expectFieldErrors(response, ['weekday', 'group_size', 'checkin_after_days']);
    await app.settle();
    expect(await roundRows()).toEqual([]);
  });
});
