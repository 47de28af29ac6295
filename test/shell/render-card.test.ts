import {
  buttons,
  card,
  context,
  divider,
  header,
  input,
  section,
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
  text,
} from '../../src/core/conversation/text';
import { formInstructions } from '../../src/core/messages/demo';
import {
  renderCardText,
  renderCardsText,
  terminalText,
} from '../../src/adapters/shell/render-card';
import { renderFormText } from '../../src/adapters/shell/render-form';

const li = { userId: 'local:li', name: 'Li Wei' };

const reminder = (id: string) =>
  card(
    'Time to follow up',
    section(text('Time to follow up with ', bold('Li Wei'))),
    buttons(
      { label: 'Done', action: 'reminder_done', payload: { id }, style: 'primary' },
      { label: 'Snooze 1 day', action: 'reminder_snooze_day', payload: { id } },
    ),
  );

describe('terminalText', () => {
  it('writes every piece as plain words, no markup', () => {
    const t = text(
      'Hi ',
      mention(li),
      ' in ',
      channel('C0KUDOS', 'kudos'),
      ', type ',
      command('/kudos @li thanks'),
      ' ',
      bold('now'),
      br,
      'see ',
      link('https://acme.example/x', 'the guide'),
      ' or ',
      link('https://acme.example/y', 'https://acme.example/y'),
    );
    expect(terminalText(t)).toBe(
      'Hi Li Wei in #kudos, type /kudos @li thanks now\n' +
        'see the guide (https://acme.example/x) or https://acme.example/y',
    );
  });

  it('writes dates as words in their zone', () => {
    const at = '2025-03-04T23:30:00Z';
    expect(terminalText([date(at, 'Pacific/Auckland', 'day')])).toBe('Wednesday 5 March 2025');
    expect(terminalText([date(at, 'UTC', 'moment')])).toBe('Tuesday 4 March at 23:30 UTC');
  });

  it('prints typed markup as typed, without the control characters a terminal obeys', () => {
    expect(terminalText(text('<@U123> &lt; *x* \u001b[2Jgone\u0007'))).toBe(
      '<@U123> &lt; *x* [2Jgone',
    );
  });
});

describe('renderCardText', () => {
  it('draws every kind of block as lines', () => {
    const { text: out, choices } = renderCardText(
      card(
        'Your week',
        header('Your week in relationships'),
        section(text('Meet ', mention(li)), {
          label: 'Introduce us',
          action: 'suggestion_introduce',
          payload: { id: 'local:li' },
        }),
        { type: 'quote', text: text('thanks for\nthe forecast') },
        {
          type: 'fields',
          fields: [
            { label: 'Given', value: text('3') },
            { label: 'Received', value: text('2\nthis week') },
          ],
        },
        divider,
        context(text('Set with ', command('/followup'))),
      ),
    );
    expect(out.split('\n')).toEqual([
      'Your week in relationships',
      'Meet Li Wei  [1] Introduce us',
      '“thanks for',
      ' the forecast”',
      'Given: 3',
      'Received: 2',
      '  this week',
      '',
      'Set with /followup',
    ]);
    expect(choices).toEqual([
      {
        number: 1,
        label: 'Introduce us',
        action: 'suggestion_introduce',
        payload: { id: 'local:li' },
      },
    ]);
  });

  it('numbers buttons on from those printed before it', () => {
    const first = renderCardText(reminder('r1'));
    expect(first.text).toContain('[1] Done  [2] Snooze 1 day');
    const second = renderCardText(reminder('r2'), first.choices);
    expect(second.text).toContain('[3] Done  [4] Snooze 1 day');
    expect(second.choices.map((c) => [c.number, c.action, c.payload.id])).toEqual([
      [1, 'reminder_done', 'r1'],
      [2, 'reminder_snooze_day', 'r1'],
      [3, 'reminder_done', 'r2'],
      [4, 'reminder_snooze_day', 'r2'],
    ]);
    // The choices passed in are the caller's: they are not changed.
    expect(first.choices).toHaveLength(2);
  });

  it('numbers buttons 1, 2, 3 … across cards printed in one reply', () => {
    const { text: out, choices } = renderCardsText([reminder('r1'), reminder('r2')]);
    expect(out).toBe(
      [
        'Time to follow up with Li Wei',
        '[1] Done  [2] Snooze 1 day',
        '',
        'Time to follow up with Li Wei',
        '[3] Done  [4] Snooze 1 day',
      ].join('\n'),
    );
    const press = (n: number) => choices.find((c) => c.number === n);
    expect(press(4)).toEqual({
      number: 4,
      label: 'Snooze 1 day',
      action: 'reminder_snooze_day',
      payload: { id: 'r2' },
    });
  });
});

