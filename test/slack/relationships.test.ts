import { mrkdwn, renderCard } from '../../src/adapters/slack/render';
import { plainText, type Text } from '../../src/core/conversation/text';
import type { Member } from '../../src/core/domain/member';
import { FALLBACK_EXAMPLES, note, optedOut } from '../../src/core/messages/common';
import { counterpartText } from '../../src/core/messages/followups';
import {
  mentorshipDeclared,
  mentorshipReply,
  mentorshipUndone,
  metReply,
  nudgesReply,
  nudgesStatus,
  participationReply,
} from '../../src/core/messages/member';
import {
  introAnswerReply,
  introRequestReply,
  meaningfulRule,
} from '../../src/core/messages/network';
import { resumeReply } from '../../src/core/messages/rounds';
import { usageText } from '../../src/core/messages/usage';
import { tick } from '../../src/scheduler/coordinator';
import { weeklyNetworkJob } from '../../src/scheduler/jobs/weekly-network';
import { welcomeJob } from '../../src/scheduler/jobs/welcomes';
import type { SlackUser } from '../../src/adapters/slack/directory';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { DEPARTMENT_FIELD, TEAM_ID } from '../support/slack-team';
import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { seedInteraction } from '../support/organisation';
import { SlackTestApp } from '../support/slack-app';
import { slackQueue } from '../support/slack-queue';
import { until } from '../support/wait';

const DAY = 86_400_000;

/** What Slack shows for a short answer the core words as `t`: a plain summary, mrkdwn blocks. */
const slack = (t: Text) => renderCard(note(t));

/** The mrkdwn of a message's sections, fields and small print, one per line (no button labels). */
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

// Examples in error answers name two real colleagues, from other departments first, never the
// asker: for Sam, in Engineering, Ana and Ben.
const COLLEAGUES = { ...FALLBACK_EXAMPLES, person: '@Ana Silva', other: '@Ben Carter' };

