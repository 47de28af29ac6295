import MarkdownIt from 'markdown-it';
import type { ActionPayload } from '../../src/core/conversation/actions';
import {
  buttons,
  card,
  context,
  divider,
  header,
  input,
  section,
  type Block,
  type Button,
  type Card,
  type Form,
} from '../../src/core/conversation/card';
import {
  bold,
  br,
  channel,
  command,
  date,
  link,
  mention,
  plainText,
  text,
  type Text,
} from '../../src/core/conversation/text';
import { settingsForm, roundChannelForm } from '../../src/core/messages/admin-forms';
import { kudosForm } from '../../src/core/messages/kudos';
import { FALLBACK_EXAMPLES } from '../../src/core/messages/common';
import { helpCard } from '../../src/core/messages/help';
import { moreLeftOut } from '../../src/core/messages/limits';
import { composeOutbound } from '../../src/core/messages/outbound';
import { namesOf } from '../../src/core/messages/people';
import type { OutboundMessage } from '../../src/core/domain/outbound';
import { fieldNeedsAnswer } from '../../src/core/messages/teams';
import { DEFAULT_ROUND_CHANNEL, type RoundChannel } from '../../src/core/domain/rounds';
import {
  DEFAULT_FOLLOWUP_AFTER_MET_DAYS,
  DEFAULT_KUDOS_DIGEST,
  DEFAULT_KUDOS_PROMPT,
  DEFAULT_WELCOME,
} from '../../src/core/domain/settings';
import type { WorkspaceSettings } from '../../src/core/ports';
import {
  readInvoke,
  readSubmit,
  renderCard,
  renderForm,
  withErrors,
  type AdaptiveCard,
  type RenderOptions,
} from '../../src/adapters/teams/render';
import { cardProblems } from '../support/adaptive-cards';

const ana = { userId: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', name: 'Ana Silva' };
const li = { userId: '5b0c1e7a-2f1d-4c8e-9a51-0d3b7c6e1f22', name: 'Li Wei' };
const done: Button = { label: 'Done', action: 'reminder_done', payload: { id: 'r1' } };
const UPNS: Record<string, string> = { [ana.userId]: 'ana.silva@contoso.com' };
const upnOf = (id: string) => UPNS[id] ?? null;

/** A card as Teams gets it, checked by the Adaptive Cards library before any test reads it. */
function draw(c: Card, options: RenderOptions = {}): AdaptiveCard {
  const rendered = renderCard(c, options);
  expect(cardProblems(rendered)).toEqual([]);
  return rendered;
}
const bodyOf = (...blocks: Block[]) => draw(card('summary', ...blocks)).body as any[];
/** The Markdown of a text, drawn as a lone section. */
const md = (t: Text) => bodyOf(section(t))[0]?.text as string;

const parser = new MarkdownIt({ linkify: true });
/** HTML a CommonMark renderer makes of the Markdown (Teams' own follows CommonMark). */
const html = (markdown: string) => parser.render(markdown);
/** What a reader sees: the rendered words, the invisible joiner left out. */
const seen = (markdown: string) =>
  html(markdown)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '')
    .replace(/\u00a0/g, ' ')
    .trim();

/** Every string in a card Teams reads mentions from. */
function mentionTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mentionTexts);
  if (typeof node !== 'object' || node === null) return [];
  const r = node as Record<string, unknown>;
  const own = [
    ...(r.type === 'TextBlock' && typeof r.text === 'string' ? [r.text] : []),
    ...(typeof r.title === 'string' && typeof r.value === 'string' ? [r.title, r.value] : []),
  ];
  return [...own, ...Object.values(r).flatMap(mentionTexts)];
}

/** Each entity's text stands in the card, and each <at> tag in the card has its entity. */
function expectMentionsMatch(c: AdaptiveCard) {
  const texts = mentionTexts(c.body);
  const tags = new Set(texts.flatMap((t) => t.match(/<at>[^<]*<\/at>/g) ?? []));
  expect(c.msteams.entities.map((e) => e.text).sort()).toEqual([...tags].sort());
  for (const e of c.msteams.entities) expect(texts.some((t) => t.includes(e.text))).toBe(true);
}