const form: Form = {
  id: 'settings',
  title: 'Rapport settings',
  submit: 'Save',
  close: 'Cancel',
  blocks: [
    input({
      id: 'channel',
      label: 'Kudos channel',
      kind: 'channel',
      initial: 'C0KUDOS',
      optional: true,
    }),
    input({
      id: 'values',
      label: 'Values',
      kind: 'text',
      placeholder: '#teamwork #craft',
      hint: 'The #tags people can add to kudos.',
    }),
    input({
      id: 'limit',
      label: 'Kudos per person per day',
      kind: 'number',
      min: 1,
      max: 100,
      initial: 5,
    }),
    input({
      id: 'day',
      label: 'Day',
      kind: 'select',
      options: [
        { label: 'Monday', value: '1' },
        { label: 'Tuesday', value: '2' },
      ],
      initial: '1',
    }),
    input({
      id: 'welcome',
      label: 'New members',
      kind: 'checkbox',
      text: 'Welcome them',
      initial: false,
    }),
    input({ id: 'people', label: 'Who helped?', kind: 'people', max: 10 }),
    section(text('Rounds in ', channel('C0COFFEE', 'coffee')), {
      label: 'Edit',
      action: 'round_edit',
      payload: { id: 'C0COFFEE' },
    }),
  ],
};

describe('renderFormText', () => {
  const names = (kind: 'person' | 'channel', id: string) =>
    ({ C0KUDOS: 'kudos', C0RANDOM: 'random', 'local:li': 'Li Wei', 'local:sam': 'Sam Okafor' })[
      id
    ] ?? `${kind}?`;

  it('numbers each input with its label, value and what it accepts, then how to fill it in', () => {
    const { text: out, choices } = renderFormText(form, { name: names });
    expect(out.split('\n')).toEqual([
      'Rapport settings',
      '1. Kudos channel: #kudos (optional)',
      '2. Values: (empty) (e.g. #teamwork #craft)',
      '   The #tags people can add to kudos.',
      '3. Kudos per person per day: 5 (a whole number from 1 to 100)',
      '4. Day: Monday (one of: Monday, Tuesday)',
      '5. New members: no (Welcome them)',
      '6. Who helped?: (empty) (up to 10 people)',
      'Rounds in #coffee  [1] Edit',
      '',
      ...formInstructions('Save', 'Cancel'),
    ]);
    expect(choices).toEqual([
      { number: 1, label: 'Edit', action: 'round_edit', payload: { id: 'C0COFFEE' } },
    ]);
  });

  it('shows what the person has set so far instead of the initial values', () => {
    const { text: out } = renderFormText(form, {
      name: names,
      values: {
        channel: 'C0RANDOM',
        values: '#craft',
        limit: '9',
        day: '2',
        welcome: true,
        people: ['local:li', 'local:sam'],
      },
    });
    expect(out).toContain('1. Kudos channel: #random (optional)');
    expect(out).toContain('2. Values: #craft\n');
    expect(out).toContain('3. Kudos per person per day: 9 (a whole number from 1 to 100)');
    expect(out).toContain('4. Day: Tuesday (one of: Monday, Tuesday)');
    expect(out).toContain('5. New members: yes (Welcome them)');
    expect(out).toContain('6. Who helped?: Li Wei, Sam Okafor (up to 10 people)');
  });

  it('shows a field the person cleared as empty, and ids when it has no names', () => {
    const { text: out } = renderFormText(form, {
      values: { limit: undefined, people: ['local:li'] },
    });
    expect(out).toContain('1. Kudos channel: #C0KUDOS (optional)');
    expect(out).toContain('3. Kudos per person per day: (empty) (a whole number from 1 to 100)');
    expect(out).toContain('6. Who helped?: local:li (up to 10 people)');
  });

  it('numbers its buttons on from a reply’s earlier cards', () => {
    const before = renderCardText(reminder('r1'));
    expect(renderFormText(form, { numbered: before.choices }).text).toContain('[3] Edit');
  });
});
