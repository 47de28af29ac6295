import type { FormValue, Input, Option } from '../../../core/conversation/card';
import { fieldNeedsAnswer } from '../../../core/messages/teams';
import { clip } from './fit';
import { escapeText } from './markdown';
import type { FormOptions } from './options';
import type { CardElement } from './types';

/** What a toggle sends: Teams sends every input as a string. */
export const ON = 'true';
export const OFF = 'false';
const LABEL_LIMIT = 300;

const PEOPLE = {
  organization: 'graph.microsoft.com/users',
  conversation: 'graph.microsoft.com/users?scope=currentContext',
} as const;

/** The input's value now: what was submitted, when the form is drawn again, else its initial. */
function valueOf(input: Input, options: FormOptions): FormValue | undefined {
  if (options.values && input.id in options.values) return options.values[input.id];
  if (input.kind === 'people') return undefined;
  return typeof input.initial === 'number' ? String(input.initial) : input.initial;
}

const words = (v: FormValue | undefined): string | undefined =>
  typeof v === 'string' && v !== '' ? v : Array.isArray(v) && v.length ? v.join(',') : undefined;

const choices = (options: Option[]) => options.map((o) => ({ title: o.label, value: o.value }));

/** The channels offered, with the one chosen now among them even if the adapter lost sight of it. */
function channelChoices(options: FormOptions, now: string | undefined) {
  const list = options.channels ?? [];
  return now && !list.some((c) => c.value === now) ? [...list, { label: now, value: now }] : list;
}

/** The input element itself, or null when it has nothing to offer (a choice without options). */
function element(input: Input, options: FormOptions): Record<string, unknown> | null {
  const now = valueOf(input, options);
  const value = words(now);
  const placeholder = 'placeholder' in input && input.placeholder ? input.placeholder : undefined;
  const common = { id: input.id, ...(placeholder ? { placeholder } : {}) };
  switch (input.kind) {
    case 'text':
      return {
        type: 'Input.Text',
        ...common,
        ...(input.multiline ? { isMultiline: true } : {}),
        ...(input.maxLength ? { maxLength: input.maxLength } : {}),
        ...(value ? { value: input.maxLength ? value.slice(0, input.maxLength) : value } : {}),
      };
    case 'number': {
      const n = value === undefined ? NaN : Number(value);
      return {
        type: 'Input.Number',
        ...common,
        min: input.min,
        max: input.max,
        ...(Number.isFinite(n) ? { value: n } : {}),
      };
    }
    case 'select':
      if (input.options.length === 0) return null;
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: input.radio ? 'expanded' : 'compact',
        choices: choices(input.options),
        ...(value && input.options.some((o) => o.value === value) ? { value } : {}),
      };
    case 'checkbox':
      return {
        type: 'Input.Toggle',
        id: input.id,
        title: input.text,
        value: now === true || now === ON ? ON : OFF,
        valueOn: ON,
        valueOff: OFF,
        wrap: true,
      };
    case 'people':
      // Teams' people picker: it searches the directory itself and sends Entra object ids.
      return {
        type: 'Input.ChoiceSet',
        ...common,
        choices: [],
        'choices.data': { type: 'Data.Query', dataset: PEOPLE[options.people ?? 'organization'] },
        ...(input.max > 1 ? { isMultiSelect: true } : {}),
        ...(value ? { value } : {}),
      };
    case 'channel': {
      const list = channelChoices(options, value);
      // A card has no channel picker; with no channels to offer, the id can still be typed.
      if (list.length === 0) return { type: 'Input.Text', ...common };
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        choices: choices(list),
        ...(value ? { value } : {}),
      };
    }
  }
}

const small = (text: string, more: Record<string, unknown>): CardElement => ({
  type: 'TextBlock',
  text,
  wrap: true,
  size: 'Small',
  spacing: 'Small',
  ...more,
});

/**
 * An input as Teams draws it: its label, the field, the hint under it and, when the form is
 * drawn again after a mistake, the mistake under that. A box left unticked is an answer, so a
 * checkbox is never required.
 */
export function inputElements(input: Input, options: FormOptions): CardElement[] {
  const field = element(input, options);
  if (!field) return [];
  const required = !input.optional && input.kind !== 'checkbox';
  const error = options.errors?.[input.id];
  return [
    {
      ...field,
      type: String(field.type),
      label: clip(input.label || input.id, LABEL_LIMIT),
      ...(required ? { isRequired: true, errorMessage: fieldNeedsAnswer(input) } : {}),
    },
    ...(input.hint ? [small(escapeText(input.hint), { isSubtle: true })] : []),
    ...(error ? [small(escapeText(error), { color: 'Attention' })] : []),
  ];
}