describe('text as Teams Markdown', () => {
  it('shows what a person typed as typed: no bold, mention, link, date or list', () => {
    const typed =
      '**not bold** _nor italic_ `code` ~~no~~ <at>Ana Silva</at> [click](https://evil.example) ' +
      '{{DATE(2017-02-14T06:00:00Z, SHORT)}} &lt; a & b \\ c <b>x</b>';
    const out = md(text(typed));
    expect(out).not.toContain('<at>');
    expect(out).not.toContain('{{');
    expect(html(out)).not.toMatch(/<(strong|em|code|s|del|b)\b|>click<\/a>/);
    expect(seen(out)).toBe(typed);
  });

  it('keeps a line a person typed from starting a heading, list, quote or code block', () => {
    const lines = [
      '# title',
      '- item',
      '+ item',
      '1. first',
      '2) second',
      '> quoted',
      '    code',
      '===',
    ];
    const out = md(text(lines.join('\n')));
    expect(html(out)).not.toMatch(/<(h\d|ul|ol|li|blockquote|pre|code|hr)\b/);
    expect(seen(out).split('\n').filter(Boolean)).toEqual(lines);
  });

  it('writes bold that Teams draws, each line on its own, spaces outside', () => {
    expect(md([bold('Ana & Li')])).toBe('**Ana & Li**');
    expect(md(text('a', bold(' 5 * 3 '), 'b'))).toBe('a **5 \\* 3** b');
    expect(md([bold('two\nlines')])).toBe('**two**\n\n**lines**');
    expect(html(md(text('a', bold(' 5 * 3 '), 'b')))).toContain('<strong>5 * 3</strong>');
    expect(bodyOf(section([bold('  ')]))).toEqual([]);
  });

  it('writes a line break as a new paragraph, the only break Teams keeps', () => {
    expect(md(text('one', br, 'two\nthree'))).toBe('one\n\ntwo\n\nthree');
    expect(md(text('one\n\n\n\ntwo'))).toBe('one\n\ntwo');
    expect(seen(md(text('one', br, 'two')))).toBe('one\ntwo');
  });

  it('writes a command as typed, Teams cards having no inline code', () => {
    expect(md(text('Try ', command('/kudos @ana thanks_a_lot')))).toBe(
      'Try /kudos @ana thanks\\_a\\_lot',
    );
  });

  it('mentions a person by <at>name</at> with an entity naming their Entra object id', () => {
    const c = draw(card('s', section(text('Thanks ', mention(ana), '!'))));
    expect(c.body[0]!.text).toBe('Thanks <at>Ana Silva</at>!');
    expect(c.msteams.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Ana Silva</at>',
        mentioned: { id: ana.userId, name: 'Ana Silva' },
      },
    ]);
  });

  it('gives each person one entity, and never lets a namesake take another’s mention', () => {
    const namesake = { userId: 'ffffffff-0000-0000-0000-000000000001', name: 'Ana Silva' };
    const c = draw(
      card(
        's',
        section(text(mention(ana), ' and ', mention(ana))),
        section(text(mention(namesake), ' and ', mention({ ...li, name: 'Li <b>Wei</b>' }))),
      ),
    );
    expect(c.body.map((b) => b.text)).toEqual([
      '<at>Ana Silva</at> and <at>Ana Silva</at>',
      'Ana Silva and <at>Li bWei/b</at>',
    ]);
    expect(c.msteams.entities.map((e) => [e.text, e.mentioned.id])).toEqual([
      ['<at>Ana Silva</at>', ana.userId],
      ['<at>Li bWei/b</at>', li.userId],
    ]);
    expectMentionsMatch(c);
  });

  it('writes a channel by its name with #', () => {
    expect(md(text('in ', channel('19:abc@thread.tacv2', 'coffee & tea')))).toBe(
      'in #coffee & tea',
    );
    expect(md(text('in ', channel('19:abc@thread.tacv2', '#kudos')))).toBe('in #kudos');
    // At the start of a line, # would make a heading.
    expect(html(md([channel('19:x', 'kudos')]))).not.toMatch(/<h1/);
  });

  it('writes a calendar day in words, and instants with the date functions Teams localises', () => {
    const at = '2025-03-04T23:30:00.000Z';
    // Already Wednesday in Auckland: a day is the day where it was set.
    expect(md([date(at, 'Pacific/Auckland', 'day')])).toBe('Wednesday 5 March 2025');
    expect(md([date(at, 'Europe/Berlin', 'moment')])).toBe(
      '{{DATE(2025-03-04T23:30:00Z, LONG)}} {{TIME(2025-03-04T23:30:00Z)}}',
    );
    expect(md([date(at, 'UTC', 'time')])).toBe('{{TIME(2025-03-04T23:30:00Z)}}');
    expect(md([date('2025-03-04T23:30:00+02:00', 'UTC', 'short')])).toBe(
      '{{DATE(2025-03-04T21:30:00Z, SHORT)}}',
    );
    expect(md([date('not a date', 'UTC', 'moment')])).toBe('not a date');
    // For a client that shows the functions as written: the words, in the zone the core gave.
    const words = draw(card('s', section([date(at, 'Europe/Berlin', 'moment')])), {
      dates: 'words',
    });
    expect(words.body[0]!.text).toBe('Wednesday 5 March at 00:30');
  });

  it('links only web addresses, the label escaped, brackets in the address encoded', () => {
    expect(md([link('https://acme.example/a?b=1&c=2', 'Q&A [here]')])).toBe(
      '[Q&A \\[here\\]](https://acme.example/a?b=1&c=2)',
    );
    expect(md([link('https://acme.example/wiki/A_(b)', 'wiki')])).toBe(
      '[wiki](https://acme.example/wiki/A_%28b%29)',
    );
    expect(html(md([link('https://acme.example/wiki/A_(b)', 'wiki')]))).toContain(
      'href="https://acme.example/wiki/A_%28b%29"',
    );
    expect(md([link('javascript:alert(1)', 'click')])).toBe('click');
    expect(md([link('not a url', 'words')])).toBe('words');
  });
});

