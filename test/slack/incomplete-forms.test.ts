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

  const submit = (callbackId: string, state: Record<string, unknown>, privateMetadata?: string) =>
    app.interaction({
      type: 'view_submission',
      team: { id: TEAM_ID, domain: 'acme' },
      user: { id: 'UANA', team_id: TEAM_ID },
      api_app_id: 'A0RAPPORT',
      trigger_id: `trigger.${callbackId}`,
      view: {
        id: `V${callbackId}`,
        type: 'modal',
        callback_id: callbackId,
        state,
        ...(privateMetadata !== undefined && { private_metadata: privateMetadata }),
      },
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

  /** Every input of the settings form that must have a value: the core's field names. */
  const SETTINGS_REQUIRED = [
    'dailyKudosLimit',
    'kudosValues',
    'departmentField',
    'kudosPromptWeekday',
    'kudosPromptHour',
    'kudosDigestWeekday',
    'kudosDigestHour',
    'followupAfterMetDays',
    'welcomeDelayDays',
    'historyDays',
    'minDepartmentSize',
  ];
  const ROUND_REQUIRED = [
    'channelId',
    'everyWeeks',
    'weekday',
    'hour',
    'groupSize',
    'repeatWindowDays',
    'participation',
    'leftover',
    'checkinAfterDays',
  ];

  /** The modal a command opens, as Slack was asked to show it. */
  async function opened(text: string) {
    await app.quiet();
    const sent = await app.command('/rapport', text, { user: 'UANA' });
    expect(sent.status).toBe(200);
    return (await app.fake.waitFor(() => app.fake.callsTo('views.open')[0])).args.view;
  }
  /** The block ids of a modal's inputs that Slack will not submit empty. */
  const required = (view: { blocks: Array<Record<string, any>> }) =>
    view.blocks.filter((b) => b.type === 'input' && !b.optional).map((b) => b.block_id as string);

  async function expectFieldErrors(
    response: { status: number; text: string },
    fields: string[],
  ): Promise<void> {
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text);
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([...fields].sort());
    for (const message of Object.values(body.errors)) expect(message).toMatch(/\w/);
  }

  it('asks for exactly these fields in the forms Rapport opens', async () => {
    const settings = await opened('admin');
    expect(settings.callback_id).toBe('settings');
    expect(required(settings)).toEqual(SETTINGS_REQUIRED);
    // The directory has profile fields, so the form asks which holds the department, and says so.
    expect(JSON.parse(settings.private_metadata)).toEqual({ departmentFields: 'yes' });
    const round = await opened('rounds <#CCOFFEE|coffee>');
    expect(round.callback_id).toBe('round_channel');
    expect(required(round)).toEqual(ROUND_REQUIRED);
  });

  it.each([
    ['no values at all', { values: {} }],
    ['no state values', {}],
  ])('names every required settings field on a submission with %s', async (_name, state) => {
    const before = await settingsRow();
    await expectFieldErrors(await submit('settings', state), SETTINGS_REQUIRED);
    await app.settle();
    expect(await settingsRow()).toEqual(before);
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('does not ask for the department field when the form said it had none to offer', async () => {
    const before = await settingsRow();
    await expectFieldErrors(
      await submit('settings', { values: {} }, JSON.stringify({ departmentFields: 'no' })),
      SETTINGS_REQUIRED.filter((f) => f !== 'departmentField'),
    );
    await app.settle();
    expect(await settingsRow()).toEqual(before);
  });

  it('names the settings fields whose blocks or actions are missing, and saves nothing', async () => {
    const before = await settingsRow();
    const choice = (value: string) => ({ type: 'static_select', selected_option: { value } });
    const response = await submit(
      'settings',
      {
        values: {
          dailyKudosLimit: { dailyKudosLimit: { type: 'number_input', value: '5' } },
          kudosValues: { kudosValues: { type: 'plain_text_input', value: '#craft' } },
          // A block without its action, and one whose action has no value at all.
          departmentField: {},
          kudosPromptWeekday: { kudosPromptWeekday: choice('4') },
          kudosPromptHour: { kudosPromptHour: { type: 'static_select' } },
          kudosDigestWeekday: { kudosDigestWeekday: choice('1') },
          kudosDigestHour: { kudosDigestHour: choice('9') },
          welcomeDelayDays: { welcomeDelayDays: { type: 'number_input', value: null } },
        },
      },
      JSON.stringify({ departmentFields: 'yes' }),
    );
    await expectFieldErrors(response, [
      'departmentField',
      'kudosPromptHour',
      'followupAfterMetDays',
      'welcomeDelayDays',
      'historyDays',
      'minDepartmentSize',
    ]);
    await app.settle();
    expect(await settingsRow()).toEqual(before);
  });

  it.each([
    ['no values at all', { values: {} }],
    ['no state values', {}],
  ])('names every required round field on a submission with %s', async (_name, state) => {
    await expectFieldErrors(await submit('round_channel', state), ROUND_REQUIRED);
    await app.settle();
    expect(await roundRows()).toEqual([]);
  });

  it('names the round fields whose blocks or actions are missing, and saves nothing', async () => {
    const choice = (value: string) => ({ type: 'static_select', selected_option: { value } });
    const response = await submit('round_channel', {
      values: {
        channelId: {
          channelId: { type: 'conversations_select', selected_conversation: 'CCOFFEE' },
        },
        everyWeeks: { everyWeeks: choice('1') },
        weekday: {},
        hour: { hour: choice('10') },
        groupSize: { groupSize: { type: 'static_select', selected_option: null } },
        repeatWindowDays: { repeatWindowDays: { type: 'number_input', value: '180' } },
        participation: { participation: choice('opt_in') },
        leftover: { leftover: choice('join') },
      },
    });
    await expectFieldErrors(response, ['weekday', 'groupSize', 'checkinAfterDays']);
    await app.settle();
    expect(await roundRows()).toEqual([]);
  });
});
