import { encodePayload, type ActionPayload } from '../../src/core/conversation/actions';
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
import { moreLeftOut } from '../../src/core/messages/limits';
import {
  mrkdwn,
  readAction,
  readFormState,
  readFormValues,
  renderCard,
  renderHome,
  renderModal,
} from '../../src/adapters/slack/render';

const ana = { userId: 'U0ANA', name: 'Ana Silva' };
const done: Button = { label: 'Done', action: 'reminder_done', payload: { id: 'r1' } };

/** Every Slack block of a rendered card, loosely typed: what a test reads. */
const blocksOf = (...blocks: Block[]) => renderCard(card('summary', ...blocks)).blocks as any[];
const sectionTexts = (blocks: any[]) =>
  blocks.filter((b) => b.type === 'section').map((b) => b.text.text as string);

/**
 * Mrkdwn with every token Rapport may write taken out (quote marks, escapes, pings, dates,
 * links): what is left must hold no <, > or &, or Slack would read half a token as markup.
 */
function brokenMarkup(mrkdwnText: string): string[] {
  const rest = mrkdwnText
    .replace(/^>/gm, '')
    .replace(/&(amp|lt|gt);/g, '')
    .replace(
      /<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!date\^\d+\^[^|<>]+\|[^<>]*|https?:[^|<>]+\|[^<>]*)>/g,
      '',
    );
  return [...rest.matchAll(/[<>&]/g)].map((m) =>
    rest.slice(Math.max(0, m.index - 10), m.index + 10),
  );
}