describe('renderCard', () => {
  it('is an Adaptive Card 1.5 at Teams’ full width', () => {
    const c = draw(card('Time to follow up', section(text('Hello'))));
    expect(c).toMatchObject({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      msteams: { width: 'Full', entities: [] },
    });
    expect(c.actions).toBeUndefined();
  });

  it('draws every kind of block', () => {
    const c = draw(
      card(
        'summary',
        header('Follow-ups'),
        section(text('With ', mention(ana)), done),
        { type: 'quote', text: text('thanks\n> for <all>') },
        {
          type: 'fields',
          fields: [
            { label: 'Due', value: text(date('2025-03-04T23:30:00Z', 'UTC', 'short')) },
            { label: 'With', value: text(mention(li)) },
          ],
        },
        context(text('Set with ', command('/followup'))),
        divider,
        buttons(
          { ...done, style: 'primary' },
          { label: 'Cancel', action: 'reminder_cancel', payload: { id: 'r1' }, style: 'danger' },
          { label: 'Snooze', action: 'reminder_snooze_day' },
        ),
        {
          type: 'links',
          links: [
            { label: 'Guide', url: 'https://acme.example/guide' },
            {
              label: 'Open a chat',
              chatWith: { userIds: [ana.userId], topic: 'Intro', message: 'Hi' },
            },
          ],
        },
      ),
      { upnOf },
    );
    const [head, sect, quote, facts, ctx, actions, links] = c.body as any[];
    expect(head).toEqual({
      type: 'TextBlock',
      text: 'Follow-ups',
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
    });
    expect(sect).toMatchObject({
      type: 'ColumnSet',
      columns: [
        { width: 'stretch', items: [{ type: 'TextBlock', text: 'With <at>Ana Silva</at>' }] },
        {
          width: 'auto',
          items: [
            {
              type: 'ActionSet',
              actions: [{ type: 'Action.Execute', verb: 'reminder_done', data: { id: 'r1' } }],
            },
          ],
        },
      ],
    });
    // A typed ">" stays a character: the quote is the shaded box around it.
    expect(quote).toEqual({
      type: 'Container',
      style: 'emphasis',
      items: [{ type: 'TextBlock', text: 'thanks\n\n\\> for <\u2060all>', wrap: true }],
    });
    expect(facts).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Due', value: '{{DATE(2025-03-04T23:30:00Z, SHORT)}}' },
        { title: 'With', value: '<at>Li Wei</at>' },
      ],
    });
    expect(ctx).toEqual({
      type: 'TextBlock',
      text: 'Set with /followup',
      wrap: true,
      size: 'Small',
      isSubtle: true,
    });
    // The divider is the line above what follows it.
    expect(actions.separator).toBe(true);
    expect(actions.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Done',
        verb: 'reminder_done',
        data: { id: 'r1' },
        associatedInputs: 'none',
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        title: 'Cancel',
        verb: 'reminder_cancel',
        data: { id: 'r1' },
        associatedInputs: 'none',
        style: 'destructive',
      },
      {
        type: 'Action.Execute',
        title: 'Snooze',
        verb: 'reminder_snooze_day',
        associatedInputs: 'none',
      },
    ]);
    expect(links.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Guide', url: 'https://acme.example/guide' },
      {
        type: 'Action.OpenUrl',
        title: 'Open a chat',
        url: 'https://teams.microsoft.com/l/chat/0/0?users=ana.silva@contoso.com&topicName=Intro&message=Hi',
      },
    ]);
    expect(c.msteams.entities.map((e) => e.mentioned.id)).toEqual([ana.userId, li.userId]);
    expectMentionsMatch(c);
  });

  it('draws the cards Rapport sends, each mention with its entity, channels by name', () => {
    const coffee = '19:coffee@thread.tacv2';
    const members = [
      { ...ana, department: 'Finance', title: 'Analyst' },
      { ...li, department: 'Sales', title: null },
    ];
    const messages: OutboundMessage[] = [
      {
        kind: 'round_intro',
        channelId: coffee,
        members,
        starter: 'What are you *working* on?',
        sharedHours: { start: '2025-03-04T09:00:00Z', end: '2025-03-04T15:30:00Z' },
      },
      { kind: 'round_checkin', groupId: 'g1', channelId: coffee },
      {
        kind: 'kudos_post',
        kudosId: 'k1',
        giverId: ana.userId,
        recipientIds: [li.userId],
        message: 'for **untangling** <at>billing</at> #craft',
        values: ['craft'],
      },
      {
        kind: 'followup_reminder',
        reminderId: 'r1',
        version: 1,
        otherId: li.userId,
        about: 'the budget_review',
        origin: 'manual',
        since: '2025-03-01T10:00:00Z',
      },
      { kind: 'intro_opened', members, mutualId: null },
    ];
    const options = { upnOf, channelName: (id: string) => (id === coffee ? 'coffee' : null) };
    const cards = [
      ...messages.map((m) => composeOutbound(m, namesOf([ana, li]), 'Europe/Berlin')),
      helpCard(FALLBACK_EXAMPLES),
    ];
    for (const c of cards.map((one) => draw(one, options))) {
      expectMentionsMatch(c);
      for (const words of mentionTexts(c.body)) expect(words).not.toContain('@thread.tacv2');
    }
    const intro = draw(cards[0]!, options);
    expect(intro.body[0]!.text).toContain('#coffee');
    expect(intro.msteams.entities.map((e) => e.mentioned.id)).toEqual([ana.userId, li.userId]);
  });

  it('leaves out blocks with nothing to show, keeping a lone button, and dividers at the ends', () => {
    const body = bodyOf(
      divider,
      header('  '),
      section([]),
      context([]),
      section([], done),
      divider,
    );
    expect(body).toEqual([
      {
        type: 'ActionSet',
        actions: [expect.objectContaining({ verb: 'reminder_done' })],
      },
    ]);
  });

  it('puts at most 6 actions in a row, as Teams draws no more', () => {
    const many = Array.from({ length: 8 }, (_v, i): Button => ({
      label: `Snooze ${i}`,
      action: 'reminder_snooze_day',
      payload: { id: `r${i}` },
    }));
    expect(bodyOf(buttons(...many)).map((row) => row.actions.length)).toEqual([6, 2]);
  });

  it('refuses a payload that would collide with Rapport’s own data', () => {
    const clash = { label: 'Go', action: 'round_join' as const, payload: { rapportForm: 'x' } };
    expect(() => renderCard(card('s', buttons(clash)))).toThrow(RangeError);
  });

  describe('a link to start a chat', () => {
    const chat = (userIds: string[], topic = 'Coffee: Ana & Li', message = 'Hi, both!') =>
      draw(
        card('s', {
          type: 'links',
          links: [{ label: 'Chat', chatWith: { userIds, topic, message } }],
        }),
        { upnOf },
      ).body as any[];
    const urlOf = (body: any[]) => body[0]?.actions[0]?.url as string | undefined;

    it('names people by user principal name, encoded, the rest left out', () => {
      UPNS['u-two'] = 'li.wei+team@contoso.com';
      const url = urlOf(chat([ana.userId, 'nobody', 'u-two', ana.userId]))!;
      expect(url).toBe(
        'https://teams.microsoft.com/l/chat/0/0?users=ana.silva@contoso.com,li.wei%2Bteam@contoso.com' +
          '&topicName=Coffee%3A%20Ana%20%26%20Li&message=Hi%2C%20both!',
      );
      const query = new URL(url).searchParams;
      expect(query.get('users')).toBe('ana.silva@contoso.com,li.wei+team@contoso.com');
      expect(query.get('topicName')).toBe('Coffee: Ana & Li');
      expect(query.get('message')).toBe('Hi, both!');
    });

    it('is left out when nobody in it can be named, or without a way to name people', () => {
      expect(chat(['nobody'])).toEqual([]);
      const noNames = renderCard(
        card('s', {
          type: 'links',
          links: [{ label: 'Chat', chatWith: { userIds: [ana.userId], topic: '', message: '' } }],
        }),
      );
      expect(noNames.body).toEqual([]);
    });

    it('leaves out a web link that is not http(s)', () => {
      expect(
        bodyOf({ type: 'links', links: [{ label: 'x', url: 'javascript:alert(1)' }] }),
      ).toEqual([]);
    });
  });

  describe('within Teams’ message size', () => {
    const bytes = (c: AdaptiveCard) => Buffer.byteLength(JSON.stringify(c), 'utf8');

    it('leaves out what does not fit in 28 KB, saying so at the end', () => {
      const items = Array.from({ length: 200 }, (_v, i) =>
        section(text(`item ${i} `, mention(i % 2 ? ana : li), ' ', 'x'.repeat(300)), {
          ...done,
          payload: { id: `r${i}` },
        }),
      );
      const c = draw(card('many', ...items));
      expect(bytes(c)).toBeLessThanOrEqual(28 * 1024);
      expect(bytes(c)).toBeGreaterThan(26 * 1024);
      expect(c.body.length).toBeLessThan(200);
      expect(c.body.at(-1)).toEqual({
        type: 'TextBlock',
        text: md(moreLeftOut()),
        wrap: true,
        size: 'Small',
        isSubtle: true,
      });
      expectMentionsMatch(c);
    });

    it('shortens one long text by its words, no escape, tag or date function cut in half', () => {
      const message: Text = [];
      for (let i = 0; i < 1000; i++)
        message.push(
          ...text(
            'R&D <3 *stars* ',
            mention(ana),
            ' ',
            date('2025-03-04T23:30:00Z', 'UTC', 'time'),
          ),
        );
      expect(plainText(message).length).toBeGreaterThan(30000);
      const c = draw(card('long', { type: 'quote', text: message }, section(text('after'))));
      const quote = c.body[0]!.items as any[];
      const words = quote[0].text as string;
      expect(words.length).toBeLessThanOrEqual(6000);
      expect(words.length).toBeGreaterThan(5800);
      expect(words.endsWith('…')).toBe(true);
      // Every backslash escapes a character, every tag and function is whole.
      expect(words.replace(/\\[\\*<&]|\\./g, '')).not.toContain('\\');
      expect(words.replace(/<at>Ana Silva<\/at>/g, '')).not.toMatch(/<at|<\/at/);
      expect(words.replace(/\{\{TIME\(2025-03-04T23:30:00Z\)\}\}/g, '')).not.toMatch(/\{\{|\}\}/);
      expect(c.body[1]!.text).toBe('after');
      expectMentionsMatch(c);
    });

    it('has no entity for a mention left out with its block', () => {
      const filler = Array.from({ length: 100 }, (_v, i) =>
        section(text(`${i} `, 'y'.repeat(500))),
      );
      const c = draw(card('s', ...filler, section(text('late ', mention(li)))));
      expect(JSON.stringify(c.body)).not.toContain('Li Wei');
      expect(c.msteams.entities).toEqual([]);
    });
  });
});

