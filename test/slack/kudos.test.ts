import { APOLOGY } from '../support/words';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';

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

  const dmsTo = (userId: string) =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${userId}`);

  it('celebrates where it was typed, DMs each recipient and stores the kudos and interactions', async () => {
    const sent = await app.command(
      '/kudos',
      '<@ULI|li> <@UPRIYA|priya> thanks for the forecast #craft',
      { user: 'UANA', channel: 'CPLANNING' },
    );
    expect(sent.status).toBe(200);

    const post = (await sent.reply()).body;
    expect(post.response_type).toBe('in_channel');
    expect(post.text).toContain('<@UANA> gave kudos to <@ULI> and <@UPRIYA>');
    expect(JSON.stringify(post.blocks)).toContain('>thanks for the forecast #craft');
    expect(JSON.stringify(post.blocks)).toContain('Values: #craft');

    await app.fake.waitFor(() => dmsTo('ULI').length === 1 && dmsTo('UPRIYA').length === 1);
    expect(dmsTo('ULI')[0]!.args.text).toContain('<@UANA> gave you kudos in <#CPLANNING>');
    expect(app.fake.callsTo('conversations.open').map((c) => c.args.users)).toEqual([
      'ULI',
      'UPRIYA',
    ]);

    const { kudos, recipients, interactions } = await stored();
    expect(kudos).toHaveLength(1);
    expect(kudos[0]).toMatchObject({
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
    const posted = await app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'CKUDOS'),
    );
    expect(posted.args.text).toContain('<@UPRIYA> gave kudos to <@USAM>');
    await app.fake.waitFor(() => dmsTo('USAM').length === 1);
    expect(dmsTo('USAM')[0]!.args.text).toContain('in <#CKUDOS>');
    // Nothing public where it was typed; the giver hears where it went.
    const reply = (await sent.reply()).body;
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.text).toContain('posted in <#CKUDOS>');
    expect(sent.replies().filter((r) => r.body.response_type === 'in_channel')).toHaveLength(0);
    expect((await stored()).kudos).toHaveLength(1);
  });

  const rejections: Array<[string, string, string, string]> = [
    ['kudos to oneself', 'UANA', '<@UANA> thanks me', "can't give them to yourself"],
    ['kudos to a bot', 'UANA', '<@UHELPER> thanks bot', 'is a bot'],
    ['kudos to Rapport itself', 'UANA', '<@UBOT> thanks Rapport', 'is a bot'],
    ['kudos to a deactivated member', 'UANA', '<@UGONE> thanks', 'no longer active'],
    ['an unknown value', 'UANA', '<@ULI> thanks #synergy', "#synergy isn't one of"],
    ['no message', 'UANA', '<@ULI> #craft', 'Add a few words'],
    ['no recipient', 'UANA', 'thanks everyone', 'Mention at least one person'],
    [
      'kudos to a user group',
      'UANA',
      '<!subteam^S0ENG|@eng> thanks team',
      'not to groups like @eng',
    ],
    ['kudos to an unknown person', 'UANA', '<@UNOBODY> thanks', "I don't know who"],
  ];

  it.each(rejections)(
    'refuses kudos to %s privately and stores nothing',
    async (_n, user, text, says) => {
      const sent = await app.command('/kudos', text, { user });
      const reply = (await sent.reply()).body;
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain(says);
      expect(reply.text).not.toBe(APOLOGY);
      const { kudos, recipients, interactions } = await stored();
      expect([kudos.length, recipients.length, interactions.length]).toEqual([0, 0, 0]);
      expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
    },
  );

  it('refuses kudos to and from people who opted out', async () => {
    const out = await app.command('/rapport', 'optout', { user: 'UQUIET' });
    expect((await out.reply()).body.text).toContain('opted out');
    const to = await app.command('/kudos', '<@UQUIET> thanks', { user: 'UANA' });
    expect((await to.reply()).body.text).toContain('has opted out of Rapport');
    const from = await app.command('/kudos', '<@UANA> thanks', { user: 'UQUIET' });
    expect((await from.reply()).body.text).toContain("You've opted out");
    expect((await stored()).kudos).toHaveLength(0);
  });

  it("keeps to the giver's daily allowance across requests", async () => {
    const first = await app.command('/kudos', '<@ULI> <@USAM> <@UPRIYA> <@UBEN> thanks', {
      user: 'UEVE',
    });
    expect((await first.reply()).body.response_type).toBe('in_channel');
    const second = await app.command('/kudos', '<@UANA> <@UKIM> thanks again', { user: 'UEVE' });
    const reply = (await second.reply()).body;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('You have 1 kudos left today');
    expect((await stored()).recipients).toHaveLength(4);
  });

  it('opens a form for /kudos without text, and its submission records and celebrates', async () => {
    const sent = await app.command('/kudos', '', { user: 'USAM', channel: 'CTEAM' });
    const opened = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    expect(opened.args.trigger_id).toBe(sent.triggerId);
    expect(opened.args.view.callback_id).toBe('kudos_modal');
    expect((await stored()).kudos).toHaveLength(0);

    const submission = {
      type: 'view_submission',
      team: { id: 'T0ACME', domain: 'acme' },
      user: { id: 'USAM', team_id: 'T0ACME' },
      api_app_id: 'A0RAPPORT',
      trigger_id: 'trigger.view.1',
      view: {
        id: 'VKUDOS1',
        callback_id: 'kudos_modal',
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
    expect((await app.interaction(submission)).status).toBe(200);
    const posted = await app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'CTEAM'),
    );
    expect(posted.args.text).toContain('<@USAM> gave kudos to <@ULI>');
    await app.fake.waitFor(() => dmsTo('ULI').length === 1);
    // Submitting the same form again (a double click, a retry) records nothing new.
    await app.interaction(submission);
    await new Promise((r) => setTimeout(r, 300));
    const { kudos } = await stored();
    expect(kudos).toHaveLength(1);
    expect(kudos[0]).toMatchObject({
      message: 'thanks for the review #teamwork',
      values: ['teamwork'],
    });
    expect(dmsTo('ULI')).toHaveLength(1);
  });

  it('shortens a message that escaping makes too long for one block, and posts it', async () => {
    const sent = await app.command('/kudos', `<@ULI> ${'&amp;'.repeat(999)}`, { user: 'USAM' });
    const post = (await sent.reply()).body;
    expect(post.response_type).toBe('in_channel');
    const section = post.blocks[0].text.text as string;
    expect([...section].length).toBeLessThanOrEqual(3000);
    expect(section).toMatch(/(&amp;)+…$/);
    expect((await stored()).kudos[0]!.message).toBe('&'.repeat(999));
    await app.fake.waitFor(() => dmsTo('ULI').length === 1);
  });

  it("pings no one but the giver and recipients, even when someone's id is typed", async () => {
    const sent = await app.command('/kudos', '<@ULI> thanks, and &lt;@UBEN&gt; too', {
      user: 'USAM',
    });
    const post = (await sent.reply()).body;
    expect(post.text).toContain('thanks, and &lt;@UBEN&gt; too');
    expect(JSON.stringify(post)).not.toContain('<@UBEN>');
    expect((await stored()).kudos[0]!.message).toBe('thanks, and <@UBEN> too');
  });

  it('keeps the kudos and tells the giver when the kudos channel cannot be posted to', async () => {
    await saveSettings(app.db, workspaceId, { kudosChannelId: 'CKUDOS' });
    app.fake.fail('chat.postMessage', { error: 'not_in_channel' });
    const sent = await app.command('/kudos', '<@ULI> thanks for the fix', { user: 'UBEN' });
    const reply = (await sent.reply()).body;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain("couldn't post it in <#CKUDOS>");
    expect((await stored()).kudos).toHaveLength(1);
    await app.fake.waitFor(() => dmsTo('ULI').length === 1);
  });

  it('waits out a rate limit on a DM and delivers it once', async () => {
    app.fake.fail('conversations.open', { status: 429, retryAfter: 1 });
    const sent = await app.command('/kudos', '<@USAM> thanks for the help', { user: 'UBEN' });
    expect((await sent.reply()).body.response_type).toBe('in_channel');
    await app.fake.waitFor(() => dmsTo('USAM').length === 1, 15_000);
    const opens = app.fake.callsTo('conversations.open');
    expect(opens).toHaveLength(2);
    expect(opens[1]!.at - opens[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('apologises without details when Slack rejects the token, and stores nothing', async () => {
    app.fake.fail('users.info', { error: 'invalid_auth' });
    const sent = await app.command('/kudos', '<@UNEWCOMER> thanks', { user: 'UANA' });
    const reply = (await sent.reply()).body;
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: APOLOGY });
    expect((await stored()).kudos).toHaveLength(0);
  });
});
