import { sql } from 'kysely';
import type { Text } from '../../src/core/conversation/text';
import { DEFAULT_KUDOS_VALUES } from '../../src/core/domain/kudos';
import type { KudosRejection } from '../../src/core/errors';
import { kudosForm, kudosRejectionText } from '../../src/core/messages/kudos';
import { APOLOGY } from '../support/words';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import {
  ANA_EXAMPLES,
  celebration,
  kudosNote,
  pings,
  privately,
  texts,
} from '../support/slack-messages';

/** What Slack sends for text a person typed: with escaping on, its &, < and > arrive escaped. */
const typed = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const mentions = (ids: string[]) => ids.map((id) => `<@${id}>`).join(' ');

interface Rejected {
  name: string;
  text: string;
  /** What the giver is told: the core's answer to this rejection (src/core/messages/kudos.ts). */
  says: Text;
  user?: string;
  /** An id the app should have asked Slack about (users.info) before answering. */
  lookedUp?: string;
}

interface Accepted {
  name: string;
  text: string;
  /** The recipients, in the order they were typed. */
  to: string[];
  /** The message as stored: plain text, decoded. */
  message: string;
  values?: string[];
  /** The message as posted in mrkdwn, when escaping changes it. */
  posted?: string;
}

/** Ana's answer to a refused kudos (the examples in it name two of her real colleagues). */
const refused = (r: KudosRejection) => kudosRejectionText(r, ANA_EXAMPLES);