const settings: Form = {
  id: 'settings',
  title: 'Rapport settings',
  submit: 'Save',
  close: 'Cancel',
  state: { departmentFields: 'no' },
  blocks: [
    header('Kudos'),
    input({
      id: 'limit',
      label: 'Kudos per person per day',
      kind: 'number',
      min: 1,
      max: 100,
      initial: 5,
    }),
    input({
      id: 'values',
      label: 'Values',
      kind: 'text',
      initial: '#craft',
      placeholder: '#teamwork #craft',
      multiline: true,
      maxLength: 500,
      hint: 'Separated by spaces; *not* Markdown.',
    }),
    input({
      id: 'day',
      label: 'Day',
      kind: 'select',
      options: [
        { label: 'Monday', value: '1' },
        { label: 'Tuesday', value: '2' },
      ],
      initial: '2',
      placeholder: 'Choose a day',
    }),
    input({
      id: 'leftover',
      label: 'An odd person out',
      kind: 'select',
      radio: true,
      options: [
        { label: 'Joins a group', value: 'join' },
        { label: 'Sits out & is told', value: 'sit_out' },
      ],
      initial: 'sit_out',
    }),
    input({
      id: 'welcome',
      label: 'New members',
      kind: 'checkbox',
      text: 'Welcome <new> members',
      initial: true,
    }),
    input({
      id: 'digest',
      label: 'Digest',
      kind: 'checkbox',
      text: 'Send a digest',
      initial: false,
    }),
    input({ id: 'people', label: 'Who helped?', kind: 'people', max: 10, placeholder: 'Pick' }),
    input({ id: 'one', label: 'Mentor', kind: 'people', max: 1, optional: true }),
    input({
      id: 'channel',
      label: 'Kudos channel',
      kind: 'channel',
      initial: '19:kudos@thread.tacv2',
      optional: true,
    }),
    section(
      text('Rounds run in ', channel('19:coffee@thread.tacv2', 'coffee'), ' with ', mention(ana)),
      {
        label: 'Edit',
        action: 'round_edit',
        payload: { id: '19:coffee@thread.tacv2' },
      },
    ),
  ],
};