describe('mrkdwn', () => {
  it('shows what a person typed as typed: no ping, link or double escape', () => {
    const typed = text('<@U123> <!here> <https://evil.example|click> &lt; a & b > c');
    const out = mrkdwn(typed);
    expect(out).toBe(
      '&lt;@U123&gt; &lt;!here&gt; &lt;https://evil.example|click&gt; &amp;lt; a &amp; b &gt; c',
    );
    expect(out).not.toMatch(/<[@#!h]/);
  });

  it('writes bold with asterisks that Slack draws, whatever the words hold', () => {
    expect(mrkdwn([bold('Ana & Li')])).toBe('*Ana &amp; Li*');
    expect(mrkdwn([bold('')])).toBe('');
    expect(mrkdwn([bold('  ')])).toBe('  ');
    expect(mrkdwn(text('a', bold(' 5 * 3 '), 'b'))).toBe('a *5 ∗ 3* b');
    expect(mrkdwn([bold('two\nlines')])).toBe('*two*\n*lines*');
  });

  it('writes commands as code, a backtick inside cannot end it early', () => {
    expect(mrkdwn([command('/kudos @ana thanks')])).toBe('`/kudos @ana thanks`');
    expect(mrkdwn([command('say `hi` <now>')])).toBe("`say 'hi' &lt;now&gt;`");
    expect(mrkdwn([command('')])).toBe('');
  });

  it('pings only the people and channels Rapport chose, with Slack ids', () => {
    expect(mrkdwn(text('Thanks ', mention(ana), '!'))).toBe('Thanks <@U0ANA>!');
    expect(mrkdwn([mention({ userId: 'W0ENT', name: 'Li' })])).toBe('<@W0ENT>');
    // A demo or Teams id is not a Slack user: the name, never a broken <@…>.
    expect(mrkdwn([mention({ userId: 'local:li', name: 'Li <b>' })])).toBe('@Li &lt;b&gt;');
    expect(mrkdwn([channel('C0KUDOS', 'kudos')])).toBe('<#C0KUDOS>');
    expect(mrkdwn([channel('G0PRIV', 'private')])).toBe('<#G0PRIV>');
    expect(mrkdwn([channel('coffee-1', 'coffee & tea')])).toBe('#coffee &amp; tea');
  });

  it('writes a calendar day as words in its zone, and instants as Slack dates in the reader’s zone', () => {
    const at = '2025-03-04T23:30:00Z';
    // Already Wednesday in Auckland: a day is the day where it was set, not in UTC.
    expect(mrkdwn([date(at, 'Pacific/Auckland', 'day')])).toBe('Wednesday 5 March 2025');
    const unix = Date.parse(at) / 1000;
    expect(mrkdwn([date(at, 'Europe/Berlin', 'moment')])).toBe(
      `<!date^${unix}^{date_long_pretty} {time}|Wednesday 5 March at 00:30>`,
    );
    expect(mrkdwn([date(at, 'UTC', 'time')])).toBe(`<!date^${unix}^{time}|23:30 UTC>`);
    expect(mrkdwn([date(at, 'UTC', 'short')])).toBe(`<!date^${unix}^{date_short}|4 Mar 2025>`);
  });

  it('links only web addresses, with the label escaped', () => {
    expect(mrkdwn([link('https://acme.example/a?b=1&c=2', 'Q&A <here>')])).toBe(
      '<https://acme.example/a?b=1&amp;c=2|Q&amp;A &lt;here&gt;>',
    );
    expect(mrkdwn([link('https://acme.example/x|y', 'x')])).toBe('<https://acme.example/x%7Cy|x>');
    expect(mrkdwn([link('javascript:alert(1)', 'click')])).toBe('click');
    expect(mrkdwn([link('not a url', 'words')])).toBe('words');
  });

  it('turns breaks into new lines', () => {
    expect(mrkdwn(text('one', br, 'two'))).toBe('one\ntwo');
  });
});

describe('renderCard', () => {
  it('draws every kind of block', () => {
    const rendered = renderCard(
      card(
        'Time to follow up with Ana & Li',
        header('Follow-ups'),
        section(text('With ', mention(ana)), done),
        { type: 'quote', text: text('thanks\n> for <all>') },
        { type: 'fields', fields: [{ label: 'Due', value: text('tomorrow') }] },
        context(text('Set with ', command('/followup'))),
        buttons(
          { ...done, style: 'primary' },
          { label: 'Cancel', action: 'reminder_cancel', payload: { id: 'r1' }, style: 'danger' },
        ),
        divider,
      ),
    );
    expect(rendered.text).toBe('Time to follow up with Ana &amp; Li');
    const [head, sect, quote, fields, ctx, actions, line] = rendered.blocks as any[];
    expect(head).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Follow-ups' } });
    expect(sect.text).toEqual({ type: 'mrkdwn', text: 'With <@U0ANA>' });
    expect(sect.accessory).toMatchObject({
      type: 'button',
      action_id: 'reminder_done',
      value: 'r1',
    });
    // A typed ">" stays a character: only Rapport's marks make the quote.
    expect(quote.text.text).toBe('>thanks\n>&gt; for &lt;all&gt;');
    expect(fields.fields).toEqual([{ type: 'mrkdwn', text: '*Due*\ntomorrow' }]);
    expect(ctx).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Set with `/followup`' }],
    });
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e: any) => [e.action_id, e.style])).toEqual([
      ['reminder_done', 'primary'],
      ['reminder_cancel', 'danger'],
    ]);
    expect(line).toEqual({ type: 'divider' });
  });

  it('leaves out blocks with nothing to show, keeping a lone button', () => {
    const blocks = blocksOf(header('  '), section([]), context([]), section([], done));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      type: 'actions',
      elements: [{ action_id: 'reminder_done' }],
    });
  });

  it('uses the first words when a composer left the summary empty', () => {
    expect(renderCard(card('', section(text('Hello ', mention(ana))))).text).toBe(
      'Hello Ana Silva',
    );
  });

  it('splits a 5,000-character section at line breaks into sections of at most 3,000', () => {
    const lines = Array.from(
      { length: 100 },
      (_v, i) => `line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`,
    );
    const long = text(lines.join('\n'));
    expect(plainText(long).length).toBeGreaterThan(4900);
    const texts = sectionTexts(blocksOf(section(long, done)));
    expect(texts.length).toBe(2);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
    // Nothing lost, nothing cut inside a line.
    expect(texts.join('\n')).toBe(lines.join('\n'));
    const withButton = blocksOf(section(long, done)).filter((b) => b.accessory);
    expect(withButton).toHaveLength(1);
  });

  it('splits at break pieces too, keeping mentions whole', () => {
    const item = text(mention(ana), ' ', 'y'.repeat(990));
    const t = text(item, br, item, br, item, br, item);
    const texts = sectionTexts(blocksOf(section(t)));
    expect(texts.length).toBe(2);
    for (const s of texts) {
      expect(s.length).toBeLessThanOrEqual(3000);
      expect(s.startsWith('<@U0ANA> ')).toBe(true);
    }
  });

  it('shortens a line too long for any section, without breaking an escape', () => {
    const texts = sectionTexts(blocksOf(section(text('&'.repeat(5000)))));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.length).toBeLessThanOrEqual(3000);
    expect(texts[0]).toMatch(/^(&amp;)+…$/);
  });

  it('shortens a 3,500-character quote with … and no broken &amp; or <@…>', () => {
    const message: Text = [];
    while (plainText(message).length < 3500) message.push(...text('R&D <3 ', mention(ana), ' '));
    const [quote] = sectionTexts(blocksOf({ type: 'quote', text: message }));
    expect(quote!.length).toBeLessThanOrEqual(3000);
    expect(quote!.length).toBeGreaterThan(2900);
    expect(quote!.endsWith('…')).toBe(true);
    expect(quote!.startsWith('>R&amp;D &lt;3 <@U0ANA>')).toBe(true);
    expect(brokenMarkup(quote!)).toEqual([]);
  });

  it('keeps every line of a long quote quoted', () => {
    const [quote] = sectionTexts(blocksOf({ type: 'quote', text: text('a<b\n'.repeat(1000)) }));
    expect(quote!.length).toBeLessThanOrEqual(3000);
    expect(quote!.split('\n').every((line) => line.startsWith('>'))).toBe(true);
    expect(brokenMarkup(quote!)).toEqual([]);
  });

  it('puts at most 10 fields in a section, each at most 2,000 characters', () => {
    const fields = Array.from({ length: 12 }, (_v, i) => ({
      label: `Field ${i}`,
      value: text(i === 0 ? '<'.repeat(2500) : `value ${i}`),
    }));
    const blocks = blocksOf({ type: 'fields', fields });
    expect(blocks.map((b) => b.fields.length)).toEqual([10, 2]);
    const first = blocks[0].fields[0].text as string;
    expect(first.length).toBeLessThanOrEqual(2000);
    expect(first.startsWith('*Field 0*\n&lt;')).toBe(true);
    expect(brokenMarkup(first)).toEqual([]);
  });

  it('puts at most 25 buttons in an actions block, labels at most 75 characters', () => {
    const many = Array.from({ length: 30 }, (_v, i): Button => ({
      label: `${'Snooze '.repeat(20)}${i}`,
      action: 'reminder_snooze_day',
      payload: { id: `r${i}` },
    }));
    const blocks = blocksOf(buttons(...many));
    expect(blocks.map((b) => b.elements.length)).toEqual([25, 5]);
    for (const b of blocks)
      for (const e of b.elements) expect(e.text.text.length).toBeLessThanOrEqual(75);
  });

  it('shortens a header to 150 characters', () => {
    const [head] = blocksOf(header('h'.repeat(400)));
    expect(head.text.text).toHaveLength(150);
    expect(head.text.text.endsWith('…')).toBe(true);
  });

  it('sends at most 50 blocks, the last saying some were left out', () => {
    const sixty = Array.from({ length: 60 }, (_v, i) => section(text(`item ${i}`)));
    const blocks = blocksOf(...sixty);
    expect(blocks).toHaveLength(50);
    expect(sectionTexts(blocks).at(-1)).toBe('item 48');
    expect(blocks[49]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: mrkdwn(moreLeftOut()) }],
    });
  });

  it('counts the blocks a long section was split into', () => {
    const long = text(Array.from({ length: 40 }, () => 'z'.repeat(2000)).join('\n'));
    const blocks = blocksOf(section(long), section(text('after')));
    expect(blocks).toHaveLength(41);
    expect(sectionTexts(blocks).at(-1)).toBe('after');
  });
});