describe(`relationships, nudges and introductions on Slack (${databaseLabel})`, () => {
  // Wednesday 2 December 2026, 15:00 UTC: 10:00 in New York, where most of Acme works.
  const clock = movingClock('2026-12-02T15:00:00Z');
  const NOW = Date.parse('2026-12-02T15:00:00Z');
  let app: SlackTestApp;
  let queue: ReturnType<typeof slackQueue>;
  let workspaceId: string;
  let ana: Member;

  const met = (a: string, b: string, daysAgo: number, source = 'round') =>
    seedInteraction(app.db, workspaceId, [a, b], new Date(NOW - daysAgo * DAY), source);

  beforeAll(async () => {
    // The test sends the queue itself: the weekly DMs must wait while Li thanks Ben.
    app = await SlackTestApp.start({ clock, queue: false });
    await app.directorySynced();
    workspaceId = await app.workspaceId();
    ana = (await app.jobContext().useCases.member(workspaceId, 'UANA'))!;
    // Li met Sam and Ben two months ago and followed up; nothing since.
    for (const other of ['USAM', 'UBEN', 'UQUIET', 'UGONE']) {
      await met('ULI', other, 60);
      await met('ULI', other, 59, 'followup');
    }
    await met('UPRIYA', 'ULI', 5, 'kudos');
    // Sam knows Ana: Ana is someone Li might meet, through Sam.
    await met('USAM', 'UANA', 10);
    await met('USAM', 'UANA', 9, 'followup');
    queue = slackQueue(app, clock, 'relationships-test');
    queue.start();
  });
  afterAll(async () => {
    await queue?.stop();
    await app?.close();
  });

  const rapport = async (text: string, user: string) =>
    (await (await app.command('/rapport', text, { user })).reply()).body;
  const weeklyDms = () =>
    app.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.text === 'Your week in relationships');
  /** Presses a button on a message in the member's DM (Slack sends the message pressed). */
  const press = (user: string, actionId: string, value: string) =>
    app.press(user, actionId, value, {
      message: { type: 'message', ts: '1.1', text: 'Rapport' },
    });

  it('records a meeting and a mentorship, and shows them in the network', async () => {
    const noted = await rapport('met <@UPRIYA|priya>', 'USAM');
    expect(noted).toMatchObject({
      response_type: 'ephemeral',
      ...slack(
        metReply(
          { ok: true, met: [{ userId: 'UPRIYA', name: 'Priya Natarajan' }], already: [] },
          COLLEAGUES,
        ),
      ),
    });
    expect(shown(noted)).toContain('you met <@UPRIYA>.');
    expect(await rapport('met', 'USAM')).toMatchObject(
      slack(usageText({ code: 'met_who' }, COLLEAGUES)),
    );
    expect(await rapport('met <@USAM|sam>', 'USAM')).toMatchObject(
      slack(counterpartText('self', 'Sam Okafor', 'record a meeting with')),
    );
    expect(await rapport('met <@UHELPER|bot>', 'USAM')).toMatchObject(
      slack(counterpartText('bot', 'Helper Bot', 'record a meeting with')),
    );
    const mentor = await rapport('mentor <@UANA|ana>', 'USAM');
    expect(mentor).toMatchObject(
      slack(mentorshipReply({ ok: true, declared: true, role: 'mentor', other: ana })),
    );
    expect(shown(mentor)).toContain('<@UANA> is your mentor.');
    expect(await rapport('mentor <@UANA|ana>', 'USAM')).toMatchObject(
      slack(mentorshipReply({ ok: true, declared: false, role: 'mentor', other: ana })),
    );
    expect(await rapport('mentor', 'USAM')).toMatchObject(
      slack(usageText({ code: 'mentor_who', role: 'mentor' }, COLLEAGUES)),
    );
    const me = shown(await rapport('me', 'USAM'));
    expect(me).toContain('1 mentor/mentee');
    // Ana (met and followed up last week) is meaningful; Li (two months ago) is going cold.
    expect(me).toContain('*Meaningful relationships*\n1 of the 15–20');
    expect(me).toContain('*Meaningful:* <@UANA>.');
    expect(me).toContain('*Going cold:* <@ULI>.');
    expect(await rapport('mentor <@UANA|ana> off', 'USAM')).toMatchObject(
      slack(mentorshipReply({ ok: true, ended: true, otherName: 'Ana Silva' })),
    );
    expect(await rapport('mentee <@UANA|ana> off', 'USAM')).toMatchObject(
      slack(mentorshipReply({ ok: true, ended: false, otherName: 'Ana Silva' })),
    );
    // A meeting is the pair's, whoever of the two said so.
    const interactions = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'source'])
      .where('source', '=', 'manual')
      .execute();
    expect(interactions).toEqual([
      { member_id: 'UPRIYA', other_member_id: 'USAM', source: 'manual' },
    ]);
  });

  it('lets a member turn nudges off or change their cadence, and refuses nonsense', async () => {
    const every = await rapport('nudges every 4 weeks', 'UPRIYA');
    expect(every).toMatchObject(
      slack(nudgesReply({ ok: true, changed: true, enabled: true, cadenceDays: 28 })),
    );
    expect(every.text).toContain("haven't been in touch with for 4 weeks");
    // Alone, it says how they are set.
    expect(await rapport('nudges', 'UPRIYA')).toMatchObject(
      slack(nudgesStatus({ enabled: true, cadenceDays: 28 })),
    );
    expect(await rapport('nudges sometimes', 'UPRIYA')).toMatchObject(
      slack(usageText({ code: 'nudges_unreadable', typed: 'sometimes' }, COLLEAGUES)),
    );
    expect(await rapport('nudges off', 'UEVE')).toMatchObject(
      slack(nudgesReply({ ok: true, changed: true, enabled: false, cadenceDays: 42 })),
    );
    const rows = await app.db
      .selectFrom('members')
      .select(['user_id', 'nudges_enabled', 'nudge_cadence_days'])
      .where('user_id', 'in', ['UPRIYA', 'UEVE'])
      .orderBy('user_id')
      .execute();
    expect(rows).toEqual([
      { user_id: 'UEVE', nudges_enabled: false, nudge_cadence_days: 42 },
      { user_id: 'UPRIYA', nudges_enabled: true, nudge_cadence_days: 28 },
    ]);
  });

  it('sends the weekly DM to those who take part, never naming someone they were in touch with since', async () => {
    await rapport('optout', 'UQUIET');
    await rapport('pause 2w', 'UBEN');
    await app.quiet();
    // The DMs are queued; before any goes out, Li thanks Ben.
    await queue.stop();
    const [ran] = await tick(app.jobContext(), [weeklyNetworkJob], 'replica');
    expect(ran!.outcome?.note).toMatch(/weekly DMs/);
    await (
      await app.command('/kudos', '<@UBEN|ben> thanks for the handover', { user: 'ULI' })
    ).reply();
    queue.start();
    await queue.settled();

    const li = weeklyDms().find((c) => c.args.channel === 'ULI')!;
    const text = shown(li.args);
    expect(text).toContain(
      '*Keep in touch:* it has been a while with <@USAM> (last in touch Sunday 4 October 2026).',
    );
    expect(text).not.toContain('<@UBEN>');
    // Quiet opted out and Gone left: neither is named, nor messaged.
    expect(text).not.toContain('<@UQUIET>');
    expect(text).not.toContain('<@UGONE>');
    // Someone to meet, through someone both know.
    expect(text).toContain('<@UANA> · Product: you both know <@USAM>');
    const actions = JSON.stringify(li.args.blocks);
    expect(actions).toContain('"action_id":"suggestion_introduce"');
    expect(actions).toContain('"action_id":"suggestion_not_now"');
    const told = weeklyDms().map((c) => c.args.channel);
    expect(new Set(told).size).toBe(told.length);
    for (const away of ['UQUIET', 'UBEN', 'UGONE', 'UHELPER', 'UKIM'])
      expect(told).not.toContain(away);
    // Running the job again the same week sends nothing twice.
    await tick(app.jobContext(), [weeklyNetworkJob], 'replica');
    await queue.settled();
    expect(weeklyDms().filter((c) => c.args.channel === 'ULI')).toHaveLength(1);
  });

  it('asks the other person first: Not now opens nothing', async () => {
    await app.quiet();
    const asked = await press(
      'ULI',
      'suggestion_introduce',
      JSON.stringify({ u: 'UANA', m: 'USAM' }),
    );
    expect(asked).toMatchObject({
      replace_original: false,
      ...slack(introRequestReply({ ok: true, targetName: 'Ana Silva', mutualName: 'Sam Okafor' })),
    });
    expect(
      await press('ULI', 'suggestion_introduce', JSON.stringify({ u: 'UANA', m: 'USAM' })),
    ).toMatchObject(
      slack(introRequestReply({ ok: false, code: 'already_waiting', name: 'Ana Silva' })),
    );
    // Ana is in Singapore: the question waits for her working morning.
    clock.set('2026-12-03T01:00:30Z');
    await queue.settled();
    const question = app.fake
      .callsTo('chat.postMessage')
      .find((c) => c.args.text === 'Someone would like to meet you')!;
    expect(question.args.channel).toBe('UANA');
    expect(JSON.stringify(question.args.blocks)).toContain('you both know <@USAM>');
    const introId = question.args.blocks[1].elements[0].value as string;
    expect(await press('ULI', 'intro_accept', introId)).toMatchObject({
      replace_original: false,
      ...slack(introAnswerReply({ ok: false, code: 'not_yours' })),
    });
    // The question gives way to the answer, its buttons spent.
    const declined = await press('UANA', 'intro_decline', introId);
    expect(declined).toMatchObject({
      replace_original: true,
      ...slack(introAnswerReply({ ok: true, outcome: 'declined' })),
    });
    expect(await press('UANA', 'intro_accept', introId)).toMatchObject(
      slack(introAnswerReply({ ok: false, code: 'already_answered' })),
    );
    await queue.settled();
    expect(app.fake.callsTo('conversations.open')).toHaveLength(0);
    // Li hears, gently, in his own working hours.
    const toLi = await app.db
      .selectFrom('deliveries')
      .select(['target', 'message', 'available_at'])
      .where('dedupe_key', '=', `intro:${introId}:declined`)
      .executeTakeFirstOrThrow();
    expect(toLi.target).toEqual({ type: 'member', userId: 'ULI' });
    expect(toLi.message).toEqual({ kind: 'intro_declined' });
    expect(toLi.available_at).toEqual(new Date('2026-12-03T14:00:00Z'));
  });

  it('opens a conversation only when both said yes, with the person both know if they join', async () => {
    await app.quiet();
    await press('ULI', 'suggestion_introduce', JSON.stringify({ u: 'UANA', m: 'USAM' }));
    await queue.settled();
    const question = app.fake
      .callsTo('chat.postMessage')
      .find((c) => c.args.text === 'Someone would like to meet you')!;
    const introId = question.args.blocks[1].elements[0].value as string;
    expect(await press('UANA', 'intro_accept', introId)).toMatchObject(
      slack(introAnswerReply({ ok: true, outcome: 'asking_mutual', mutualName: 'Sam Okafor' })),
    );
    clock.set('2026-12-03T09:00:30Z');
    await queue.settled();
    // Still nothing opened: Sam has not answered.
    expect(app.fake.callsTo('conversations.open')).toHaveLength(0);
    const ask = app.fake
      .callsTo('chat.postMessage')
      .find((c) => c.args.text === 'Join an introduction?')!;
    expect(ask.args.channel).toBe('USAM');
    expect(await press('UANA', 'intro_mutual_join', introId)).toMatchObject(
      slack(introAnswerReply({ ok: false, code: 'not_yours' })),
    );
    expect(await press('USAM', 'intro_mutual_join', introId)).toMatchObject({
      replace_original: true,
      ...slack(introAnswerReply({ ok: true, outcome: 'joined' })),
    });
    await queue.settled();
    const opened = app.fake
      .callsTo('conversations.open')
      .map((c) => String(c.args.users).split(',').sort());
    expect(opened).toEqual([['UANA', 'ULI', 'USAM']]);
    const hello = app.fake
      .callsTo('chat.postMessage')
      .find((c) => c.args.text === 'Meet each other!')!;
    expect(shown(hello.args)).toContain('<@USAM> knows you both and is here too.');
    const recorded = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id'])
      .where('source', '=', 'introduction')
      .execute();
    expect(recorded).toEqual([{ member_id: 'ULI', other_member_id: 'UANA' }]);
  });

  it('/rapport suggest no longer suggests someone met, asked, or set aside with Not now', async () => {
    const suggestedIn = (reply: {
      blocks?: Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
    }) =>
      (reply.blocks ?? [])
        .flatMap((b) => b.elements ?? [])
        .filter((e) => e.action_id === 'suggestion_introduce')
        .map((e) => (JSON.parse(e.value!) as { u: string }).u);
    const suggested = suggestedIn(await rapport('suggest', 'UPRIYA'));
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested).not.toContain('ULI');
    expect(suggested).not.toContain('UPRIYA');
    const hidden = suggested[0]!;
    expect(
      (await press('UPRIYA', 'suggestion_not_now', JSON.stringify({ u: hidden, m: null }))).text,
    ).toContain("I won't suggest");
    expect(suggestedIn(await rapport('suggest', 'UPRIYA'))).not.toContain(hidden);
  });

  it('welcomes a new member some days after they join, with people to meet, if the admin wants', async () => {
    const join = async (id: string, department: string) => {
      const user: SlackUser = {
        id,
        team_id: TEAM_ID,
        name: id.toLowerCase(),
        real_name: `New ${id}`,
        tz: 'Europe/London',
        profile: {
          real_name: `New ${id}`,
          title: 'Analyst',
          fields: { [DEPARTMENT_FIELD]: { value: department } },
        },
      };
      app.fake.teams.get(TEAM_ID)!.users.push(user);
      await app.event({ type: 'team_join', user });
      await until(async () =>
        Boolean(
          await app.db
            .selectFrom('members')
            .select('user_id')
            .where('user_id', '=', id)
            .executeTakeFirst(),
        ),
      );
      await app.settle();
    };
    clock.set('2026-12-07T10:00:00Z');
    await join('UNEWENG', 'Engineering');
    const welcome = await app.db
      .selectFrom('welcomes')
      .select(['user_id', 'due_at', 'queued_at'])
      .executeTakeFirstOrThrow();
    // Three days later (the default); the test clock runs on while the event is handled.
    expect(welcome).toMatchObject({ user_id: 'UNEWENG', queued_at: null });
    expect(welcome.due_at.getTime() - Date.parse('2026-12-10T10:00:00Z')).toBeLessThan(60_000);
    expect(welcome.due_at.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-10T10:00:00Z'));
    await app.quiet();
    clock.set('2026-12-09T10:00:30Z');
    await tick(app.jobContext(), [welcomeJob], 'replica');
    await queue.settled();
    expect(
      app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UNEWENG'),
    ).toHaveLength(0);
    clock.set('2026-12-10T10:00:30Z');
    await tick(app.jobContext(), [welcomeJob], 'replica');
    await queue.settled();
    const dm = app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'UNEWENG')!;
    expect(dm.args.text).toBe('Welcome! A few people to meet');
    const blocks = JSON.stringify(dm.args.blocks);
    expect(blocks).toContain('*In your department*');
    expect(blocks).toContain('*Across the company*');
    // Sam and Li are in Engineering; the opted-out, the paused and those who left are never offered.
    expect(blocks).toMatch(/<@U(SAM|LI)> · Engineering/);
    for (const away of ['UQUIET', 'UBEN', 'UGONE', 'UHELPER', 'UKIM', 'UNEWENG>'])
      expect(blocks).not.toContain(`<@${away}`);
    const introduce = (
      dm.args.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'suggestion_introduce')!;
    expect(JSON.parse(introduce.value!)).toMatchObject({ w: '1' });
    expect((await press('UNEWENG', 'suggestion_introduce', introduce.value!)).text).toContain(
      "I've asked",
    );
    const intro = await app.db
      .selectFrom('introductions')
      .select(['requester_id', 'origin', 'status'])
      .where('requester_id', '=', 'UNEWENG')
      .executeTakeFirstOrThrow();
    expect(intro).toEqual({ requester_id: 'UNEWENG', origin: 'welcome', status: 'asked' });

    // With welcomes off, a newcomer gets none.
    await saveSettings(app.db, workspaceId, { welcome: { enabled: false, delayDays: 3 } });
    await join('UNEWFIN', 'Finance');
    expect(
      await app.db
        .selectFrom('welcomes')
        .select('user_id')
        .where('user_id', '=', 'UNEWFIN')
        .execute(),
    ).toEqual([]);
  });

  it('shows it all on the Home tab, current each time, and takes answers there', async () => {
    await app.quiet();
    await (
      await app.command('/followup', '<@USAM|sam> tomorrow about the audit', { user: 'UPRIYA' })
    ).reply();
    expect(
      (await press('UPRIYA', 'suggestion_introduce', JSON.stringify({ u: 'UANA', m: null }))).text,
    ).toContain("I've asked Ana Silva");
    const homeOf = async (user: string) => {
      const before = app.fake.callsTo('views.publish').length;
      await app.event({ type: 'app_home_opened', user, tab: 'home', channel: `D${user}` });
      const call = await app.fake.waitFor(() => app.fake.callsTo('views.publish')[before]);
      return call.args.view as { blocks: unknown[] };
    };
    const priya = JSON.stringify((await homeOf('UPRIYA')).blocks);
    expect(priya).toContain('*Follow-ups coming up*');
    expect(priya).toContain('<@USAM> — the audit');
    expect(priya).toContain('Waiting for <@UANA> to answer your introduction.');
    const ana = JSON.stringify((await homeOf('UANA')).blocks);
    expect(ana).toContain('<@UPRIYA> would like to meet you.');
    const introId = (
      await app.db
        .selectFrom('introductions')
        .select('id')
        .where('requester_id', '=', 'UPRIYA')
        .where('status', '=', 'asked')
        .executeTakeFirstOrThrow()
    ).id;
    // Ana says yes on the Home tab: no response_url there, so the answer comes by DM and the
    // tab is published again, without the question.
    const published = app.fake.callsTo('views.publish').length;
    await app.interaction({
      type: 'block_actions',
      team: { id: 'T0ACME' },
      user: { id: 'UANA', team_id: 'T0ACME' },
      api_app_id: 'A0RAPPORT',
      trigger_id: 'trigger.home',
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home' },
      actions: [
        {
          type: 'button',
          action_id: 'intro_accept',
          block_id: 'b',
          value: introId,
          action_ts: '1',
        },
      ],
    });
    const republished = await app.fake.waitFor(() => app.fake.callsTo('views.publish')[published]);
    expect(JSON.stringify(republished.args.view.blocks)).not.toContain('would like to meet you');
    const dm = await app.fake.waitFor(() =>
      app.fake.messages.find((m) => m.channel === 'DUANA' && m.text.startsWith('Great!')),
    );
    expect(dm.text).toBe(plainText(introAnswerReply({ ok: true, outcome: 'opened' })));
    await queue.settled();
    expect(
      app.fake
        .callsTo('conversations.open')
        .map((c) => String(c.args.users))
        .filter((u) => u.includes(',')),
    ).toEqual(['UPRIYA,UANA']);
  });
});