/** A Teams workspace's settings, as the settings form opens with them. */
const workspace: WorkspaceSettings = {
  workspaceId: 'tenant-1',
  kudosChannelId: '19:kudos@thread.tacv2',
  kudosValues: ['craft', 'care'],
  dailyKudosLimit: 5,
  timezone: 'Europe/Berlin',
  timezoneChosen: true,
  departmentField: null,
  kudosPrompt: DEFAULT_KUDOS_PROMPT,
  kudosDigest: DEFAULT_KUDOS_DIGEST,
  followupAfterMetDays: DEFAULT_FOLLOWUP_AFTER_MET_DAYS,
  historyDays: 730,
  minDepartmentSize: 5,
  welcome: DEFAULT_WELCOME,
};
const round: RoundChannel = {
  ...DEFAULT_ROUND_CHANNEL,
  id: 'rc1',
  workspaceId: 'tenant-1',
  channelId: '19:coffee@thread.tacv2',
};

const channels = [
  { label: '#kudos', value: '19:kudos@thread.tacv2' },
  { label: '#coffee', value: '19:coffee@thread.tacv2' },
];

/** A form as Teams gets it, checked by the Adaptive Cards library. */
function drawForm(form: Form, options: Parameters<typeof renderForm>[1] = {}) {
  const rendered = renderForm(form, options);
  expect(cardProblems(rendered)).toEqual([]);
  return rendered;
}