describe('renderHome', () => {
  it('draws the same blocks, up to 100', () => {
    const home = renderHome(
      card('', ...Array.from({ length: 120 }, (_v, i) => section(text(`item ${i}`)))),
    ) as any;
    expect(home.type).toBe('home');
    expect(home.blocks).toHaveLength(100);
    expect(home.blocks[0].text.text).toBe('item 0');
    expect(home.blocks[99].type).toBe('context');
  });
});

describe('buttons and presses', () => {
  it.each<ActionPayload>([
    {},
    { id: 'rem_42' },
    { group: 'g1', member: 'U0ANA' },
    { id: '{not json' },
  ])('carries payload %j through the button value and back', (payload) => {
    const [actions] = blocksOf(buttons({ label: 'Go', action: 'intro_accept', payload }));
    const element = actions.elements[0];
    expect(readAction({ action_id: element.action_id, value: element.value })).toEqual({
      action: 'intro_accept',
      payload,
    });
  });

  it('numbers a repeated action in one block, and still reads it', () => {
    const [actions] = blocksOf(
      buttons(
        { label: 'Introduce us', action: 'suggestion_introduce', payload: { id: 'U1' } },
        { label: 'Introduce us', action: 'suggestion_introduce', payload: { id: 'U2' } },
      ),
    );
    const ids = actions.elements.map((e: any) => e.action_id);
    expect(new Set(ids).size).toBe(2);
    expect(actions.elements.map((e: any) => readAction(e))).toEqual([
      { action: 'suggestion_introduce', payload: { id: 'U1' } },
      { action: 'suggestion_introduce', payload: { id: 'U2' } },
    ]);
  });

  it('knows old buttons by their ids, and nothing else', () => {
    expect(readAction({ action_id: 'reminder_done', value: 'r9' })).toEqual({
      action: 'reminder_done',
      payload: { id: 'r9' },
    });
    expect(readAction({ action_id: 'reminder_done' })).toEqual({
      action: 'reminder_done',
      payload: {},
    });
    expect(readAction({ action_id: 'launch_rockets', value: 'x' })).toBeNull();
    expect(readAction({ value: 'x' })).toBeNull();
    expect(readAction({ action_id: 42 })).toBeNull();
  });

  it('refuses a payload longer than Slack keeps rather than cutting it', () => {
    const payload = { id: 'x'.repeat(2001) };
    expect(encodePayload(payload).length).toBeGreaterThan(2000);
    expect(() => blocksOf(buttons({ label: 'Go', action: 'round_join', payload }))).toThrow(
      RangeError,
    );
  });
});

