import { tick } from '../../src/scheduler/coordinator';
import { meetRoundJob } from '../../src/scheduler/jobs/rounds';
import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { slackQueue } from '../support/slack-queue';

describe(`the weekly intro round on Slack (${databaseLabel})`, () => {
  // Monday 30 November 2026, 08:00 in London.
  const clock = movingClock('2026-11-30T08:00:00Z');
  let app: SlackTestApp;
  let queue: ReturnType<typeof slackQueue>;

  beforeAll(async () => {
    app = await SlackTestApp.start({ clock });
    await app.directorySynced();
    // Everyone reachable at any hour, so the test need not wait for working days.
    await app.db
      .updateTable('members')
      .set({ work_start_minute: 0, work_end_minute: 1440, work_days: [1, 2, 3, 4, 5, 6, 7] })
      .execute();
    queue = slackQueue(app, clock, 'rounds-test');
    queue.start();
  });
  afterAll(async () => {
    await queue?.stop();
    await app?.close();
  });

  const reply = async (command: string, text: string, user: string) =>
    (await (await app.command(command, text, { user })).reply()).body;
  const field = (id: string, value: Record<string, unknown>) => ({ [id]: { [id]: value } });
  const choice = (value: string) => ({ type: 'static_select', selected_option: { value } });

  it('lets an admin set up a round channel with the form, and members join', async () => {
    const opened = await app.command('/rapport', 'rounds <#CCOFFEE|coffee>', { user: 'UANA' });
    const view = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    expect(view.args.trigger_id).toBe(opened.triggerId);
    expect(view.args.view.callback_id).toBe('round_channel_modal');

    const submit = (values: Record<string, unknown>) =>
      app.interaction({
        type: 'view_submission',
        team: { id: 'T0ACME' },
        user: { id: 'UANA', team_id: 'T0ACME' },
        api_app_id: 'A0RAPPORT',
        trigger_id: 'trigger.round',
        view: {
          id: 'VROUND',
          type: 'modal',
          callback_id: 'round_channel_modal',
          state: { values },
        },
      });
    const values = {
      ...field('channel', { type: 'conversations_select', selected_conversation: 'CCOFFEE' }),
      ...field('enabled', { type: 'checkboxes', selected_options: [{ value: 'on' }] }),
      ...field('every_weeks', choice('1')),
      ...field('weekday', choice('1')),
      ...field('hour', choice('10')),
      ...field('timezone', { type: 'plain_text_input', value: 'Europe/London' }),
      ...field('group_size', choice('2')),
      ...field('repeat_window_days', { type: 'number_input', value: '180' }),
      ...field('participation', { type: 'radio_buttons', selected_option: { value: 'opt_in' } }),
      ...field('leftover', { type: 'radio_buttons', selected_option: { value: 'join' } }),
      ...field('checkin_after_days', { type: 'number_input', value: '3' }),
    };
    const bad = await submit({ ...values, ...field('group_size', choice('12')) });
    expect(JSON.parse(bad.text)).toEqual({
      response_action: 'errors',
      errors: { group_size: 'Groups of 2 to 8 people.' },
    });
    expect((await submit(values)).status).toBe(200);
    const saved = await app.fake.waitFor(() =>
      app.fake
        .callsTo('chat.postMessage')
        .find((c) => String(c.args.text).startsWith('Saved the intro round')),
    );
    expect(saved.args.text).toBe('Saved the intro round in <#CCOFFEE>.');

    for (const user of ['UANA', 'ULI', 'USAM', 'UPRIYA', 'UBEN'])
      expect((await reply('/rapport', 'join', user)).text).toBe(
        "You're in! You'll meet someone from another department in the next round in <#CCOFFEE>.",
      );
    expect((await reply('/rapport', 'join', 'UHELPER')).text).toContain("couldn't find you");
  });

  it('shows the rounds in /rapport admin, whose Change button opens the round form on top', async () => {
    await app.quiet();
    await app.command('/rapport', 'admin', { user: 'UANA' });
    const settings = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    const blocks = JSON.stringify(settings.args.view.blocks);
    expect(blocks).toContain(
      '<#CCOFFEE>: Every week, Monday 10:00 Europe/London, groups of 2, people who join',
    );
    expect(blocks).toContain('"action_id":"round_edit"');
    await app.interaction({
      type: 'block_actions',
      team: { id: 'T0ACME' },
      user: { id: 'UANA', team_id: 'T0ACME' },
      api_app_id: 'A0RAPPORT',
      trigger_id: 'trigger.edit',
      view: { id: 'VSETTINGS', type: 'modal', callback_id: 'settings_modal' },
      actions: [
        {
          type: 'button',
          action_id: 'round_edit',
          block_id: 'b',
          value: 'CCOFFEE',
          action_ts: '1',
        },
      ],
    });
    const pushed = await app.fake.waitFor(() => app.fake.callsTo('views.push')[0]);
    expect(pushed.args.trigger_id).toBe('trigger.edit');
    expect(pushed.args.view.callback_id).toBe('round_channel_modal');
    expect(JSON.stringify(pushed.args.view.blocks)).toContain('"initial_conversation":"CCOFFEE"');
  });

  it('posts the round, opens a group DM per group, checks in three days later, and records "we met"', async () => {
    await app.quiet();
    clock.set('2026-11-30T10:00:30Z');
    const ran = await tick(app.jobContext(), [meetRoundJob], 'replica');
    expect(ran.map((r) => r.outcome?.note)).toEqual([
      '2 groups (2 across departments, bound 2), 0 sat out, 0 away',
    ]);
    await queue.settled();

    const summary = app.fake.messages.find((m) => m.channel === 'CCOFFEE')!;
    expect(summary.text).toBe('This round’s intros are out');
    const summaryCall = app.fake
      .callsTo('chat.postMessage')
      .find((c) => c.args.channel === 'CCOFFEE')!;
    expect(JSON.stringify(summaryCall.args.blocks)).toContain(
      '5 people in 2 groups, 2 across departments',
    );
    expect(JSON.stringify(summaryCall.args.blocks)).toContain('"action_id":"round_join"');

    const opened = app.fake
      .callsTo('conversations.open')
      .map((c) => String(c.args.users).split(',').sort());
    expect(opened.flat().sort()).toEqual(['UANA', 'UBEN', 'ULI', 'UPRIYA', 'USAM']);
    const intros = app.fake.messages.filter((m) => m.text === 'Meet each other!');
    expect(intros).toHaveLength(2);
    const introCall = app.fake
      .callsTo('chat.postMessage')
      .find((c) => c.args.text === 'Meet each other!')!;
    expect(JSON.stringify(introCall.args.blocks)).toMatch(/<@U[A-Z]+> — /);
    // Everyone works all day here: the shared hours are the round's whole (UTC) day, which
    // Slack shows in each reader's own zone.
    expect(JSON.stringify(introCall.args.blocks)).toContain(
      'You are all at work between <!date^1795996800^{time}|00:00 UTC> and <!date^1796083200^{time}|00:00 UTC> (your time).',
    );

    // Nothing more until three days later.
    expect(
      app.fake.messages.filter((m) => m.text === 'Did you get a chance to meet?'),
    ).toHaveLength(0);
    clock.set('2026-12-03T10:00:30Z');
    await queue.settled();
    const checkins = app.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.text === 'Did you get a chance to meet?');
    expect(checkins).toHaveLength(2);
    expect(checkins.map((c) => c.args.channel).sort()).toEqual(intros.map((m) => m.channel).sort());

    const buttons = checkins[0]!.args.blocks[1].elements;
    const groupId = buttons[0].value as string;
    const group = await app.db
      .selectFrom('round_group_members')
      .select('user_id')
      .where('group_id', '=', groupId)
      .execute();
    const members = group.map((g) => g.user_id).sort();
    const press = (user: string, actionId: string) => {
      const responseUrl = app.fake.responseUrl(`checkin-${user}-${actionId}`);
      return app
        .interaction({
          type: 'block_actions',
          team: { id: 'T0ACME' },
          user: { id: user, team_id: 'T0ACME' },
          api_app_id: 'A0RAPPORT',
          trigger_id: `trigger.${user}`,
          channel: { id: checkins[0]!.args.channel },
          container: { type: 'message', message_ts: '1.1', channel_id: checkins[0]!.args.channel },
          response_url: responseUrl,
          actions: [
            { type: 'button', action_id: actionId, block_id: 'b', value: groupId, action_ts: '1' },
          ],
        })
        .then(() =>
          app.fake.waitFor(
            () => app.fake.responses.find((r) => r.path === new URL(responseUrl).pathname)?.body,
          ),
        );
    };
    const outsider = ['UANA', 'UBEN', 'ULI', 'UPRIYA', 'USAM'].find((u) => !members.includes(u))!;
    expect((await press(outsider, 'checkin_met')).text).toBe(
      'This check-in is for the people in this group.',
    );
    const met = await press(members[0]!, 'checkin_met');
    expect(met).toMatchObject({ replace_original: true });
    expect(met.text).toContain(`<@${members[0]}> says you met`);

    const interactions = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'source', 'source_ref'])
      .where('source', '=', 'round')
      .execute();
    expect(interactions).toHaveLength((members.length * (members.length - 1)) / 2);
    expect(interactions.every((i) => i.source_ref === groupId)).toBe(true);
  });

  it('shows an admin the round: who was matched, told, met, and who sat out', async () => {
    const report = await reply('/rapport', 'round <#CCOFFEE|coffee>', 'UANA');
    const text = JSON.stringify(report.blocks);
    expect(text).toContain('2 groups');
    expect(text).toContain('told; :white_check_mark: met');
    expect(text).toContain('told; no answer yet');
    expect(text).toContain('Everyone was in a group.');
    expect((await reply('/rapport', 'round', 'ULI')).text).toContain('Only workspace admins');
  });

  it('lets a member pause for a while and join from the round post', async () => {
    const paused = await reply('/rapport', 'pause 2w', 'UBEN');
    expect(paused.text).toBe(
      'Paused: no intros, check-ins or reminders until Thursday 17 December 2026. It ends by itself; /rapport resume ends it sooner.',
    );
    expect((await reply('/rapport', 'pause forever', 'UBEN')).text).toContain("I couldn't read");
    const responseUrl = app.fake.responseUrl('join-button');
    await app.interaction({
      type: 'block_actions',
      team: { id: 'T0ACME' },
      user: { id: 'UEVE', team_id: 'T0ACME' },
      api_app_id: 'A0RAPPORT',
      trigger_id: 'trigger.join',
      channel: { id: 'CCOFFEE' },
      response_url: responseUrl,
      actions: [
        { type: 'button', action_id: 'round_join', block_id: 'b', value: 'x', action_ts: '1' },
      ],
    });
    const answer = await app.fake.waitFor(() =>
      app.fake.responses.find((r) => r.path === new URL(responseUrl).pathname),
    );
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.body.text).toContain("You're in!");
  });
});