describe('renderForm', () => {
  const c = drawForm(settings, { channels });
  const field = (id: string) => c.body.find((b) => b.id === id) as any;
  const after = (id: string) => c.body[c.body.findIndex((b) => b.id === id) + 1] as any;

  it('is a card with the title on top, a submit and a cancel', () => {
    expect(c.body[0]).toMatchObject({ type: 'TextBlock', text: 'Rapport settings', size: 'Large' });
    expect(c.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Save',
        verb: 'form:settings',
        data: {
          rapportForm: 'settings',
          state: { departmentFields: 'no' },
          rapportInputs: {
            limit: 'number',
            values: 'text',
            day: 'select',
            leftover: 'select',
            welcome: 'checkbox',
            digest: 'checkbox',
            people: 'people',
            one: 'people',
            channel: 'channel',
          },
        },
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        title: 'Cancel',
        verb: 'form-cancel:settings',
        data: { rapportCancel: 'settings' },
        associatedInputs: 'none',
      },
    ]);
  });

  it('labels each input, requires what is not optional, and says what is missing', () => {
    const limit = settings.blocks.find((b) => b.type === 'input' && b.input.id === 'limit') as any;
    expect(field('limit')).toMatchObject({
      type: 'Input.Number',
      label: 'Kudos per person per day',
      isRequired: true,
      errorMessage: fieldNeedsAnswer(limit.input),
      min: 1,
      max: 100,
      value: 5,
    });
    expect(field('channel').isRequired).toBeUndefined();
    expect(field('channel').errorMessage).toBeUndefined();
  });

  it('draws text with its limits, value and placeholder, the hint under it', () => {
    expect(field('values')).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      maxLength: 500,
      value: '#craft',
      placeholder: '#teamwork #craft',
    });
    expect(after('values')).toEqual({
      type: 'TextBlock',
      text: 'Separated by spaces; \\*not\\* Markdown.',
      wrap: true,
      size: 'Small',
      spacing: 'Small',
      isSubtle: true,
    });
  });

  it('draws a choice as a menu, or radio buttons, with the current choice', () => {
    expect(field('day')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'compact',
      placeholder: 'Choose a day',
      value: '2',
      choices: [
        { title: 'Monday', value: '1' },
        { title: 'Tuesday', value: '2' },
      ],
    });
    expect(field('leftover')).toMatchObject({ style: 'expanded', value: 'sit_out' });
  });

  it('draws a box as a toggle whose values are "true" and "false", never required', () => {
    expect(field('welcome')).toEqual({
      type: 'Input.Toggle',
      id: 'welcome',
      label: 'New members',
      title: 'Welcome <new> members',
      value: 'true',
      valueOn: 'true',
      valueOff: 'false',
      wrap: true,
    });
    expect(field('digest').value).toBe('false');
  });

  it('draws people with Teams’ people picker, several or one', () => {
    expect(field('people')).toEqual({
      type: 'Input.ChoiceSet',
      id: 'people',
      placeholder: 'Pick',
      label: 'Who helped?',
      isRequired: true,
      errorMessage: expect.any(String),
      choices: [],
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      isMultiSelect: true,
    });
    expect(field('one').isMultiSelect).toBeUndefined();
    const inChannel = drawForm(settings, { channels, people: 'conversation' });
    expect((inChannel.body.find((b) => b.id === 'people') as any)['choices.data'].dataset).toBe(
      'graph.microsoft.com/users?scope=currentContext',
    );
  });

  it('draws a channel as a choice of the channels the adapter gives', () => {
    expect(field('channel')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'compact',
      value: '19:kudos@thread.tacv2',
      choices: [
        { title: '#kudos', value: '19:kudos@thread.tacv2' },
        { title: '#coffee', value: '19:coffee@thread.tacv2' },
      ],
    });
    // The channel set now stays a choice even when the adapter no longer lists it.
    const lost = drawForm(settings, { channels: channels.slice(1) });
    expect(
      (lost.body.find((b) => b.id === 'channel') as any).choices.map((o: any) => o.value),
    ).toEqual(['19:coffee@thread.tacv2', '19:kudos@thread.tacv2']);
    const none = drawForm({
      ...settings,
      blocks: [input({ id: 'c', label: 'C', kind: 'channel' })],
    });
    expect(none.body[1]).toMatchObject({ type: 'Input.Text', id: 'c', isRequired: true });
  });

  it('leaves out a choice with nothing to choose from', () => {
    const form = {
      ...settings,
      blocks: [input({ id: 'v', label: 'V', kind: 'select', options: [], optional: true })],
    };
    expect(drawForm(form).body).toHaveLength(1);
  });

  it('draws the other blocks as a card draws them, mentions included', () => {
    const last = c.body.at(-1) as any;
    expect(last.type).toBe('ColumnSet');
    expect(last.columns[0].items[0].text).toBe('Rounds run in #coffee with <at>Ana Silva</at>');
    expect(last.columns[1].items[0].actions[0]).toMatchObject({
      verb: 'round_edit',
      associatedInputs: 'none',
    });
    expectMentionsMatch(c);
  });

  it('draws every form Rapport opens', () => {
    const forms = [
      kudosForm(['craft', 'care'], '19:general@thread.tacv2'),
      kudosForm([], null),
      settingsForm(workspace, [{ label: 'Department', value: 'department' }], [round]),
      settingsForm({ ...workspace, kudosChannelId: null }, null, []),
      roundChannelForm({ ...DEFAULT_ROUND_CHANNEL, channelId: '19:coffee@thread.tacv2' }),
      roundChannelForm({ ...DEFAULT_ROUND_CHANNEL, channelId: null }),
    ];
    for (const form of forms) {
      const drawn = drawForm(form, { channels });
      expect(drawn.body.filter((b) => b.type.startsWith('Input.')).length).toBeGreaterThan(0);
    }
  });

  it('refuses an input id that would collide with Rapport’s own data', () => {
    const form = { ...settings, blocks: [input({ id: 'state', label: 'S', kind: 'text' })] };
    expect(() => renderForm(form)).toThrow(RangeError);
  });
});

describe('withErrors', () => {
  const typed = {
    limit: '500',
    values: 'craft care',
    welcome: false,
    people: [ana.userId, li.userId],
    channel: '19:coffee@thread.tacv2',
  };
  const c = withErrors(
    settings,
    { limit: 'Choose a number from 1 to 100.', nowhere: 'Something else went wrong.' },
    { channels, values: typed },
  );
  const field = (id: string) => c.body.find((b) => b.id === id) as any;

  it('shows each mistake under its field, and one for no field at the top', () => {
    expect(cardProblems(c)).toEqual([]);
    const at = c.body.findIndex((b) => b.id === 'limit');
    expect(c.body[at + 1]).toEqual({
      type: 'TextBlock',
      text: 'Choose a number from 1 to 100.',
      wrap: true,
      size: 'Small',
      spacing: 'Small',
      color: 'Attention',
    });
    expect(c.body[1]).toMatchObject({ text: 'Something else went wrong.', color: 'Attention' });
  });

  it('keeps what was submitted', () => {
    expect(field('limit').value).toBe(500);
    expect(field('values').value).toBe('craft care');
    expect(field('welcome').value).toBe('false');
    expect(field('people').value).toBe(`${ana.userId},${li.userId}`);
    expect(field('channel').value).toBe('19:coffee@thread.tacv2');
    // Nothing submitted for it: the form's own choice.
    expect(field('day').value).toBe('2');
  });
});

