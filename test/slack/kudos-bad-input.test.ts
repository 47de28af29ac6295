import { sql } from 'kysely';
import { APOLOGY } from '../support/words';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';

/** What Slack sends for text a person typed: with escaping on, its &, < and > arrive escaped. */
const typed = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const mentions = (ids: string[]) => ids.map((id) => `<@${id}>`).join(' ');

interface Rejected {
  name: string;
  text: string;
  /** A phrase of the rejection in src/core/errors.ts. */
  says: string;
  user?: string;
  /** An id the app should have asked Slack about (users.info) before answering. */
  lookedUp?: string;
}

interface Accepted {
  name: string;
  text: string;
  /** The recipients, sorted. */
  to: string[];
  /** The message as stored: plain text, decoded. */
  message: string;
  values?: string[];
  /** The message as posted in mrkdwn, when escaping changes it. */
  posted?: string;
}

const rejected: Rejected[] = [
  { name: 'only a mention', text: '<@ULI|li>', says: 'Add a few words about what they did' },
  { name: 'only a #value', text: '#craft', says: 'Mention at least one person' },
  { name: 'a mention and #values only', text: '<@ULI> #craft #Teamwork', says: 'Add a few words' },
  { name: 'no mention at all', text: 'thanks for the launch', says: 'Mention at least one person' },
  {
    name: '11 distinct recipients',
    text: `${mentions(['ULI', 'USAM', 'UPRIYA', 'UBEN', 'UEVE', 'UQUIET', 'UKIM', 'UHELPER', 'UGONE', 'UBOT', 'UNEW1'])} thanks all`,
    says: "That's 11 people; kudos can go to at most 10",
  },
  {
    name: 'unknown user id',
    text: '<@UNOBODY> thanks',
    says: "I don't know who UNOBODY is",
    lookedUp: 'UNOBODY',
  },
  {
    name: 'unknown enterprise user id',
    text: '<@W0NOBODY|ghost> thanks',
    says: "I don't know who W0NOBODY is",
    lookedUp: 'W0NOBODY',
  },
  { name: 'lower-case id', text: '<@u123> thanks', says: 'Mention at least one person' },
  { name: 'empty id', text: '<@> thanks', says: 'Mention at least one person' },
  { name: '@li typed as plain text', text: '@li thanks', says: 'Mention at least one person' },
  { name: 'a user group', text: '<!subteam^S0ENG|@eng> thanks', says: 'not to groups like @eng' },
  {
    name: 'a person and a user group',
    text: '<@ULI> <!subteam^S0ENG|@eng> thanks',
    says: 'not to groups like @eng',
  },
  { name: '@here', text: '<!here> thanks all', says: 'not to groups like @here' },
  { name: '@here, older format', text: '<!here|here> thanks', says: 'not to groups like @here' },
  { name: '@channel', text: '<!channel> thanks all', says: 'not to groups like @channel' },
  { name: '@everyone', text: '<!everyone> thanks', says: 'not to groups like @everyone' },
  {
    name: 'a channel instead of a person',
    text: '<#C0GENERAL|general> thanks for the help',
    says: 'Mention at least one person',
  },
  {
    name: 'Rapport itself',
    text: '<@UBOT> thanks',
    says: 'Rapport is a bot; kudos are for people',
  },
  { name: 'another bot', text: '<@UHELPER|helper> thanks', says: 'Helper Bot is a bot' },
  {
    name: 'a deactivated member',
    text: '<@UGONE> thanks',
    says: 'Former Colleague is no longer active',
  },
  { name: 'self-kudos', text: '<@UANA> thanks me', says: "can't give them to yourself" },
  {
    name: 'self among others',
    text: '<@ULI> <@UANA> thanks us',
    says: "can't give them to yourself",
  },
  {
    name: 'a 5,000-character message',
    text: `<@ULI> ${'a'.repeat(5000)}`,
    says: 'Your message is 5000 characters; please keep it to 1,000 or fewer',
  },
  {
    name: '1,001 characters',
    text: `<@ULI> ${'b'.repeat(1001)}`,
    says: 'Your message is 1001 characters',
  },
  { name: 'control characters only', text: '<@ULI> \u0000\u0007\u001b', says: 'Add a few words' },
  { name: 'newline-only message', text: '<@ULI>\n\n\n', says: 'Add a few words' },
  {
    name: 'zero-width characters only',
    text: '<@ULI> \u200b\u200c\u200d\u2060\ufeff',
    says: 'Add a few words',
  },
  {
    name: 'unknown #value',
    text: '<@ULI> thanks #synergy',
    says: "#synergy isn't one of this workspace's values. Use one of: #teamwork",
  },
  {
    name: 'two unknown #values',
    text: '<@ULI> thanks #synergy #hustle',
    says: "#synergy, #hustle aren't one of",
  },
  {
    name: 'a giver Slack does not know',
    text: '<@ULI> thanks',
    user: 'UNEWBIE',
    says: "I couldn't find you in this workspace's directory",
    lookedUp: 'UNEWBIE',
  },
  {
    name: 'six people, over the daily allowance',
    text: `${mentions(['ULI', 'USAM', 'UPRIYA', 'UBEN', 'UEVE', 'UQUIET'])} thanks`,
    says: 'You have 5 kudos left today, and this would give 6',
  },
];