describe(`what /rapport met, me, mentee, optout, optin and resume answer on Slack (${databaseLabel})`, () => {
  // Wednesday 2 December 2026, 15:00 UTC: working hours in New York, London and Paris.
  const clock = movingClock('2026-12-02T15:00:00Z');
  let app: SlackTestApp;
  let workspaceId: string;

  beforeAll(async () => {
    app = await SlackTestApp.start({ clock });
    await app.directorySynced();
    workspaceId = await app.workspaceId();
  });
  afterAll(() => app?.close());

  const member = async (id: string) => (await app.jobContext().useCases.member(workspaceId, id))!;
  const say = async (command: string, text: string, user: string) =>
    (await (await app.command(command, text, { user })).reply()).body;
  const rapport = (text: string, user: string) => say('/rapport', text, user);
  const eve = { userId: 'UEVE', name: 'Eve Moreau' };
  const sam = { userId: 'USAM', name: 'Sam Okafor' };

  it('records /rapport met twice in a minute for the same pair once, and says it is already noted', async () => {
    expect(await rapport('met <@UEVE|eve>', 'USAM')).toMatchObject(
      slack(metReply({ ok: true, met: [eve], already: [] }, COLLEAGUES)),
    );
    clock.set('2026-12-02T15:00:50Z');
    const again = await rapport('met <@UEVE|eve>', 'USAM');
    expect(again).toMatchObject({
      response_type: 'ephemeral',
      ...slack(metReply({ ok: true, met: [], already: [eve] }, COLLEAGUES)),
    });
    expect(again.text).toContain('Already noted today');
    expect(shown(again)).toContain('you met <@UEVE>.');
    // The meeting is the pair's: Eve saying so too is the same one.
    expect(await rapport('met <@USAM|sam>', 'UEVE')).toMatchObject(
      slack(metReply({ ok: true, met: [], already: [sam] }, COLLEAGUES)),
    );
    const stored = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'source'])
      .execute();
    expect(stored).toEqual([{ member_id: 'UEVE', other_member_id: 'USAM', source: 'manual' }]);
  });

  it('makes a kudos and then a meeting a meaningful relationship, which /rapport me names', async () => {
    // Li and Priya have never been in touch. A kudos counts 1: not meaningful yet.
    expect(
      (await say('/kudos', '<@UPRIYA|priya> thanks for the forecast', 'ULI')).response_type,
    ).toBe('in_channel');
    expect(shown(await rapport('me', 'ULI'))).toContain(
      '*Meaningful relationships*\n0 of the 15–20',
    );
    // A meeting counts 4: together exactly the threshold of 5.
    await rapport('met <@UPRIYA|priya>', 'ULI');
    const me = await rapport('me', 'ULI');
    expect(me).toMatchObject({ response_type: 'ephemeral', text: 'Your network' });
    const words = shown(me);
    expect(words).toContain('*Meaningful relationships*\n1 of the 15–20 a healthy network has');
    expect(words).toContain('*Meaningful:* <@UPRIYA>.');
    // What makes a relationship meaningful, and, below 15, where to find people to meet.
    expect(words).toContain(mrkdwn(meaningfulRule()));
    expect(words).toContain('`/rapport suggest`');
  });

  it('tells the mentee of /rapport mentee by DM, with an Undo that removes the mentorship', async () => {
    await app.quiet();
    const li = await member('ULI');
    expect(await rapport('mentee <@ULI|li>', 'USAM')).toMatchObject(
      slack(mentorshipReply({ ok: true, declared: true, role: 'mentee', other: li })),
    );
    expect(shown(await rapport('me', 'USAM'))).toContain('mentor/mentee');
    // Li is at work in New York: the note comes now, in his DM with Rapport.
    const dm = await app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'ULI'),
    );
    expect(dm.args).toMatchObject(
      renderCard(
        mentorshipDeclared(
          { kind: 'mentorship_declared', declarerId: 'USAM', declarerIsMentor: true },
          new Map([['USAM', 'Sam Okafor']]),
        ),
      ),
    );
    expect(shown(dm.args)).toContain('<@USAM> noted that they mentor you.');
    const undo = (dm.args.blocks as Array<{ accessory?: Record<string, string> }>)
      .map((b) => b.accessory)
      .find((a) => a?.action_id === 'mentorship_undo')!;
    expect(undo.value).toBe('USAM');

    const mentorships = () =>
      app.db.selectFrom('mentorships').select(['mentor_id', 'mentee_id', 'declared_by']).execute();
    expect(await mentorships()).toEqual([
      { mentor_id: 'USAM', mentee_id: 'ULI', declared_by: 'USAM' },
    ]);
    // Only Li's press undoes it; the note gives way to the answer.
    const message = { message: { type: 'message', ts: '1.1', text: dm.args.text } };
    const undone = await app.press('ULI', 'mentorship_undo', undo.value!, message);
    expect(undone).toMatchObject({
      replace_original: true,
      ...slack(mentorshipUndone(true, 'Sam Okafor')),
    });
    expect(await mentorships()).toEqual([]);
    expect(shown(await rapport('me', 'USAM'))).not.toContain('mentor/mentee');
    expect(await app.press('ULI', 'mentorship_undo', undo.value!, message)).toMatchObject(
      slack(mentorshipUndone(false, 'Sam Okafor')),
    );
  });

  it('tells an opted-out member asking for /followup list or /rapport suggest how to come back', async () => {
    expect(await rapport('optout', 'UBEN')).toMatchObject(
      slack(participationReply({ ok: true, optedOut: true, changed: true })),
    );
    for (const [command, text] of [
      ['/followup', 'list'],
      ['/rapport', 'suggest'],
      ['/rapport', 'me'],
    ] as const) {
      const reply = await say(command, text, 'UBEN');
      expect(reply).toMatchObject({ response_type: 'ephemeral', ...slack(optedOut()) });
      expect(shown(reply)).toContain('`/rapport optin`');
      expect(JSON.stringify(reply.blocks)).not.toContain('"action_id"');
    }
  });

  it('says nothing changed to /rapport optin twice and to /rapport resume when not paused', async () => {
    // Ben opted out above: the first optin brings him back, the second changes nothing.
    expect(await rapport('optin', 'UBEN')).toMatchObject(
      slack(participationReply({ ok: true, optedOut: false, changed: true })),
    );
    const again = await rapport('optin', 'UBEN');
    expect(again).toMatchObject(
      slack(participationReply({ ok: true, optedOut: false, changed: false })),
    );
    expect(again.text).toContain('nothing changed');
    const resume = await rapport('resume', 'UBEN');
    expect(resume).toMatchObject(slack(resumeReply(false)));
    expect(resume.text).toContain('nothing changed');
    expect(
      await app.db
        .selectFrom('members')
        .select(['opted_out', 'paused_until'])
        .where('user_id', '=', 'UBEN')
        .executeTakeFirstOrThrow(),
    ).toEqual({ opted_out: false, paused_until: null });
  });
});
