import { renderCard } from '../../src/adapters/slack/render';
import type { Text } from '../../src/core/conversation/text';
import type { Member } from '../../src/core/domain/member';
import { FALLBACK_EXAMPLES, note } from '../../src/core/messages/common';
import {
  counterpartText,
  followupList,
  followupSetReply,
  reminderAnswerReply,
} from '../../src/core/messages/followups';
import { usageText } from '../../src/core/messages/usage';
import { tick } from '../../src/scheduler/coordinator';
import { remindersJob } from '../../src/scheduler/jobs/reminders';
import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { slackQueue } from '../support/slack-queue';

/** What Slack shows for a short answer the core words as `t`: a plain summary, mrkdwn blocks. */
const slack = (t: Text) => renderCard(note(t));

/** The mrkdwn of a message's sections and small print, one per line (no button labels). */
function shown(body: { blocks?: unknown }): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    Object.values(o).forEach(walk);
  };
  walk(body.blocks);
  return out.join('\n');
}

/** A moment as Slack draws it in each reader's zone, with the words for clients that cannot. */
const moment = (iso: string, words: string) =>
  `<!date^${Date.parse(iso) / 1000}^{date_long_pretty} {time}|${words}>`;

describe(`/followup and its reminders on Slack (${databaseLabel})`, () => {
  // Monday 30 November 2026, 15:00 UTC: 10:00 for Li in New York, 23:00 for Ana in Singapore.
  const clock = movingClock('2026-11-30T15:00:00Z');
  let app: SlackTestApp;
  let queue: ReturnType<typeof slackQueue>;
  let workspaceId: string;
  let sam: Member;
  let ben: Member;

  beforeAll(async () => {
    app = await SlackTestApp.start({ clock, queue: false });
    await app.directorySynced();
    workspaceId = await app.workspaceId();
    const member = async (id: string) => (await app.jobContext().useCases.member(workspaceId, id))!;
    [sam, ben] = [await member('USAM'), await member('UBEN')];
    queue = slackQueue(app, clock, 'followups-test');
    queue.start();
  });
  afterAll(async () => {
    await queue?.stop();
    await app?.close();
  });

  // Examples in error answers name two real colleagues, from other departments first: for Li
  // (and Eve) Ana and Ben, never the asker, so that following one works.
  const li = { ...FALLBACK_EXAMPLES, person: '@Ana Silva', other: '@Ben Carter' };

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
  /** Presses a button on a reminder in the member's DM, or on an ephemeral message. */
  const press = (user: string, actionId: string, value: string, ephemeral = false) =>
    app.press(user, actionId, value, {
      container: { type: 'message', message_ts: '1.1', is_ephemeral: ephemeral },
      // Slack sends the message pressed, except for an ephemeral one.
      ...(!ephemeral && { message: { type: 'message', ts: '1.1', text: 'Time to follow up' } }),
    });

  it('sets a follow-up in the member’s own calendar and answers privately', async () => {
    const set = await say('<@USAM|sam> tomorrow about the roadmap', 'ULI');
    expect(set).toMatchObject({ response_type: 'ephemeral' });
    expect(set).toMatchObject(
      slack(
        followupSetReply(
          {
            ok: true,
            other: sam,
            due: new Date('2026-12-01T14:00:00Z'),
            zone: 'America/New_York',
            about: 'the roadmap',
            defaulted: false,
          },
          li,
        ),
      ),
    );
    // Sam is pinged, the moment shows in each reader's zone, the summary says it in Li's.
    expect(shown(set)).toContain(
      `<@USAM> on ${moment('2026-12-01T14:00:00Z', 'Tuesday 1 December at 09:00')}, about the roadmap.`,
    );
    expect(set.text).toContain('Sam Okafor on Tuesday 1 December at 09:00, about the roadmap.');
    // For Ana it is already Monday night: tomorrow is Tuesday in Singapore too.
    const ana = await say('<@ULI|li> tomorrow', 'UANA');
    expect(ana.text).toContain('on Tuesday 1 December at 09:00.');
    expect((await reminders()).map((r) => [r.member_id, r.other_member_id, r.due_at])).toEqual([
      ['ULI', 'USAM', new Date('2026-12-01T14:00:00Z')],
      ['UANA', 'ULI', new Date('2026-12-01T01:00:00Z')],
    ]);
  });

  it('refuses bad dates and bad people privately, with examples, storing nothing', async () => {
    const cases: Array<[string, Text]> = [
      ['<@USAM|sam> someday', usageText({ code: 'when_unreadable', typed: 'someday' }, li)],
      ['<@USAM|sam> yesterday', usageText({ code: 'when_passed' }, li)],
      [
        '<@USAM|sam> on 2027-02-30',
        usageText({ code: 'when_not_a_date', typed: '2027-02-30' }, li),
      ],
      ['tomorrow', usageText({ code: 'followup_who' }, li)],
      ['<@USAM|sam> <@UBEN|ben> tomorrow', usageText({ code: 'followup_one' }, li)],
      ['<!subteam^S1|@eng> tomorrow', usageText({ code: 'followup_group' }, li)],
      ['<@ULI|li> tomorrow', counterpartText('self', 'Li Wei', 'follow up with')],
      ['<@UHELPER|helper> tomorrow', counterpartText('bot', 'Helper Bot', 'follow up with')],
      [
        '<@UGONE|gone> tomorrow',
        counterpartText('deactivated', 'Former Colleague', 'follow up with'),
      ],
      ['<@UNOBODY|x> tomorrow', counterpartText('unknown', 'UNOBODY', 'follow up with')],
    ];
    for (const [typed, says] of cases) {
      const reply = await say(typed, 'ULI');
      expect(reply.response_type).toBe('ephemeral');
      expect(reply).toMatchObject(slack(says));
    }
    expect(shown(await say('<@USAM|sam> someday', 'ULI'))).toContain(
      'For example: `/followup @Ana Silva tomorrow`',
    );
    expect(await reminders()).toHaveLength(2);
  });

  it('lists what is pending, soonest first, with a way to cancel each', async () => {
    await say('<@UBEN|ben> in 2 weeks about the offsite', 'ULI');
    const list = await say('list', 'ULI');
    const text = shown(list);
    expect(list.text).toBe('Your follow-ups');
    expect(text).toContain('1. ');
    expect(text.indexOf('<@USAM>')).toBeLessThan(text.indexOf('<@UBEN>'));
    expect(text).toContain('<@UBEN> — the offsite');
    expect(JSON.stringify(list.blocks).match(/"action_id":"reminder_cancel"/g)).toHaveLength(2);
    const eve = await say('list', 'UEVE');
    expect(eve).toMatchObject(renderCard(followupList([], 'Europe/Paris', li)));
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
    const [, dm] = reminderDms();
    expect(dm!.args.channel).toBe('ULI');
    const blocks = shown(dm!.args);
    expect(blocks).toContain('*Time to follow up with* <@USAM>');
    expect(blocks).toContain('About: the roadmap');
    expect(blocks).toContain('You set this reminder on Monday 30 November 2026.');
    const id = (await reminders()).find((r) => r.member_id === 'ULI')!.id;
    const buttons = (dm!.args.blocks as Array<{ elements?: Array<Record<string, string>> }>)
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.type === 'button');
    // Each button carries the reminder's id as its value, as earlier releases wrote it.
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual([
      ['reminder_done', id],
      ['reminder_snooze_day', id],
      ['reminder_snooze_week', id],
      ['reminder_cancel', id],
    ]);
    // Running again sends nothing twice.
    await runJob('2026-12-01T14:05:30Z');
    expect(reminderDms()).toHaveLength(2);
  });

  it('snoozes to the start of a later working day, and sends again then', async () => {
    const reminder = (await reminders()).find(
      (r) => r.member_id === 'ULI' && r.other_member_id === 'USAM',
    )!;
    const snoozed = await press('ULI', 'reminder_snooze_day', reminder.id);
    // The reminder gives way to the answer, its buttons spent.
    expect(snoozed).toMatchObject({
      replace_original: true,
      ...slack(
        reminderAnswerReply({
          ok: true,
          action: 'snooze_day',
          other: sam,
          due: new Date('2026-12-02T14:00:00Z'),
          zone: 'America/New_York',
        }),
      ),
    });
    expect(shown(snoozed)).toContain(
      `<@USAM> again on ${moment('2026-12-02T14:00:00Z', 'Wednesday 2 December at 09:00')}.`,
    );
    expect(JSON.stringify(snoozed.blocks)).not.toContain('"type":"button"');
    const after = (await reminders()).find((r) => r.id === reminder.id)!;
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
    const reminder = (await reminders()).find(
      (r) => r.member_id === 'ULI' && r.other_member_id === 'USAM',
    )!;
    expect(await press('USAM', 'reminder_done', reminder.id)).toMatchObject({
      replace_original: false,
      ...slack(reminderAnswerReply({ ok: false, code: 'not_yours' })),
    });
    const done = await press('ULI', 'reminder_done', reminder.id);
    expect(done).toMatchObject({
      replace_original: true,
      ...slack(
        reminderAnswerReply({
          ok: true,
          action: 'done',
          other: sam,
          due: new Date('2026-12-02T14:00:00Z'),
          zone: 'America/New_York',
        }),
      ),
    });
    expect(shown(done)).toContain('<@USAM>');
    expect(await press('ULI', 'reminder_done', reminder.id)).toMatchObject(
      slack(reminderAnswerReply({ ok: false, code: 'already', status: 'done' })),
    );
    const interactions = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'source', 'source_ref'])
      .where('source', '=', 'followup')
      .execute();
    expect(interactions).toEqual([
      { member_id: 'ULI', other_member_id: 'USAM', source: 'followup', source_ref: reminder.id },
    ]);

    // From /followup list, an ephemeral message: the answer is a new ephemeral note.
    const offsite = (await reminders()).find((r) => r.other_member_id === 'UBEN')!;
    const cancelled = await press('ULI', 'reminder_cancel', offsite.id, true);
    expect(cancelled).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      ...slack(
        reminderAnswerReply({
          ok: true,
          action: 'cancel',
          other: ben,
          due: offsite.due_at,
          zone: 'America/New_York',
        }),
      ),
    });
    expect(shown(cancelled)).toContain('<@UBEN>');
    await app.quiet();
    await runJob('2026-12-14T14:00:30Z');
    expect(reminderDms().filter((c) => c.args.channel === 'ULI')).toHaveLength(0);
    expect(await press('ULI', 'reminder_snooze_day', 'not-an-id')).toMatchObject(
      slack(reminderAnswerReply({ ok: false, code: 'gone' })),
    );
  });

  it('with no date, sets the follow-up a week ahead and says so', async () => {
    // Monday 14 December, 20:30 for Priya in Kolkata: a week from today is Monday 21 December,
    // and the reminder comes at the start of her working day then.
    clock.set('2026-12-14T15:00:00Z');
    const due = new Date('2026-12-21T03:30:00Z');
    const set = await say('<@USAM|sam>', 'UPRIYA');
    expect(set).toMatchObject({
      response_type: 'ephemeral',
      ...slack(
        followupSetReply(
          { ok: true, other: sam, due, zone: 'Asia/Kolkata', about: null, defaulted: true },
          li,
        ),
      ),
    });
    expect(set.text).toContain("You didn't say when, so I picked a week from now.");
    expect(shown(set)).toContain(
      `<@USAM> in a week, on ${moment(due.toISOString(), 'Monday 21 December at 09:00')}.`,
    );
    const priya = (await reminders()).filter((r) => r.member_id === 'UPRIYA');
    expect(priya.map((r) => [r.other_member_id, r.due_at, r.about, r.status])).toEqual([
      ['USAM', due, null, 'pending'],
    ]);
  });

  it('numbers /followup list, and /followup cancel <n> cancels the one with that number', async () => {
    await say('<@UBEN|ben> in 2 weeks about the offsite', 'UPRIYA');
    await say('<@UEVE|eve> tomorrow', 'UPRIYA');
    const pending = (await reminders())
      .filter((r) => r.member_id === 'UPRIYA' && r.status === 'pending')
      .sort((a, b) => a.due_at.getTime() - b.due_at.getTime());
    expect(pending.map((r) => r.other_member_id)).toEqual(['UEVE', 'USAM', 'UBEN']);
    /** Each line of the list, and the reminder its Cancel button cancels. */
    const listed = async () => {
      const list = await say('list', 'UPRIYA');
      return (list.blocks as Array<{ text?: { text: string }; accessory?: Record<string, string> }>)
        .filter((b) => b.accessory?.action_id === 'reminder_cancel')
        .map((b) => [b.text!.text, b.accessory!.value]);
    };
    const before = await listed();
    expect(before.map(([line]) => line)).toEqual([
      expect.stringMatching(/^1\. <!date\^\d+\^.*>: <@UEVE>$/),
      expect.stringMatching(/^2\. <!date\^\d+\^.*>: <@USAM>$/),
      expect.stringMatching(/^3\. <!date\^\d+\^.*>: <@UBEN> — the offsite$/),
    ]);
    expect(before.map(([, id]) => id)).toEqual(pending.map((r) => r.id));

    const sam2 = pending[1]!;
    expect(await say('cancel 2', 'UPRIYA')).toMatchObject({
      response_type: 'ephemeral',
      ...slack(
        reminderAnswerReply({
          ok: true,
          action: 'cancel',
          other: sam,
          due: sam2.due_at,
          zone: 'Asia/Kolkata',
        }),
      ),
    });
    const after = await reminders();
    expect(
      after.filter((r) => r.member_id === 'UPRIYA').map((r) => [r.other_member_id, r.status]),
    ).toEqual([
      ['USAM', 'cancelled'],
      ['UBEN', 'pending'],
      ['UEVE', 'pending'],
    ]);
    // What is left is numbered again from 1.
    expect((await listed()).map(([, id]) => id)).toEqual([pending[0]!.id, pending[2]!.id]);

    // A number that is not on the list is answered with how many there are.
    for (const typed of ['cancel 3', 'cancel 0', 'cancel', 'cancel the second'])
      expect(await say(typed, 'UPRIYA')).toMatchObject(
        slack(usageText({ code: 'followup_cancel_which', count: 2 }, li)),
      );
    expect((await say('cancel 3', 'UPRIYA')).text).toContain('from 1 to 2');
    expect(
      (await reminders()).filter((r) => r.member_id === 'UPRIYA' && r.status === 'pending'),
    ).toHaveLength(2);
  });
});