/** What Teams sends for a press of `action` (Action.Execute), inputs merged into its data. */
function invokeValue(action: any, inputs: Record<string, string> = {}) {
  return {
    action: {
      type: 'Action.Execute',
      id: action.id,
      verb: action.verb,
      data: { ...(action.data ?? {}), ...(action.associatedInputs === 'none' ? {} : inputs) },
    },
    trigger: 'manual',
  };
}
/** What Teams sends for Action.Submit: a message whose value is the data, inputs merged in. */
function submitValue(action: any, inputs: Record<string, string> = {}) {
  return { ...(action.data ?? {}), ...(action.associatedInputs === 'none' ? {} : inputs) };
}

/** Every input of the settings form as Teams sends it: each a string, empty when left so. */
const sent = {
  limit: '7',
  values: '#craft #care',
  day: '1',
  leftover: 'join',
  welcome: 'true',
  digest: 'false',
  people: `${ana.userId},${li.userId}`,
  one: '',
  channel: '19:coffee@thread.tacv2',
};
const read = {
  limit: '7',
  values: '#craft #care',
  day: '1',
  leftover: 'join',
  welcome: true,
  digest: false,
  people: [ana.userId, li.userId],
  channel: '19:coffee@thread.tacv2',
};

describe('readInvoke', () => {
  it.each<ActionPayload>([{}, { id: 'rem_42' }, { group: 'g1', member: ana.userId }])(
    'reads a press of a button with payload %j',
    (payload) => {
      const [row] = bodyOf(buttons({ label: 'Go', action: 'intro_accept', payload }));
      expect(readInvoke(invokeValue(row.actions[0], sent))).toEqual({
        kind: 'press',
        press: { action: 'intro_accept', payload },
      });
    },
  );

  it('reads a submitted form: toggles as booleans, people as lists, empty answers absent', () => {
    const [submit] = renderForm(settings, { channels }).actions!;
    expect(readInvoke(invokeValue(submit, sent))).toEqual({
      kind: 'form',
      formId: 'settings',
      values: read,
      state: { departmentFields: 'no' },
    });
  });

  it('reads a cancelled form', () => {
    const [, cancel] = renderForm(settings).actions!;
    expect(readInvoke(invokeValue(cancel, sent))).toEqual({ kind: 'cancel', formId: 'settings' });
  });

  it('reads the value of an invoke as Teams sends it', () => {
    // The `value` of an activity { type: 'invoke', name: 'adaptiveCard/action' }.
    const value = {
      action: {
        type: 'Action.Execute',
        title: 'Snooze a day',
        verb: 'reminder_snooze_day',
        data: { id: 'rem_7' },
      },
      trigger: 'manual',
    };
    expect(readInvoke(value)).toEqual({
      kind: 'press',
      press: { action: 'reminder_snooze_day', payload: { id: 'rem_7' } },
    });
    const form = {
      action: {
        type: 'Action.Execute',
        verb: 'form:kudos',
        data: {
          rapportForm: 'kudos',
          state: { channelId: '19:general@thread.tacv2', odd: 4 },
          rapportInputs: { recipients: 'people', message: 'text', value: 'select' },
          recipients: ` ${ana.userId} ,, ${li.userId}`,
          message: 'Thanks for the *launch*, see <at>x</at>',
          value: '',
        },
      },
      trigger: 'manual',
    };
    expect(readInvoke(form)).toEqual({
      kind: 'form',
      formId: 'kudos',
      values: {
        recipients: [ana.userId, li.userId],
        message: 'Thanks for the *launch*, see <at>x</at>',
      },
      state: { channelId: '19:general@thread.tacv2' },
    });
  });

  it('reads numbers and lists a client sends as such', () => {
    const value = {
      action: {
        verb: 'form:settings',
        data: {
          rapportForm: 'settings',
          rapportInputs: { limit: 'number', people: 'people', welcome: 'checkbox', odd: 'dial' },
          limit: 7,
          people: [ana.userId, 3, ''],
          odd: 'x',
        },
      },
    };
    expect(readInvoke(value)).toEqual({
      kind: 'form',
      formId: 'settings',
      values: { limit: '7', people: [ana.userId], welcome: false },
      state: {},
    });
  });

  it('reads a form from before inputs were described by their string fields', () => {
    const value = {
      action: {
        type: 'Action.Execute',
        verb: 'form:kudos',
        data: { rapportForm: 'kudos', message: 'hi', value: '', n: 3 },
      },
    };
    expect(readInvoke(value)).toEqual({
      kind: 'form',
      formId: 'kudos',
      values: { message: 'hi' },
      state: {},
    });
  });

  it('never throws, and knows nothing else', () => {
    const odd: unknown[] = [
      undefined,
      null,
      42,
      'reminder_done',
      [],
      {},
      { action: null },
      { action: 'reminder_done' },
      { action: { verb: 7 } },
      { action: { verb: '' } },
      { action: { type: 'Action.Submit', verb: 'reminder_done' } },
      { action: { type: 'Action.Execute', verb: 'launch_rockets', data: {} } },
      { action: { type: 'Action.Execute', verb: 'form:' } },
      { action: { type: 'Action.Execute', verb: 'form-cancel:' } },
    ];
    for (const value of odd) expect(readInvoke(value)).toEqual({ kind: 'unknown' });
    expect(
      readInvoke({ action: { type: 'Action.Execute', verb: 'reminder_done', data: [1, 2] } }),
    ).toEqual({ kind: 'press', press: { action: 'reminder_done', payload: {} } });
    expect(
      readInvoke({
        action: { verb: 'form:settings', data: { rapportInputs: [], state: 'x', a: 'b' } },
      }),
    ).toEqual({ kind: 'form', formId: 'settings', values: { a: 'b' }, state: {} });
  });
});