const settingsForm: Form = {
  id: 'settings',
  title: 'Rapport settings for the whole workspace',
  submit: 'Save',
  close: 'Cancel',
  state: { channelId: 'C0KUDOS' },
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
      hint: 'Separated by spaces.',
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
    input({
      id: 'people',
      label: 'Who helped?',
      kind: 'people',
      max: 10,
      placeholder: 'Pick up to 10',
    }),
    input({
      id: 'channel',
      label: 'Kudos channel',
      kind: 'channel',
      initial: 'C0KUDOS',
      optional: true,
    }),
    section(text('Rounds run in ', channel('C0COFFEE', 'coffee')), {
      label: 'Edit',
      action: 'round_edit',
      payload: { id: 'C0COFFEE' },
    }),
  ],
};

describe('renderModal', () => {
  const modal = renderModal(settingsForm) as any;
  const block = (id: string) => modal.blocks.find((b: any) => b.block_id === id);

  it('is the form, its state carried unseen, titles within 24 characters', () => {
    expect(modal.type).toBe('modal');
    expect(modal.callback_id).toBe('settings');
    expect(JSON.parse(modal.private_metadata)).toEqual({ channelId: 'C0KUDOS' });
    expect(readFormState(modal.private_metadata)).toEqual({ channelId: 'C0KUDOS' });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.title.text.endsWith('…')).toBe(true);
    expect([modal.submit.text, modal.close.text]).toEqual(['Save', 'Cancel']);
  });

  it('gives each input its id as block and action id', () => {
    for (const b of modal.blocks.filter((x: any) => x.type === 'input'))
      expect(b.element.action_id).toBe(b.block_id);
  });

  it('draws a number as a whole-number input within its range', () => {
    expect(block('limit').element).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: false,
      min_value: '1',
      max_value: '100',
      initial_value: '5',
    });
  });

  it('draws text with its limits, hint and placeholder', () => {
    expect(block('values')).toMatchObject({
      hint: { type: 'plain_text', text: 'Separated by spaces.' },
      element: {
        type: 'plain_text_input',
        multiline: true,
        max_length: 500,
        initial_value: '#craft',
        placeholder: { text: '#teamwork #craft' },
      },
    });
    expect(block('values').optional).toBeUndefined();
  });

  it('draws a choice as a menu, or radio buttons, with the current choice', () => {
    expect(block('day').element).toMatchObject({
      type: 'static_select',
      initial_option: { value: '2', text: { type: 'plain_text', text: 'Tuesday' } },
    });
    expect(block('leftover').element).toMatchObject({
      type: 'radio_buttons',
      initial_option: {
        value: 'sit_out',
        text: { type: 'mrkdwn', text: 'Sits out &amp; is told' },
      },
    });
  });

  it('draws more than 10 radio choices as a menu', () => {
    const options = Array.from({ length: 11 }, (_v, i) => ({ label: `${i}`, value: `${i}` }));
    const form: Form = {
      ...settingsForm,
      blocks: [input({ id: 'n', label: 'N', kind: 'select', radio: true, options })],
    };
    expect((renderModal(form) as any).blocks[0].element.type).toBe('static_select');
  });

  it('draws a box ticked or not, whose value is "on", never required', () => {
    expect(block('welcome')).toMatchObject({
      optional: true,
      element: {
        type: 'checkboxes',
        options: [{ value: 'on', text: { type: 'mrkdwn', text: 'Welcome &lt;new&gt; members' } }],
        initial_options: [{ value: 'on' }],
      },
    });
    expect(block('digest').element.initial_options).toBeUndefined();
  });

  it('draws people and channel pickers', () => {
    expect(block('people').element).toMatchObject({
      type: 'multi_users_select',
      max_selected_items: 10,
      placeholder: { text: 'Pick up to 10' },
    });
    expect(block('channel')).toMatchObject({
      optional: true,
      element: {
        type: 'conversations_select',
        initial_conversation: 'C0KUDOS',
        filter: { include: ['public', 'private'] },
      },
    });
  });

  it('draws the other blocks as a card draws them', () => {
    expect(modal.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Kudos' },
    });
    expect(modal.blocks.at(-1)).toMatchObject({
      type: 'section',
      text: { text: 'Rounds run in <#C0COFFEE>' },
      accessory: { action_id: 'round_edit', value: 'C0COFFEE' },
    });
  });
});

