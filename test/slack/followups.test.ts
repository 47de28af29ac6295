import { tick } from '../../src/scheduler/coordinator';
import { remindersJob } from '../../src/scheduler/jobs/reminders';
import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { slackQueue } from '../support/slack-queue';

describe(`/followup and its reminders on Slack (${databaseLabel})`, () => {
  // Monday 30 November 2026, 15:00 UTC: 10:00 for Li in New York, 23:00 for Ana in Singapore.
  const clock = movingClock('2026-11-30T15:00:00Z');
  let app: SlackTestApp;
  let queue: ReturnType<typeof slackQueue>;

  beforeAll(async () => {
    app = await SlackTestApp.start({ clock });
    await app.directorySynced();
    queue = slackQueue(app, clock, 'followups-test');
    queue.start();
  });
  afterAll(async () => {
    await queue?.stop();
    await app?.close();
  });

  const say = async (text: string, user: string) =>
    (await (await app.command('/followup', text, { user })).reply()).body;
  const reminders = () =>
    app.db
      .selectFrom('reminders')
      .select(['id', 'member_id', 'other_member_id', 'about', 'due_at', 'status', 'version'])
      .orderBy('created_at')
      .orderBy('member_id')
      .execute();
  const runJob = async (at: string) => {
    clock.set(at);
    const [ran] = await tick(app.jobContext(), [remindersJob], 'replica');
    await queue.settled();
    return ran?.outcome?.note;
  };
  const reminderDms = () =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.text === 'Time to follow up');
  const press = (user: string, actionId: string, value: string, ephemeral = false) =>
    app.press(user, actionId, value, {
      container: { type: 'message', message_ts: '1.1', is_ephemeral: ephemeral },
    });

  it('sets a follow-up in the member’s own calendar and answers privately', async () => {
    const li = await say('<@USAM|sam> tomorrow about the roadmap', 'ULI');
    expect(li).toMatchObject({ response_type: 'ephemeral' });
    expect(li.text).toBe(
      "Got it: I'll remind you to follow up with <@USAM> on Tuesday 1 December at 09:00, about the roadmap. `/followup list` shows what is coming up.",
    );
    // For Ana it is already Monday night: tomorrow is Tuesday in Singapore too.
    const ana = await say('<@ULI|li> tomorrow', 'UANA');
    expect(ana.text).toContain('on Tuesday 1 December at 09:00.');
    expect((await reminders()).map((r) => [r.member_id, r.other_member_id, r.due_at])).toEqual([
      ['ULI', 'USAM', new Date('2026-12-01T14:00:00Z')],
      ['UANA', 'ULI', new Date('2026-12-01T01:00:00Z')],
    ]);
  });

  it('refuses bad dates and bad people privately, with examples, storing nothing', async () => {
    const cases: Array<[string, string]> = [
      ['<@USAM|sam> someday', 'I couldn\'t tell when "someday" is.'],
      ['<@USAM|sam> yesterday', 'That date has passed.'],
      ['<@USAM|sam> on 2027-02-30', '2027-02-30 is not a date.'],
      ['<@USAM|sam>', 'When should I remind you?'],
      ['tomorrow', 'Who? Mention one person with @.'],
      ['<@USAM|sam> <@UBEN|ben> tomorrow', 'One person at a time, please.'],
      ['<!subteam^S1|@eng> tomorrow', 'Follow-ups are with one person, not a group.'],
      ['<@ULI|li> tomorrow', "You can't follow up with yourself."],
      ['<@UHELPER|helper> tomorrow', 'Helper Bot is a bot'],
      ['<@UGONE|gone> tomorrow', 'Former Colleague is no longer active'],
      ['<@UNOBODY|x> tomorrow', "I don't know who UNOBODY is."],
    ];
    for (const [text, says] of cases) {
      const reply = await say(text, 'ULI');
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain(says);
    }
    expect(await reminders()).toHaveLength(2);
  });

  it('lists what is pending, soonest first, with a way to cancel each', async () => {
    await say('<@UBEN|ben> in 2 weeks about the offsite', 'ULI');
    const list = await say('list', 'ULI');
    const text = JSON.stringify(list.blocks);
    expect(list.text).toBe('Your follow-ups');
    expect(text.indexOf('<@USAM>')).toBeLessThan(text.indexOf('<@UBEN>'));
    expect(text).toContain('the offsite');
    expect(text.match(/"action_id":"reminder_cancel"/g)).toHaveLength(2);
    expect((await say('list', 'UEVE')).text).toContain('No follow-ups coming up.');
  });

  it('sends each reminder at the start of its member’s working day, not before', async () => {
    await app.quiet();
    expect(await runJob('2026-12-01T00:59:00Z')).toBe('nothing due');
    expect(reminderDms()).toHaveLength(0);
    // 09:00 in Singapore: Ana's, and only hers.
    await runJob('2026-12-01T01:00:30Z');
    expect(reminderDms().map((c) => c.args.channel)).toEqual(['UANA']);
    await runJob('2026-12-01T13:58:00Z');
    expect(reminderDms()).toHaveLength(1);
    // 09:00 in New York: Li's.
    await runJob('2026-12-01T14:00:30Z');
    const [, li] = reminderDms();
    expect(li!.args.channel).toBe('ULI');
    const blocks = JSON.stringify(li!.args.blocks);
    expect(blocks).toContain('Time to follow up with <@USAM>');
    expect(blocks).toContain('About: the roadmap');
    for (const action of [
      'reminder_done',
      'reminder_snooze_day',
      'reminder_snooze_week',
      'reminder_cancel',
    ])
      expect(blocks).toContain(`"action_id":"${action}"`);
    // Running again sends nothing twice.
    await runJob('2026-12-01T14:05:30Z');
    expect(reminderDms()).toHaveLength(2);
  });

  it('snoozes to the start of a later working day, and sends again then', async () => {
    const li = (await reminders()).find(
      (r) => r.member_id === 'ULI' && r.other_member_id === 'USAM',
    )!;
    const snoozed = await press('ULI', 'reminder_snooze_day', li.id);
    expect(snoozed).toMatchObject({ replace_original: true });
    expect(snoozed.text).toBe(
      "Snoozed: I'll remind you about <@USAM> again on Wednesday 2 December at 09:00.",
    );
    const after = (await reminders()).find((r) => r.id === li.id)!;
    expect([after.due_at, after.version, after.status]).toEqual([
      new Date('2026-12-02T14:00:00Z'),
      1,
      'pending',
    ]);
    await app.quiet();
    await runJob('2026-12-02T14:00:30Z');
    expect(reminderDms().map((c) => c.args.channel)).toEqual(['ULI']);
  });

  it('drops a reminder message that was snoozed before it went out', async () => {
    const ana = (await reminders()).find((r) => r.member_id === 'UANA')!;
    await press('UANA', 'reminder_snooze_week', ana.id);
    // A week later the reminder is queued, and Ana snoozes it again (from her earlier
    // message, say) before any worker gets to it.
    await queue.stop();
    await app.quiet();
    clock.set('2026-12-09T01:00:30Z');
    await tick(app.jobContext(), [remindersJob], 'replica');
    expect((await press('UANA', 'reminder_snooze_day', ana.id)).text).toContain(
      'again on Thursday 10 December at 09:00',
    );
    queue.start();
    await queue.settled();
    const stale = await app.db
      .selectFrom('deliveries')
      .select(['status', 'last_error'])
      .where('dedupe_key', '=', `reminder:${ana.id}:1`)
      .executeTakeFirstOrThrow();
    expect(stale).toEqual({ status: 'skipped', last_error: 'the reminder was snoozed' });
    expect(reminderDms()).toHaveLength(0);
  });

  it('Done records an interaction once; Cancel stops a reminder for good', async () => {
    const li = (await reminders()).find(
      (r) => r.member_id === 'ULI' && r.other_member_id === 'USAM',
    )!;
    expect((await press('USAM', 'reminder_done', li.id)).text).toBe(
      'This reminder is for someone else.',
    );
    const done = await press('ULI', 'reminder_done', li.id);
    expect(done.text).toBe(
      'Done: nice work keeping in touch with <@USAM>. It counts toward your network.',
    );
    expect((await press('ULI', 'reminder_done', li.id)).text).toBe(
      'This reminder is already done.',
    );
    const interactions = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'source', 'source_ref'])
      .where('source', '=', 'followup')
      .execute();
    expect(interactions).toEqual([
      { member_id: 'ULI', other_member_id: 'USAM', source: 'followup', source_ref: li.id },
    ]);

    const ben = (await reminders()).find((r) => r.other_member_id === 'UBEN')!;
    const cancelled = await press('ULI', 'reminder_cancel', ben.id, true);
    expect(cancelled).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(cancelled.text).toBe('Cancelled the reminder about <@UBEN>.');
    await app.quiet();
    await runJob('2026-12-14T14:00:30Z');
    expect(reminderDms().filter((c) => c.args.channel === 'ULI')).toHaveLength(0);
    expect((await press('ULI', 'reminder_snooze_day', 'not-an-id')).text).toBe(
      'I could not find that reminder any more.',
    );
  });
});
