import { mrkdwn, renderCard } from '../../src/adapters/slack/render';
import { decodePayload } from '../../src/core/conversation/actions';
import { checkForm } from '../../src/core/conversation/forms';
import { date, plainText, type Text } from '../../src/core/conversation/text';
import { DEFAULT_ROUND_CHANNEL, type RoundChannel } from '../../src/core/domain/rounds';
import { roundLine } from '../../src/core/messages/admin-forms';
import { roundSaved } from '../../src/core/messages/admin-reports';
import { adminsOnly, FALLBACK_EXAMPLES, note, unknownMember } from '../../src/core/messages/common';
import { checkinNotYours, membershipReply, pauseReply } from '../../src/core/messages/rounds';
import { usageText } from '../../src/core/messages/usage';
import type { MembershipResult } from '../../src/core/use-cases/round-membership';
import { tick } from '../../src/scheduler/coordinator';
import { meetRoundJob } from '../../src/scheduler/jobs/rounds';
import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { slackQueue } from '../support/slack-queue';
import { roundFormValues } from '../support/slack-requests';

/** Every piece of text in a Block Kit structure, in order. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(texts)];
}
const shown = (blocks: unknown) => texts(blocks).join('\n');

/** A short private answer as Slack shows it: the core's words, drawn by the Slack renderer. */
const answer = (t: Text) => ({ response_type: 'ephemeral', ...renderCard(note(t)) });

/** What a member is told after joining the round in #coffee. */
const joinedCoffee = (changed: boolean, pausedUntil: Date | null = null, zone = 'UTC') =>
  membershipReply(
    'join',
    { ok: true, channels: [{ channelId: 'CCOFFEE', changed }], pausedUntil, zone },
    FALLBACK_EXAMPLES,
  );

/** #coffee's round as the admin sets it up below. */
const COFFEE: RoundChannel = {
  ...DEFAULT_ROUND_CHANNEL,
  id: 'rc',
  workspaceId: 'ws',
  channelId: 'CCOFFEE',
  timezone: 'Europe/London',
};

