import type { Form, FormValue, FormValues, Input } from '../../core/conversation/card';
import {
  emptyValue,
  forExample,
  formInstructions,
  noneChosen,
  oneOf,
  optionalMark,
  ticked,
  upToPeople,
  wholeNumber,
} from '../../core/messages/demo';
import { blockLines, numberer, printable, type Choice, type RenderedText } from './render-card';

export interface FormTextOptions {
  /** What the person has typed so far with /set, by input id; absent: the form's initial values. */
  values?: FormValues;
  /** A person's or channel's name for an id the form holds; the id itself without it. */
  name?: (kind: 'person' | 'channel', id: string) => string;
  /** Buttons already numbered in the same reply. */
  numbered?: readonly Choice[];
}

const list = (v: FormValue | undefined) =>
  Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];

/** The input's value now and, in brackets, what it accepts. */
function describe(input: Input, value: FormValue | undefined, name: FormTextOptions['name']) {
  const nameOf = name ?? ((_kind, id) => id);
  switch (input.kind) {
    case 'text': {
      const now = typeof value === 'string' && value ? value : emptyValue();
      return [now, !value && input.placeholder ? forExample(input.placeholder) : null];
    }
    case 'number':
      return [
        value === undefined ? emptyValue() : String(value),
        wholeNumber(input.min, input.max),
      ];
    case 'select': {
      const chosen = input.options.find((o) => o.value === value);
      return [chosen?.label ?? noneChosen(), oneOf(input.options.map((o) => o.label))];
    }
    case 'checkbox':
      return [ticked(value === true), input.text];
    case 'people': {
      const people = list(value).map((id) => nameOf('person', id));
      return [people.length > 0 ? people.join(', ') : emptyValue(), upToPeople(input.max)];
    }
    case 'channel': {
      const id = list(value)[0];
      return [id ? `#${nameOf('channel', id).replace(/^#/, '')}` : emptyValue(), null];
    }
  }
}

/** What the form starts with, as a submitted form would hold it (numbers as their digits). */
function initialOf(input: Input): FormValue | undefined {
  if (input.kind === 'people') return undefined;
  return typeof input.initial === 'number' ? String(input.initial) : input.initial;
}

/**
 * A form as numbered lines the demo can fill in: "3. Kudos per person per day: 5 (a whole
 * number from 1 to 100)", each input's hint under it, and how to change and send it.
 */
export function renderFormText(form: Form, options: FormTextOptions = {}): RenderedText {
  const choices = [...(options.numbered ?? [])];
  const press = numberer(choices);
  const lines = [form.title];
  let n = 0;
  for (const block of form.blocks) {
    if (block.type !== 'input') {
      lines.push(...blockLines(block, press));
      continue;
    }
    const input = block.input;
    const value =
      options.values && input.id in options.values ? options.values[input.id] : initialOf(input);
    const [now, accepts] = describe(input, value, options.name);
    // A box left unticked is an answer, so calling it optional says nothing.
    const optional = input.optional && input.kind !== 'checkbox';
    const notes = [accepts, optional ? optionalMark() : null].filter(Boolean).join('; ');
    lines.push(`${++n}. ${input.label}: ${now}${notes ? ` (${notes})` : ''}`);
    if (input.hint) lines.push(`   ${input.hint}`);
  }
  lines.push('', ...formInstructions(form.submit, form.close));
  return { text: printable(lines.join('\n')), choices };
}