const accepted: Accepted[] = [
  {
    name: 'the same person twice',
    text: '<@ULI> <@ULI|li> thanks for the review',
    to: ['ULI'],
    message: 'thanks for the review',
  },
  {
    name: 'exactly 1,000 characters',
    text: `<@ULI> ${'c'.repeat(1000)}`,
    to: ['ULI'],
    message: 'c'.repeat(1000),
  },
  {
    name: 'control characters in the message',
    text: '<@ULI> thanks\u0000 for\u0007 the fix\u001b',
    to: ['ULI'],
    message: 'thanks for the fix',
  },
  {
    name: 'SQL injection',
    text: "<@ULI> '); drop table kudos; --",
    to: ['ULI'],
    message: "'); drop table kudos; --",
  },
  {
    name: 'markup injection',
    text: `<@ULI> ${typed('<script>alert(1)</script> *bold* <https://evil.example|click> &lt;b&gt;')}`,
    to: ['ULI'],
    message: '<script>alert(1)</script> *bold* <https://evil.example|click> &lt;b&gt;',
    posted:
      '&lt;script&gt;alert(1)&lt;/script&gt; *bold* &lt;https://evil.example|click&gt; &amp;lt;b&amp;gt;',
  },
  {
    name: 'a typed <!channel>',
    text: `<@ULI> ${typed('thanks <!channel>')}`,
    to: ['ULI'],
    message: 'thanks <!channel>',
    posted: 'thanks &lt;!channel&gt;',
  },
  {
    name: 'a typed <@UBEN>',
    text: `<@ULI> ${typed('thanks <@UBEN>')}`,
    to: ['ULI'],
    message: 'thanks <@UBEN>',
    posted: 'thanks &lt;@UBEN&gt;',
  },
  {
    name: 'ampersand and percent',
    text: '<@ULI> 100% effort &amp; more',
    to: ['ULI'],
    message: '100% effort & more',
    posted: '100% effort &amp; more',
  },
  { name: 'emoji only', text: '<@ULI> 🎉🙏🏽', to: ['ULI'], message: '🎉🙏🏽' },
  { name: 'emoji codes only', text: '<@ULI> :tada: :pray:', to: ['ULI'], message: ':tada: :pray:' },
  {
    name: 'right-to-left text',
    text: '<@ULI> شكراً جزيلاً \u200fתודה רבה!',
    to: ['ULI'],
    message: 'شكراً جزيلاً \u200fתודה רבה!',
  },
  {
    name: '#Ownership in another case',
    text: '<@ULI> thanks for owning the release #Ownership',
    to: ['ULI'],
    message: 'thanks for owning the release #Ownership',
    values: ['ownership'],
  },
  { name: '#123', text: '<@ULI> fixed bug #123', to: ['ULI'], message: 'fixed bug #123' },
  {
    name: 'mentions with commas and "and"',
    text: '<@ULI|li>, <@USAM> and <@UPRIYA> thanks for the launch',
    to: ['ULI', 'UPRIYA', 'USAM'],
    message: 'thanks for the launch',
  },
  {
    name: 'mentions joined by &',
    text: '<@ULI> &amp; <@USAM> thanks for the launch',
    to: ['ULI', 'USAM'],
    message: 'thanks for the launch',
  },
  {
    name: 'a mention inside the sentence',
    text: 'thanks <@USAM|sam> for the review',
    to: ['USAM'],
    message: 'thanks <@USAM|sam> for the review',
  },
  { name: 'a colon after the mention', text: '<@ULI>: thanks!', to: ['ULI'], message: 'thanks!' },
  {
    name: 'a very long single word',
    text: `<@ULI> ${'Donaudampfschiff'.repeat(60)}`,
    to: ['ULI'],
    message: 'Donaudampfschiff'.repeat(60),
  },
  {
    name: 'Windows line breaks',
    text: '<@ULI> thanks\r\nfor everything',
    to: ['ULI'],
    message: 'thanks\nfor everything',
  },
  {
    name: 'NFD é stored as NFC',
    text: '<@ULI> merci pour le cafe\u0301',
    to: ['ULI'],
    message: 'merci pour le caf\u00e9',
  },
  { name: 'an external guest', text: '<@UKIM> thanks', to: ['UKIM'], message: 'thanks' },
];