describe(`the weekly intro round on Slack (${databaseLabel})`, () => {
  // Monday 30 November 2026, 08:00 in London.
  const clock = movingClock('2026-11-30T08:00:00Z');
  let app: SlackTestApp;
  let queue: ReturnType<typeof slackQueue>;

  beforeAll(async () => {
    // The test drives the queue itself, on its own clock.
    app = await SlackTestApp.start({ clock, queue: false });
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
  const participants = () =>
    app.db
      .selectFrom('round_participants')
      .select(['user_id', 'status'])
      .orderBy('user_id')
      .execute();

  it('lets an admin set up a round channel with the form, and members join', async () => {
    const opened = await app.command('/rapport', 'rounds <#CCOFFEE|coffee>', { user: 'UANA' });
    const view = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    expect(view.args.trigger_id).toBe(opened.triggerId);
    expect(view.args.view.callback_id).toBe('round_channel');

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
          callback_id: view.args.view.callback_id,
          private_metadata: view.args.view.private_metadata,
          state: { values },
        },
      });
    const values = roundFormValues();
    // What is filled in is exactly what the form asked, field by field.
    const inputs = view.args.view.blocks.filter((b: { type: string }) => b.type === 'input');
    expect(inputs.map((b: { block_id: string }) => b.block_id)).toEqual(Object.keys(values));
    expect(
      inputs.every(
        (b: { block_id: string; element: { action_id: string } }) =>
          b.element.action_id === b.block_id,
      ),
    ).toBe(true);

    const tooBig = checkForm('round_channel', {
      channelId: 'CCOFFEE',
      enabled: true,
      everyWeeks: '1',
      weekday: '1',
      hour: '10',
      timezone: 'Europe/London',
      groupSize: '12',
      repeatWindowDays: '180',
      participation: 'opt_in',
      leftover: 'join',
      checkinAfterDays: '3',
    });
    expect(Object.keys(tooBig ?? {})).toEqual(['groupSize']);
    const bad = await submit({ ...values, ...field('groupSize', choice('12')) });
    expect(JSON.parse(bad.text)).toEqual({ response_action: 'errors', errors: tooBig });
    expect(await app.db.selectFrom('round_channels').selectAll().execute()).toEqual([]);

    expect((await submit(values)).status).toBe(200);
    const saved = renderCard(note(roundSaved('CCOFFEE')));
    const dm = await app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.text === saved.text),
    );
    // After saving, the admin hears it by DM: the confirmation, then the rounds as they are.
    expect(dm.args.channel).toBe('UANA');
    expect(dm.args.blocks).toEqual(saved.blocks);
    const list = await app.fake.waitFor(() =>
      app.fake
        .callsTo('chat.postMessage')
        .find((c) => c.args.channel === 'UANA' && c.args.text === 'Intro rounds'),
    );
    expect(shown(list.args.blocks)).toContain(mrkdwn(roundLine(COFFEE)));
    expect(
      await app.db
        .selectFrom('round_channels')
        .select(['channel_id', 'timezone', 'group_size', 'participation', 'checkin_after_days'])
        .execute(),
    ).toEqual([
      {
        channel_id: 'CCOFFEE',
        timezone: 'Europe/London',
        group_size: 2,
        participation: 'opt_in',
        checkin_after_days: 3,
      },
    ]);

    for (const user of ['UANA', 'ULI', 'USAM', 'UPRIYA', 'UBEN'])
      expect(await reply('/rapport', 'join', user)).toMatchObject(answer(joinedCoffee(true)));
    expect(await reply('/rapport', 'join', 'UHELPER')).toMatchObject(answer(unknownMember()));
    expect((await participants()).map((p) => p.user_id)).toEqual([
      'UANA',
      'UBEN',
      'ULI',
      'UPRIYA',
      'USAM',
    ]);
  });

  it('says so when a member joins twice, and changes nothing', async () => {
    await app.quiet();
    const before = await participants();
    const again = await reply('/rapport', 'join', 'ULI');
    expect(again).toMatchObject(answer(joinedCoffee(false)));
    expect(plainText(joinedCoffee(false))).toContain('already in');
    expect(plainText(joinedCoffee(false))).not.toContain("You're in!");
    expect(await participants()).toEqual(before);
  });

  it('tells a guest from another organisation that rounds are for people in it', async () => {
    const before = await participants();
    const guest = await reply('/rapport', 'join <#CCOFFEE|coffee>', 'UKIM');
    // The core's refusal in full; the guest's organisation is not named (Slack gives only an id).
    const refused: MembershipResult = { ok: false, code: 'guest', org: 'T0PARTNER' };
    expect(guest.response_type).toBe('ephemeral');
    const words = shown(guest.blocks);
    expect(words).toBe(mrkdwn(membershipReply('join', refused, FALLBACK_EXAMPLES)));
    expect(words).not.toContain('T0PARTNER');
    expect(words).toContain('for people in this organisation');
    expect(words).not.toContain("You're in");
    // Nothing promised and nothing stored: a guest is never matched.
    expect(await participants()).toEqual(before);
  });

  it('shows the rounds in /rapport admin, whose Change button opens the round form on top', async () => {
    await app.quiet();
    await app.command('/rapport', 'admin', { user: 'UANA' });
    const settings = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    expect(settings.args.view.callback_id).toBe('settings');
    const change = settings.args.view.blocks.find(
      (b: { accessory?: { action_id?: string } }) => b.accessory?.action_id === 'round_edit',
    );
    expect(change.text.text).toBe(mrkdwn(roundLine(COFFEE)));
    expect(change.accessory.value).toBe('CCOFFEE');
    await app.interaction({
      type: 'block_actions',
      team: { id: 'T0ACME' },
      user: { id: 'UANA', team_id: 'T0ACME' },
      api_app_id: 'A0RAPPORT',
      trigger_id: 'trigger.edit',
      view: { id: 'VSETTINGS', type: 'modal', callback_id: 'settings' },
      actions: [
        {
          type: 'button',
          action_id: 'round_edit',
          block_id: 'b',
          value: change.accessory.value,
          action_ts: '1',
        },
      ],
    });
    const pushed = await app.fake.waitFor(() => app.fake.callsTo('views.push')[0]);
    expect(pushed.args.trigger_id).toBe('trigger.edit');
    expect(pushed.args.view.callback_id).toBe('round_channel');
    const channel = pushed.args.view.blocks.find(
      (b: { block_id?: string }) => b.block_id === 'channelId',
    );
    expect(channel.element).toMatchObject({
      action_id: 'channelId',
      initial_conversation: 'CCOFFEE',
    });
    expect(app.fake.callsTo('views.open')).toHaveLength(1);
  });

  it('posts the round, opens a group DM per group, checks in three days later, and records "we met"', async () => {
    await app.quiet();
    clock.set('2026-11-30T10:00:30Z');
    const ran = await tick(app.jobContext(), [meetRoundJob], 'replica');
    expect(ran.map((r) => r.outcome?.note)).toEqual([
      expect.stringMatching(
        /^2 groups \(2 across departments, bound 2\), \d+ department pairs \(bound \d+\), 0 sat out, 0 away$/,
      ),
    ]);
    await queue.settled();

    const summary = app.fake.messages.filter((m) => m.channel === 'CCOFFEE');
    expect(summary.map((m) => m.text)).toEqual(['This round’s intros are out']);
    const summaryCall = app.fake
      .callsTo('chat.postMessage')
      .find((c) => c.args.channel === 'CCOFFEE')!;
    expect(shown(summaryCall.args.blocks)).toContain(
      '5 people in 2 groups, 2 across departments, from 3 departments.',
    );
    const join = summaryCall.args.blocks.find(
      (b: { accessory?: { action_id?: string } }) => b.accessory?.action_id === 'round_join',
    ).accessory;
    // The Join button carries the post's own channel.
    expect(decodePayload(join.value)).toEqual({ c: 'CCOFFEE' });

    const opened = app.fake
      .callsTo('conversations.open')
      .map((c) => String(c.args.users).split(',').sort());
    expect(opened.flat().sort()).toEqual(['UANA', 'UBEN', 'ULI', 'UPRIYA', 'USAM']);
    expect(opened.map((g) => g.length).sort()).toEqual([2, 3]);
    const introCalls = app.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.text === 'Meet each other!');
    expect(introCalls).toHaveLength(2);
    for (const c of introCalls) expect(shown(c.args.blocks)).toMatch(/• <@U[A-Z]+> — /);
    // Everyone works all day here: the shared hours are the round's whole (UTC) day, which
    // Slack shows in each reader's own zone.
    const day = mrkdwn([date('2026-11-30T00:00:00Z', 'UTC', 'time')]);
    const end = mrkdwn([date('2026-12-01T00:00:00Z', 'UTC', 'time')]);
    expect(day).toMatch(/^<!date\^\d+\^\{time\}\|00:00 UTC>$/);
    const hours = (who: string) => `${who} work between ${day} and ${end}.`;
    const sizeOf = (c: { args: Record<string, any> }) =>
      opened.find((g) => `D${g.join('')}` === c.args.channel)?.length;
    const pair = introCalls.find((c) => sizeOf(c) === 2)!;
    const trio = introCalls.find((c) => sizeOf(c) === 3)!;
    expect(shown(pair.args.blocks)).toContain(hours('You both'));
    expect(shown(trio.args.blocks)).toContain(hours('You all'));
    expect(shown(trio.args.blocks)).not.toContain('You both');

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
    expect(checkins.map((c) => c.args.channel).sort()).toEqual(
      introCalls.map((c) => c.args.channel).sort(),
    );

    const buttons = checkins[0]!.args.blocks.find((b: { type: string }) => b.type === 'actions')
      .elements as Array<{ action_id: string; value: string }>;
    expect(buttons.map((b) => b.action_id)).toEqual([
      'checkin_met',
      'checkin_not_yet',
      'checkin_skip',
    ]);
    const groupId = decodePayload(buttons[0]!.value).id!;
    const group = await app.db
      .selectFrom('round_group_members')
      .select('user_id')
      .where('group_id', '=', groupId)
      .execute();
    const members = group.map((g) => g.user_id).sort();
    const channel = checkins[0]!.args.channel as string;
    const press = (user: string, actionId: string) =>
      app.press(user, actionId, buttons[0]!.value, {
        channel: { id: channel },
        container: { type: 'message', message_ts: '1.1', channel_id: channel },
        message: { type: 'message', ts: '1.1', text: checkins[0]!.args.text },
      });
    const outsider = ['UANA', 'UBEN', 'ULI', 'UPRIYA', 'USAM'].find((u) => !members.includes(u))!;
    expect(await press(outsider, 'checkin_met')).toMatchObject({
      replace_original: false,
      ...answer(checkinNotYours()),
    });
    // "We met" settles it for the whole group: the question gives way to the answer.
    const met = await press(members[0]!, 'checkin_met');
    expect(met).toMatchObject({ replace_original: true, text: 'You met!' });
    expect(shown(met.blocks)).toContain(`<@${members[0]}> says you met`);

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
    expect(report.response_type).toBe('ephemeral');
    const text = shown(report.blocks);
    expect(text).toContain('5 people in 2 groups');
    expect(text).toContain('told; ✅ met');
    expect(text).toContain('told; no answer yet');
    expect(text).toContain('Everyone was in a group.');
    // The figures the round job stored with the round.
    const stored = await app.db
      .selectFrom('rounds')
      .select(['department_pairs', 'department_pairs_bound'])
      .executeTakeFirstOrThrow();
    expect(stored.department_pairs).toBeGreaterThan(0);
    expect(text).toContain(
      `Department pairs linked: ${stored.department_pairs} of a possible ${stored.department_pairs_bound}.`,
    );
    expect(text).toMatch(/<@U[A-Z]+>, <@U[A-Z]+>: told/);
    expect(await reply('/rapport', 'round', 'ULI')).toMatchObject(answer(adminsOnly()));
  });

  it('lets a member pause for a while and join from the round post', async () => {
    // Thursday 3 December in New York: two weeks is through Wednesday the 16th.
    const paused = await reply('/rapport', 'pause 2w', 'UBEN');
    const lastDay = new Date('2026-12-16T05:00:00Z');
    expect(paused).toMatchObject(answer(pauseReply(lastDay, 'America/New_York')));
    expect(paused.text).toContain('through Wednesday 16 December 2026.');
    const forever = await reply('/rapport', 'pause forever', 'UBEN');
    expect(forever).toMatchObject(
      answer(usageText({ code: 'pause_unreadable', typed: 'forever' }, FALLBACK_EXAMPLES)),
    );

    // Eve presses Join on the round's post.
    const post = app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCOFFEE')!;
    const { value } = post.args.blocks.find(
      (b: { accessory?: { action_id?: string } }) => b.accessory?.action_id === 'round_join',
    ).accessory;
    const joined = await app.press('UEVE', 'round_join', value, {
      channel: { id: 'CCOFFEE' },
      container: { type: 'message', message_ts: '1.1', channel_id: 'CCOFFEE' },
      message: { type: 'message', ts: '1.1', text: 'This round’s intros are out' },
    });
    expect(joined).toMatchObject({ replace_original: false, ...answer(joinedCoffee(true)) });
    expect(await participants()).toContainEqual({ user_id: 'UEVE', status: 'in' });
  });

  it('reads "pause until jan 15" as every other date and names the day typed', async () => {
    const paused = await reply('/rapport', 'pause until jan 15', 'USAM');
    // Sam is in London: through Friday 15 January 2027, back the morning after.
    const lastDay = new Date('2027-01-15T00:00:00Z');
    expect(paused).toMatchObject(answer(pauseReply(lastDay, 'Europe/London')));
    expect(paused.text).toContain('through Friday 15 January 2027');
    const row = await app.db
      .selectFrom('members')
      .select('paused_until')
      .where('user_id', '=', 'USAM')
      .executeTakeFirstOrThrow();
    expect(row.paused_until).toEqual(new Date('2027-01-16T00:00:00Z'));
    // Joining again while paused says when the pause ends: the morning after the day typed.
    const again = await reply('/rapport', 'join', 'USAM');
    expect(again).toMatchObject(
      answer(joinedCoffee(false, new Date('2027-01-16T00:00:00Z'), 'Europe/London')),
    );
    expect(shown(again.blocks)).toContain('paused through Friday 15 January 2027');
  });
});