describe('readFormValues', () => {
  it('reads every kind of input Rapport draws', () => {
    const values = {
      limit: { limit: { type: 'number_input', value: '7' } },
      values: { values: { type: 'plain_text_input', value: '#craft #care' } },
      day: { day: { type: 'static_select', selected_option: { text: {}, value: '3' } } },
      leftover: { leftover: { type: 'radio_buttons', selected_option: { value: 'join' } } },
      welcome: { welcome: { type: 'checkboxes', selected_options: [{ value: 'on' }] } },
      digest: { digest: { type: 'checkboxes', selected_options: [] } },
      people: { people: { type: 'multi_users_select', selected_users: ['U1', 'U2'] } },
      channel: { channel: { type: 'conversations_select', selected_conversation: 'C0KUDOS' } },
      old: { old: { type: 'channels_select', selected_channel: 'C0OLD' } },
    };
    expect(readFormValues(values)).toEqual({
      limit: '7',
      values: '#craft #care',
      day: '3',
      leftover: 'join',
      welcome: true,
      digest: false,
      people: ['U1', 'U2'],
      channel: 'C0KUDOS',
      old: 'C0OLD',
    });
  });

  it('reads what is missing as absent, never throwing', () => {
    const values = {
      values: { values: { type: 'plain_text_input', value: null } },
      day: { day: { type: 'static_select', selected_option: null } },
      people: { people: { type: 'multi_users_select', selected_users: [] } },
      channel: { channel: { type: 'conversations_select' } },
      welcome: { welcome: { type: 'checkboxes' } },
      empty: {},
      odd: 'not an object',
      weird: { weird: { type: 'static_select', selected_option: 'x' } },
    };
    const read = readFormValues(values);
    expect(read).toEqual({
      values: undefined,
      day: undefined,
      people: undefined,
      channel: undefined,
      welcome: false,
      weird: undefined,
    });
    expect(read.limit).toBeUndefined();
    for (const nothing of [undefined, null, 42, 'x', []])
      expect(readFormValues(nothing)).toEqual({});
  });

  it('reads elements without a type by the key they carry', () => {
    expect(
      readFormValues({
        a: { a: { value: 'x' } },
        b: { b: { selected_option: { value: 'y' } } },
        c: { c: { selected_options: [{ value: 'on' }] } },
        d: { d: { selected_users: ['U1'] } },
      }),
    ).toEqual({ a: 'x', b: 'y', c: true, d: ['U1'] });
  });

  it('reads no state from metadata that is not Rapport’s', () => {
    for (const bad of [undefined, '', 'not json', '[1]', '"x"', 7])
      expect(readFormState(bad)).toEqual({});
    expect(readFormState('{"a":"b","n":1}')).toEqual({ a: 'b' });
  });
});