const rejected: Rejected[] = [
  { name: 'only a mention', text: '<@ULI|li>', says: refused({ code: 'message_required' }) },
  { name: 'only a #value', text: '#craft', says: refused({ code: 'no_recipients' }) },
  {
    name: 'a mention and #values only',
    text: '<@ULI> #craft #Teamwork',
    says: refused({ code: 'message_required' }),
  },
  {
    name: 'no mention at all',
    text: 'thanks for the launch',
    says: refused({ code: 'no_recipients' }),
  },
  {
    name: '11 distinct recipients',
    text: `${mentions(['ULI', 'USAM', 'UPRIYA', 'UBEN', 'UEVE', 'UQUIET', 'UKIM', 'UHELPER', 'UGONE', 'UBOT', 'UNEW1'])} thanks all`,
    says: refused({ code: 'too_many_recipients', count: 11 }),
  },
  {
    name: 'unknown user id',
    text: '<@UNOBODY> thanks',
    says: refused({ code: 'unknown_recipient', name: 'UNOBODY' }),
    lookedUp: 'UNOBODY',
  },
  {
    name: 'unknown enterprise user id',
    text: '<@W0NOBODY|ghost> thanks',
    says: refused({ code: 'unknown_recipient', name: 'W0NOBODY' }),
    lookedUp: 'W0NOBODY',
  },
  { name: 'lower-case id', text: '<@u123> thanks', says: refused({ code: 'no_recipients' }) },
  { name: 'empty id', text: '<@> thanks', says: refused({ code: 'no_recipients' }) },
  {
    name: '@li typed as plain text',
    text: '@li thanks',
    says: refused({ code: 'unknown_recipient', name: '@li' }),
  },
  {
    name: 'a user group',
    text: '<!subteam^S0ENG|@eng> thanks',
    says: refused({ code: 'group_recipient', name: '@eng' }),
  },
  {
    name: 'a person and a user group',
    text: '<@ULI> <!subteam^S0ENG|@eng> thanks',
    says: refused({ code: 'group_recipient', name: '@eng' }),
  },
  {
    name: '@here',
    text: '<!here> thanks all',
    says: refused({ code: 'group_recipient', name: '@here' }),
  },
  {
    name: '@here, older format',
    text: '<!here|here> thanks',
    says: refused({ code: 'group_recipient', name: '@here' }),
  },
  {
    name: '@channel',
    text: '<!channel> thanks all',
    says: refused({ code: 'group_recipient', name: '@channel' }),
  },
  {
    name: '@everyone',
    text: '<!everyone> thanks',
    says: refused({ code: 'group_recipient', name: '@everyone' }),
  },
  {
    name: 'a channel instead of a person',
    text: '<#C0GENERAL|general> thanks for the help',
    says: refused({ code: 'no_recipients' }),
  },
  {
    name: 'Rapport itself',
    text: '<@UBOT> thanks',
    says: refused({ code: 'recipient_is_bot', name: 'Rapport' }),
  },
  {
    name: 'another bot',
    text: '<@UHELPER|helper> thanks',
    says: refused({ code: 'recipient_is_bot', name: 'Helper Bot' }),
  },
  {
    name: 'a deactivated member',
    text: '<@UGONE> thanks',
    says: refused({ code: 'recipient_deactivated', name: 'Former Colleague' }),
  },
  { name: 'self-kudos', text: '<@UANA> thanks me', says: refused({ code: 'self_kudos' }) },
  {
    name: 'self among others',
    text: '<@ULI> <@UANA> thanks us',
    says: refused({ code: 'self_kudos' }),
  },
  {
    name: 'a 5,000-character message',
    text: `<@ULI> ${'a'.repeat(5000)}`,
    says: refused({ code: 'message_too_long', count: 5000 }),
  },
  {
    name: '1,001 characters',
    text: `<@ULI> ${'b'.repeat(1001)}`,
    says: refused({ code: 'message_too_long', count: 1001 }),
  },
  {
    name: 'control characters only',
    text: '<@ULI> \u0000\u0007\u001b',
    says: refused({ code: 'message_required' }),
  },
  {
    name: 'newline-only message',
    text: '<@ULI>\n\n\n',
    says: refused({ code: 'message_required' }),
  },
  {
    name: 'zero-width characters only',
    text: '<@ULI> \u200b\u200c\u200d\u2060\ufeff',
    says: refused({ code: 'message_required' }),
  },
  {
    name: 'unknown #value',
    text: '<@ULI> thanks #synergy',
    says: refused({
      code: 'unknown_value',
      values: ['synergy'],
      allowed: [...DEFAULT_KUDOS_VALUES],
    }),
  },
  {
    name: 'two unknown #values',
    text: '<@ULI> thanks #synergy #hustle',
    says: refused({
      code: 'unknown_value',
      values: ['synergy', 'hustle'],
      allowed: [...DEFAULT_KUDOS_VALUES],
    }),
  },
  {
    name: 'a giver Slack does not know',
    text: '<@ULI> thanks',
    user: 'UNEWBIE',
    says: refused({ code: 'unknown_giver' }),
    lookedUp: 'UNEWBIE',
  },
  {
    name: 'six people, over the daily allowance',
    text: `${mentions(['ULI', 'USAM', 'UPRIYA', 'UBEN', 'UEVE', 'UQUIET'])} thanks`,
    says: refused({ code: 'daily_limit_reached', count: 6, remaining: 5, limit: 5 }),
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
    to: ['ULI', 'USAM', 'UPRIYA'],
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
    // Kept as the directory's name: no platform's markup is stored or replayed.
    message: 'thanks @Sam Okafor for the review',
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
  /** What the app posted in a person's DM with it: chat.postMessage to their user id. */
  const dmsTo = (userId: string) =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === userId);
  /** Waits for the adapter's work and the queue to finish, keeping what the fake recorded. */
  const drained = async () => {
    await app.slack.idle();
    await app.queue!.settled();
  };
  /** Every text Slack shows of a message, its notification summary first. */
  const shown = (message: Record<string, unknown>) => [
    String(message.text),
    ...texts(message.blocks),
  ];

  it.each([
    { name: 'empty text', text: '' },
    { name: 'only spaces', text: '   ' },
  ])('$name opens the kudos form and stores nothing', async ({ text }) => {
    const sent = await app.command('/kudos', text, { user: 'UANA' });
    expect([sent.status, sent.text]).toEqual([200, '']);
    const opened = await app.fake.waitFor(() => app.fake.callsTo('views.open')[0]);
    expect(opened.args.trigger_id).toBe(sent.triggerId);
    expect(opened.args.view.callback_id).toBe(kudosForm([], null).id);
    expect(JSON.parse(opened.args.view.private_metadata)).toEqual({ channelId: 'CGENERAL' });
    expect(sent.replies()).toEqual([]);
    await expectNothingStored();
  });

  it.each(rejected)('rejects $name privately', async ({ text, says, user, lookedUp }) => {
    const sent = await app.command('/kudos', text, { user: user ?? 'UANA' });
    expect([sent.status, sent.text]).toEqual([200, '']);
    const reply = (await sent.reply()).body;
    expect(reply).toEqual(privately(says));
    expect(reply.text).not.toBe(APOLOGY);
    for (const words of shown(reply))
      expect(words).not.toMatch(/error|exception|undefined|null|NaN|\[object|\bat \S+:\d+/i);
    if (lookedUp)
      expect(app.fake.callsTo('users.info').map((c) => c.args.user)).toContain(lookedUp);
    expect(sent.replies()).toHaveLength(1);
    await drained();
    expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
    await expectNothingStored();
  });

  it.each(accepted)(
    'accepts $name',
    async ({ text, to, message, values = [], posted = message }) => {
      const sent = await app.command('/kudos', text, { user: 'UANA', channel: 'CGENERAL' });
      expect([sent.status, sent.text]).toEqual([200, '']);
      const kudos = { giverId: 'UANA', recipientIds: to, message, values };
      const post = (await sent.reply()).body;
      expect(post).toEqual({ response_type: 'in_channel', ...celebration(kudos) });
      // The summary ends with the message and the quote is the message, escaped as posted.
      expect(post.text.slice(-posted.length - 2)).toBe(`: ${posted}`);
      const quoted = posted
        .split('\n')
        .map((line) => `>${line}`)
        .join('\n');
      const [headline, quote] = texts(post.blocks);
      expect(quote).toBe(quoted);
      expect(pings(headline!)).toEqual(['UANA', ...to]);
      // Nothing in the post can ping or link except the giver and the recipients.
      const live = new RegExp(`<@(?:${['UANA', ...to].join('|')})(?:\\|[^<>]*)?>`, 'g');
      for (const words of shown(post))
        expect(words.replace(live, '').replace(/^>/gm, '')).not.toMatch(/[<>]/);

      await app.fake.waitFor(() => to.every((id) => dmsTo(id).length === 1));
      for (const id of to) {
        const dm = dmsTo(id)[0]!.args;
        expect(dm).toMatchObject(kudosNote(kudos, 'CGENERAL'));
        expect(dm.text.slice(-posted.length - 2)).toBe(`: ${posted}`);
        expect(texts(dm.blocks)[1]).toBe(quoted);
      }
      expect(sent.replies()).toHaveLength(1);

      const { kudos: rows, recipients, interactions } = await stored();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ giver_id: 'UANA', message, values, channel_id: 'CGENERAL' });
      expect(rows[0]!.message).toBe(rows[0]!.message.normalize('NFC'));
      const sorted = [...to].sort();
      expect(recipients.map((r) => r.recipient_id).sort()).toEqual(sorted);
      expect(
        interactions.map((i) => [i.member_id, i.other_member_id, i.source, i.source_ref]).sort(),
      ).toEqual(sorted.map((id) => ['UANA', id, 'kudos', rows[0]!.id]));
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
