import { renderCard } from '../../src/adapters/slack/render';
import type { Text } from '../../src/core/conversation/text';
import { apology, note } from '../../src/core/messages/common';
import {
  kudosForm,
  kudosPostedElsewhere,
  kudosPostFailed,
  kudosRejectionText,
  type KudosShown,
} from '../../src/core/messages/kudos';
import { participationReply } from '../../src/core/messages/member';
import { DEFAULT_KUDOS_VALUES } from '../../src/core/domain/kudos';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { acmeUsers } from '../support/slack-team';
import {
  ANA_EXAMPLES,
  celebration,
  kudosNote,
  onSlack,
  pings,
  privately,
  texts,
} from '../support/slack-messages';
import { APOLOGY } from '../support/words';

describe(`/kudos on Slack (${databaseLabel})`, () => {
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
    await saveSettings(app.db, workspaceId, { kudosChannelId: null });
    await app.db.updateTable('members').set({ opted_out: false }).execute();
    await app.quiet();
  });

  const stored = async () => {
    const kudos = await app.db.selectFrom('kudos').selectAll().execute();
    const recipients = await app.db.selectFrom('kudos_recipients').selectAll().execute();
    const interactions = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'kind', 'source'])
      .orderBy('other_member_id')
      .execute();
    return { kudos, recipients, interactions };
  };

  /** What the app posted in a person's DM with it: chat.postMessage to their user id. */
  const dmsTo = (userId: string) =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === userId);
  const postsIn = (channel: string) =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  /** Waits for the adapter's work and the queue to finish, keeping what the fake recorded. */
  const drained = async () => {
    await app.slack.idle();
    await app.queue!.settled();
  };

  it('celebrates where it was typed, DMs each recipient and stores the kudos and interactions', async () => {
    const sent = await app.command(
      '/kudos',
      '<@ULI|li> <@UPRIYA|priya> thanks for the forecast #craft',
      { user: 'UANA', channel: 'CPLANNING' },
    );
    expect(sent.status).toBe(200);
    const kudos: KudosShown = {
      giverId: 'UANA',
      recipientIds: ['ULI', 'UPRIYA'],
      message: 'thanks for the forecast #craft',
      values: ['craft'],
    };

    const post = (await sent.reply()).body;
    expect(post).toEqual({ response_type: 'in_channel', ...celebration(kudos) });
    // On Slack the giver and the recipients are pings; the summary names them.
    const [headline, quote, values] = texts(post.blocks);
    expect(pings(headline!)).toEqual(['UANA', 'ULI', 'UPRIYA']);
    expect(quote).toBe('>thanks for the forecast #craft');
    expect(values).toContain('#craft');
    expect(post.text).toContain('Ana Silva');
    expect(pings(post.text)).toEqual([]);

    await app.fake.waitFor(() => dmsTo('ULI').length === 1 && dmsTo('UPRIYA').length === 1);
    for (const id of ['ULI', 'UPRIYA']) {
      expect(dmsTo(id)[0]!.args).toMatchObject(kudosNote(kudos, 'CPLANNING'));
      const [said] = texts(dmsTo(id)[0]!.args.blocks);
      expect(pings(said!)).toEqual(['UANA']);
      expect(said).toContain('<#CPLANNING>');
    }
    // A DM goes to the person's user id: no conversation to open first.
    expect(app.fake.callsTo('conversations.open')).toEqual([]);

    const { kudos: rows, recipients, interactions } = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      giver_id: 'UANA',
      message: 'thanks for the forecast #craft',
      values: ['craft'],
      channel_id: 'CPLANNING',
    });
    expect(recipients.map((r) => r.recipient_id).sort()).toEqual(['ULI', 'UPRIYA']);
    expect(interactions).toEqual([
      { member_id: 'UANA', other_member_id: 'ULI', kind: 'cross_department', source: 'kudos' },
      { member_id: 'UANA', other_member_id: 'UPRIYA', kind: 'cross_department', source: 'kudos' },
    ]);
  });

  it('classifies peers and external guests from the synced directory', async () => {
    const sent = await app.command('/kudos', '<@UBEN> <@UKIM> thanks for the launch plan', {
      user: 'UANA',
    });
    expect((await sent.reply()).body.response_type).toBe('in_channel');
    const { interactions } = await stored();
    expect(interactions.map((i) => [i.other_member_id, i.kind])).toEqual([
      ['UBEN', 'peer'],
      ['UKIM', 'external'],
    ]);
  });

  it("posts in the workspace's kudos channel when one is set, and answers the giver privately", async () => {
    await saveSettings(app.db, workspaceId, { kudosChannelId: 'CKUDOS' });
    const sent = await app.command('/kudos', '<@USAM> thanks for pairing on the outage', {
      user: 'UPRIYA',
      channel: 'CRANDOM',
    });
    const kudos: KudosShown = {
      giverId: 'UPRIYA',
      recipientIds: ['USAM'],
      message: 'thanks for pairing on the outage',
      values: [],
    };
    // The celebration and the note go through the queue.
    const posted = await app.fake.waitFor(() => postsIn('CKUDOS')[0]);
    expect(posted.args).toMatchObject(celebration(kudos));
    expect(pings(texts(posted.args.blocks)[0]!)).toEqual(['UPRIYA', 'USAM']);
    await app.fake.waitFor(() => dmsTo('USAM').length === 1);
    expect(dmsTo('USAM')[0]!.args).toMatchObject(kudosNote(kudos, 'CKUDOS'));
    expect(texts(dmsTo('USAM')[0]!.args.blocks)[0]).toContain('in <#CKUDOS>');
    // Nothing public where it was typed; the giver hears where it went.
    const reply = (await sent.reply()).body;
    expect(reply).toEqual(privately(kudosPostedElsewhere('CKUDOS')));
    expect(texts(reply.blocks).join('\n')).toContain('<#CKUDOS>');
    expect(sent.replies().filter((r) => r.body.response_type === 'in_channel')).toHaveLength(0);
    expect(postsIn('CRANDOM')).toEqual([]);
    expect((await stored()).kudos).toHaveLength(1);
  });

  const rejections: Array<[string, string, string, Text]> = [
    [
      'kudos to oneself',
      'UANA',
      '<@UANA> thanks me',
      kudosRejectionText({ code: 'self_kudos' }, ANA_EXAMPLES),
    ],
    [
      'kudos to a bot',
      'UANA',
      '<@UHELPER> thanks bot',
      kudosRejectionText({ code: 'recipient_is_bot', name: 'Helper Bot' }, ANA_EXAMPLES),
    ],
    [
      'kudos to Rapport itself',
      'UANA',
      '<@UBOT> thanks Rapport',
      kudosRejectionText({ code: 'recipient_is_bot', name: 'Rapport' }, ANA_EXAMPLES),
    ],
    [
      'kudos to a deactivated member',
      'UANA',
      '<@UGONE> thanks',
      kudosRejectionText({ code: 'recipient_deactivated', name: 'Former Colleague' }, ANA_EXAMPLES),
    ],
    [
      'an unknown value',
      'UANA',
      '<@ULI> thanks #synergy',
      kudosRejectionText(
        { code: 'unknown_value', values: ['synergy'], allowed: [...DEFAULT_KUDOS_VALUES] },
        ANA_EXAMPLES,
      ),
    ],
    [
      'no message',
      'UANA',
      '<@ULI> #craft',
      kudosRejectionText({ code: 'message_required' }, ANA_EXAMPLES),
    ],
    [
      'no recipient',
      'UANA',
      'thanks everyone',
      kudosRejectionText({ code: 'no_recipients' }, ANA_EXAMPLES),
    ],
    [
      'kudos to a user group',
      'UANA',
      '<!subteam^S0ENG|@eng> thanks team',
      kudosRejectionText({ code: 'group_recipient', name: '@eng' }, ANA_EXAMPLES),
    ],
    [
      'kudos to an unknown person',
      'UANA',
      '<@UNOBODY> thanks',
      kudosRejectionText({ code: 'unknown_recipient', name: 'UNOBODY' }, ANA_EXAMPLES),
    ],
  ];

  it.each(rejections)(
    'refuses kudos to %s privately and stores nothing',
    async (_n, user, text, says) => {
      const sent = await app.command('/kudos', text, { user });
      const reply = (await sent.reply()).body;
      expect(reply).toEqual(privately(says));
      expect(reply.text).not.toBe(APOLOGY);
      const { kudos, recipients, interactions } = await stored();
      expect([kudos.length, recipients.length, interactions.length]).toEqual([0, 0, 0]);
      await drained();
      expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
    },
  );

  it('gives examples that name two real colleagues, never the giver', async () => {
    const sent = await app.command('/kudos', 'thanks everyone', { user: 'UANA' });
    const said = texts((await sent.reply()).body.blocks).join('\n');
    const example = /`\/kudos @([^@`]+) @([^@`]+?) thanks[^`]*`/.exec(said);
    expect(example).not.toBeNull();
    const named = example!.slice(1).map((name) => acmeUsers().find((u) => u.real_name === name));
    expect(named.map((u) => u?.id)).toEqual(['UEVE', 'ULI']);
    for (const u of named) expect(u).toMatchObject({ deleted: false, is_bot: false });
  });

  it('refuses kudos to and from people who opted out', async () => {
    const out = await app.command('/rapport', 'optout', { user: 'UQUIET' });
    expect((await out.reply()).body).toEqual(
      privately(participationReply({ ok: true, optedOut: true, changed: true })),
    );
    const to = await app.command('/kudos', '<@UQUIET> thanks', { user: 'UANA' });
    expect((await to.reply()).body).toEqual(
      privately(
        kudosRejectionText({ code: 'recipient_opted_out', name: 'Quiet Person' }, ANA_EXAMPLES),
      ),
    );
    const from = await app.command('/kudos', '<@UANA> thanks', { user: 'UQUIET' });
    expect((await from.reply()).body).toEqual(
      privately(kudosRejectionText({ code: 'giver_opted_out' }, ANA_EXAMPLES)),
    );
    expect((await stored()).kudos).toHaveLength(0);
  });

  it("keeps to the giver's daily allowance across requests", async () => {
    const first = await app.command('/kudos', '<@ULI> <@USAM> <@UPRIYA> <@UBEN> thanks', {
      user: 'UEVE',
    });
    expect((await first.reply()).body.response_type).toBe('in_channel');
    const second = await app.command('/kudos', '<@UANA> <@UKIM> thanks again', { user: 'UEVE' });
    const reply = (await second.reply()).body;
    expect(reply).toEqual(
      privately(
        kudosRejectionText(
          { code: 'daily_limit_reached', count: 2, remaining: 1, limit: 5 },
          ANA_EXAMPLES,
        ),
      ),
    );
    expect((await stored()).recipients).toHaveLength(4);
  });

  it('opens a form for /kudos without text, and its submission records and celebrates', async () => {
    const sent = await app.command('/kudos', '', { user: 'USAM', channel: 'CTEAM' });
    const opened = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    expect(opened.args.trigger_id).toBe(sent.triggerId);
    const form = kudosForm([...DEFAULT_KUDOS_VALUES], 'CTEAM');
    expect(opened.args.view.callback_id).toBe(form.id);
    // Where it was opened rides along unseen, as JSON.
    expect(JSON.parse(opened.args.view.private_metadata)).toEqual({ channelId: 'CTEAM' });
    // Each input's block and action are the core's field names.
    const inputs = opened.args.view.blocks.filter((b: any) => b.type === 'input');
    expect(inputs.map((b: any) => [b.block_id, b.element.action_id])).toEqual(
      form.blocks.flatMap((b) => (b.type === 'input' ? [[b.input.id, b.input.id]] : [])),
    );
    expect(sent.replies()).toEqual([]);
    expect((await stored()).kudos).toHaveLength(0);

    const submission = {
      type: 'view_submission',
      team: { id: 'T0ACME', domain: 'acme' },
      user: { id: 'USAM', team_id: 'T0ACME' },
      api_app_id: 'A0RAPPORT',
      trigger_id: 'trigger.view.1',
      view: {
        id: 'VKUDOS1',
        callback_id: opened.args.view.callback_id,
        private_metadata: opened.args.view.private_metadata,
        state: {
          values: {
            recipients: { recipients: { type: 'multi_users_select', selected_users: ['ULI'] } },
            message: { message: { type: 'plain_text_input', value: 'thanks for the review' } },
            value: {
              value: { type: 'static_select', selected_option: { value: 'teamwork' } },
            },
          },
        },
      },
    };
    const kudos: KudosShown = {
      giverId: 'USAM',
      recipientIds: ['ULI'],
      message: 'thanks for the review #teamwork',
      values: ['teamwork'],
    };
    expect((await app.interaction(submission)).status).toBe(200);
    // A form has no public answer: the celebration in its channel goes through the queue.
    const posted = await app.fake.waitFor(() => postsIn('CTEAM')[0]);
    expect(posted.args).toMatchObject(celebration(kudos));
    expect(pings(texts(posted.args.blocks)[0]!)).toEqual(['USAM', 'ULI']);
    await app.fake.waitFor(() => dmsTo('ULI').length === 1);
    expect(dmsTo('ULI')[0]!.args).toMatchObject(kudosNote(kudos, 'CTEAM'));
    // The form has closed: the giver hears where it went by DM.
    const told = await app.fake.waitFor(() => dmsTo('USAM')[0]);
    expect(told.args).toMatchObject(onSlack(note(kudosPostedElsewhere('CTEAM'))));

    // Submitting the same form again (a double click, a retry) records and sends nothing new.
    expect((await app.interaction(submission)).status).toBe(200);
    await drained();
    const { kudos: rows } = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      message: 'thanks for the review #teamwork',
      values: ['teamwork'],
      channel_id: 'CTEAM',
    });
    expect([postsIn('CTEAM').length, dmsTo('ULI').length, dmsTo('USAM').length]).toEqual([1, 1, 1]);
  });

  it('shortens a message that escaping makes too long for one block, and posts it', async () => {
    const sent = await app.command('/kudos', `<@ULI> ${'&amp;'.repeat(999)}`, { user: 'USAM' });
    const post = (await sent.reply()).body;
    expect(post.response_type).toBe('in_channel');
    const [headline, quote] = texts(post.blocks);
    expect(pings(headline!)).toEqual(['USAM', 'ULI']);
    expect([...quote!].length).toBeLessThanOrEqual(3000);
    expect(quote).toMatch(/^>(&amp;)+…$/);
    expect((await stored()).kudos[0]!.message).toBe('&'.repeat(999));
    // The recipient's note quotes it the same way.
    await app.fake.waitFor(() => dmsTo('ULI').length === 1);
    const noted = texts(dmsTo('ULI')[0]!.args.blocks)[1]!;
    expect([...noted].length).toBeLessThanOrEqual(3000);
    expect(noted).toMatch(/^>(&amp;)+…$/);
  });

  it("pings no one but the giver and recipients, even when someone's id is typed", async () => {
    const sent = await app.command('/kudos', '<@ULI> thanks, and &lt;@UBEN&gt; too', {
      user: 'USAM',
    });
    const post = (await sent.reply()).body;
    expect(post.text).toContain('thanks, and &lt;@UBEN&gt; too');
    expect(texts(post.blocks)[1]).toBe('>thanks, and &lt;@UBEN&gt; too');
    expect(pings(texts(post).join('\n'))).toEqual(['USAM', 'ULI']);
    expect(JSON.stringify(post)).not.toContain('<@UBEN>');
    expect((await stored()).kudos[0]!.message).toBe('thanks, and <@UBEN> too');
    await app.fake.waitFor(() => dmsTo('ULI').length === 1);
    expect(JSON.stringify(dmsTo('ULI')[0]!.args)).not.toContain('<@UBEN>');
  });

  it('keeps the kudos, still thanks each person, and tells the giver when the kudos channel cannot be posted to', async () => {
    await saveSettings(app.db, workspaceId, { kudosChannelId: 'CKUDOS' });
    app.fake.fail(
      'chat.postMessage',
      { error: 'not_in_channel' },
      1,
      (a) => a.channel === 'CKUDOS',
    );
    const sent = await app.command('/kudos', '<@ULI> thanks for the fix', { user: 'UBEN' });
    // The post goes through the queue, so the giver's answer comes before it is tried.
    expect((await sent.reply()).body).toEqual(privately(kudosPostedElsewhere('CKUDOS')));
    await app.fake.waitFor(() => dmsTo('ULI').length === 1);
    await drained();
    const { kudos } = await stored();
    expect(kudos).toHaveLength(1);
    // Slack said Rapport is not in the channel: tried once, given up, and left for the
    // admin's delivery report.
    expect(postsIn('CKUDOS')).toHaveLength(1);
    const post = await app.db
      .selectFrom('deliveries')
      .select(['status', 'last_error'])
      .where('dedupe_key', '=', `kudos:${kudos[0]!.id}:post`)
      .executeTakeFirstOrThrow();
    expect(post).toEqual({ status: 'dead', last_error: 'not_in_channel' });
    // …and the giver hears where it could not be posted, instead of believing it was.
    await app.fake.waitFor(() => dmsTo('UBEN').length === 1);
    const notice = dmsTo('UBEN')[0]!.args;
    const expected = renderCard(kudosPostFailed('CKUDOS'));
    expect({ text: notice.text, blocks: notice.blocks }).toEqual(expected);
  });

  it('waits out a rate limit on a DM and delivers it once', async () => {
    const since = Date.now();
    const delivered = () => app.fake.messages.filter((m) => m.channel === 'DUSAM' && m.at >= since);
    app.fake.fail(
      'chat.postMessage',
      { status: 429, retryAfter: 1 },
      1,
      (a) => a.channel === 'USAM',
    );
    const sent = await app.command('/kudos', '<@USAM> thanks for the help', { user: 'UBEN' });
    expect((await sent.reply()).body.response_type).toBe('in_channel');
    await app.fake.waitFor(() => delivered().length > 0, 15_000);
    const tries = dmsTo('USAM');
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1000);
    await drained();
    expect(delivered()).toHaveLength(1);
  });

  it('apologises without details when Slack rejects the token, and stores nothing', async () => {
    app.fake.fail('users.info', { error: 'invalid_auth' });
    const sent = await app.command('/kudos', '<@UNEWCOMER> thanks', { user: 'UANA' });
    const reply = (await sent.reply()).body;
    expect(reply).toEqual(privately(apology()));
    expect(reply.text).toBe(APOLOGY);
    expect((await stored()).kudos).toHaveLength(0);
  });
});