describe('readSubmit', () => {
  const options = { actions: 'submit' as const, channels };

  it('reads a press of a button drawn for Action.Submit', () => {
    const c = draw(card('s', section(text('x'), done)), { actions: 'submit' });
    const action = (c.body[0] as any).columns[1].items[0].actions[0];
    expect(action).toEqual({
      type: 'Action.Submit',
      title: 'Done',
      data: { id: 'r1', rapportAction: 'reminder_done' },
      associatedInputs: 'none',
    });
    expect(readSubmit(submitValue(action))).toEqual({
      kind: 'press',
      press: { action: 'reminder_done', payload: { id: 'r1' } },
    });
  });

  it('reads a submitted and a cancelled form', () => {
    const [submit, cancel] = drawForm(settings, options).actions!;
    expect(submit).toMatchObject({ type: 'Action.Submit', style: 'positive' });
    expect(readSubmit(submitValue(submit, sent))).toEqual({
      kind: 'form',
      formId: 'settings',
      values: read,
      state: { departmentFields: 'no' },
    });
    expect(readSubmit(submitValue(cancel, sent))).toEqual({ kind: 'cancel', formId: 'settings' });
  });

  it('reads the value of a message as Teams sends it', () => {
    // The `value` of a message activity sent by Action.Submit: Teams adds nothing of Rapport's.
    const value = {
      rapportForm: 'round_channel',
      rapportInputs: { channelId: 'channel', enabled: 'checkbox', everyWeeks: 'select' },
      channelId: '19:coffee@thread.tacv2',
      enabled: 'false',
      everyWeeks: '2',
    };
    expect(readSubmit(value)).toEqual({
      kind: 'form',
      formId: 'round_channel',
      values: { channelId: '19:coffee@thread.tacv2', enabled: false, everyWeeks: '2' },
      state: {},
    });
  });

  it('never throws, and knows nothing else', () => {
    const odd: unknown[] = [
      undefined,
      null,
      'text',
      7,
      [],
      {},
      { rapportAction: 'launch_rockets' },
      { rapportAction: 7 },
      { rapportForm: '' },
      { rapportCancel: '' },
      { msteams: { type: 'imBack', value: 'hi' } },
      { action: { type: 'Action.Execute', verb: 'reminder_done' } },
    ];
    for (const value of odd) expect(readSubmit(value)).toEqual({ kind: 'unknown' });
  });
});

describe('the Adaptive Cards check the tests rely on', () => {
  const cardWith = (body: object[], more: object = {}) => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    msteams: { width: 'Full', entities: [] },
    ...more,
  });

  it('passes a card Teams draws, people picker included', () => {
    expect(
      cardProblems(
        cardWith([
          { type: 'TextBlock', text: 'Hi', wrap: true, size: 'Large', weight: 'Bolder' },
          {
            type: 'Input.ChoiceSet',
            id: 'p',
            label: 'People',
            choices: [],
            'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
          },
        ]),
      ),
    ).toEqual([]);
  });

  it('finds what Teams would not draw as written', () => {
    const execute = { type: 'Action.Execute', title: 'Go', verb: 'go' };
    const problems = cardProblems(
      cardWith([
        { type: 'TextBlock', text: 'x', wrapp: true },
        { type: 'TextBlock', text: 'x', size: 'Huge' },
        { type: 'Carousel2' },
        { type: 'Input.Text', id: 'a', isRequired: true },
        { type: 'Input.Text', id: 'a', label: 'A' },
        { type: 'Input.ChoiceSet', id: 'c', label: 'C', choices: [] },
        { type: 'ActionSet', actions: Array.from({ length: 7 }, () => execute) },
        { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'x' }] },
      ]),
    );
    for (const found of [
      /wrapp: not a property of TextBlock/,
      /Invalid value "Huge"/,
      /Unknown element type "Carousel2"/,
      /Duplicate Id "a"/,
      /required inputs should have a label/i,
      /at least one choice/,
      /Maximum number of actions exceeded/,
      /"url" must be set/,
    ])
      expect(problems.some((p) => found.test(p))).toBe(true);
  });
});