describe(`/kudos with bad or unusual input (${databaseLabel})`, () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
  });
  afterAll(() => app?.close());

  beforeEach(async () => {
    await app.db.deleteFrom('interactions').execute();
    await app.db.deleteFrom('kudos').execute();
    await app.quiet();
  });

  const stored = async () => ({
    kudos: await app.db.selectFrom('kudos').selectAll().execute(),
    recipients: await app.db.selectFrom('kudos_recipients').selectAll().execute(),
    interactions: await app.db.selectFrom('interactions').selectAll().execute(),
  });
  const expectNothingStored = async () => {
    const { kudos, recipients, interactions } = await stored();
    expect([kudos.length, recipients.length, interactions.length]).toEqual([0, 0, 0]);
  };
  const dmsTo = (userId: string) =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${userId}`);

  it.each([
    { name: 'empty text', text: '' },
    { name: 'only spaces', text: '   ' },
  ])('$name opens the kudos form and stores nothing', async ({ text }) => {
    const sent = await app.command('/kudos', text, { user: 'UANA' });
    expect([sent.status, sent.text]).toEqual([200, '']);
    const opened = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    expect(opened.args.trigger_id).toBe(sent.triggerId);
    expect(opened.args.view.callback_id).toBe('kudos_modal');
    expect(sent.replies()).toEqual([]);
    await expectNothingStored();
  });

  it.each(rejected)('rejects $name privately', async ({ text, says, user, lookedUp }) => {
    const sent = await app.command('/kudos', text, { user: user ?? 'UANA' });
    expect([sent.status, sent.text]).toEqual([200, '']);
    const reply = (await sent.reply()).body;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).not.toBe(APOLOGY);
    expect(reply.text).toContain(says);
    expect(reply.text).not.toMatch(/error|exception|undefined|null|NaN|\[object|\bat \S+:\d+/i);
    if (lookedUp)
      expect(app.fake.callsTo('users.info').map((c) => c.args.user)).toContain(lookedUp);
    expect(sent.replies()).toHaveLength(1);
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
    await expectNothingStored();
  });

  it.each(accepted)(
    'accepts $name',
    async ({ text, to, message, values = [], posted = message }) => {
      const sent = await app.command('/kudos', text, { user: 'UANA', channel: 'CGENERAL' });
      expect([sent.status, sent.text]).toEqual([200, '']);
      const post = (await sent.reply()).body;
      expect(post.response_type).toBe('in_channel');
      expect(post.text.slice(-posted.length - 2)).toBe(`: ${posted}`);
      const headline = post.text.slice(0, -posted.length - 2);
      expect(headline).toContain('<@UANA> gave kudos to <@');
      for (const id of to) expect(headline).toContain(`<@${id}>`);
      const quoted = posted
        .split('\n')
        .map((line) => `>${line}`)
        .join('\n');
      expect(post.blocks[0].text.text.slice(-quoted.length - 1)).toBe(`\n${quoted}`);
      // Nothing in the post can ping or link except the giver and the recipients.
      const live = new RegExp(`<@(?:${['UANA', ...to].join('|')})(?:\\|[^<>]*)?>`, 'g');
      expect(post.text.replace(live, '')).not.toMatch(/[<>]/);

      await app.fake.waitFor(() => to.every((id) => dmsTo(id).length === 1));
      for (const id of to)
        expect(dmsTo(id)[0]!.args.text.slice(-posted.length - 2)).toBe(`: ${posted}`);
      expect(sent.replies()).toHaveLength(1);

      const { kudos, recipients, interactions } = await stored();
      expect(kudos).toHaveLength(1);
      expect(kudos[0]).toMatchObject({ giver_id: 'UANA', message, values, channel_id: 'CGENERAL' });
      expect(kudos[0]!.message).toBe(kudos[0]!.message.normalize('NFC'));
      expect(recipients.map((r) => r.recipient_id).sort()).toEqual(to);
      expect(
        interactions.map((i) => [i.member_id, i.other_member_id, i.source, i.source_ref]).sort(),
      ).toEqual(to.map((id) => ['UANA', id, 'kudos', kudos[0]!.id]));
    },
  );

  it('stores SQL injection text as data and keeps the kudos table', async () => {
    const sent = await app.command('/kudos', "<@USAM> '); drop table kudos; --", { user: 'UBEN' });
    expect((await sent.reply()).body.response_type).toBe('in_channel');
    await app.fake.waitFor(() => dmsTo('USAM').length === 1);
    const table = await sql<{
      name: string | null;
    }>`select to_regclass('kudos')::text as name`.execute(app.db);
    expect(table.rows).toEqual([{ name: 'kudos' }]);
    const rows = await app.db.selectFrom('kudos').select(['giver_id', 'message']).execute();
    expect(rows).toEqual([{ giver_id: 'UBEN', message: "'); drop table kudos; --" }]);
  });
});
