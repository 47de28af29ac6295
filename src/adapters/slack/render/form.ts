import { Bits, Blocks, Elements, Modal, type ViewBlockBuilder } from 'slack-block-builder';
import type { Form, Input, Option } from '../../../core/conversation/card';
import { plain } from '../../../core/conversation/text';
import { renderBlock } from './blocks';
import { capped, VIEW_BLOCKS } from './card';
import { clip, fitted } from './fit';
import { mrkdwn } from './text';

/** Slack's limits for modals and their inputs, in characters or options. */
const LIMITS = {
  title: 24,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  radioOptions: 10,
  textLength: 3000,
  metadata: 3000,
} as const;

/** What a ticked box sends back. */
export const TICKED = 'on';

const placeholder = (words: string | undefined) =>
  words ? { placeholder: clip(words, LIMITS.placeholder) } : {};

function value(option: Option): string {
  // A value cut short would come back as a different choice.
  if (option.value.length > LIMITS.optionValue)
    throw new RangeError(`option value of ${option.value.length} characters: Slack allows 150`);
  return option.value;
}

/** Radio buttons and checkboxes show their options as mrkdwn, selects as plain text. */
const markedOption = (label: string, optionValue: string) =>
  Bits.Option({ text: fitted([plain(label)], LIMITS.optionText, mrkdwn), value: optionValue });

function select(input: Extract<Input, { kind: 'select' }>) {
  // Slack shows at most 10 radio buttons; a longer list is a menu.
  const radio = input.radio && input.options.length <= LIMITS.radioOptions;
  const list = input.options.slice(0, LIMITS.selectOptions);
  const options = list.map((o) =>
    radio
      ? markedOption(o.label, value(o))
      : Bits.Option({ text: clip(o.label, LIMITS.optionText), value: value(o) }),
  );
  const initial = options[list.findIndex((o) => o.value === input.initial)];
  if (radio) {
    const buttons = Elements.RadioButtons({ actionId: input.id }).options(options);
    return initial ? buttons.initialOption(initial) : buttons;
  }
  const menu = Elements.StaticSelect({
    actionId: input.id,
    ...placeholder(input.placeholder),
  }).options(options);
  return initial ? menu.initialOption(initial) : menu;
}

function element(input: Input) {
  switch (input.kind) {
    case 'text': {
      const maxLength = Math.min(input.maxLength ?? LIMITS.textLength, LIMITS.textLength);
      return Elements.TextInput({
        actionId: input.id,
        maxLength,
        ...(input.multiline ? { multiline: true } : {}),
        ...(input.initial ? { initialValue: clip(input.initial, maxLength, '') } : {}),
        ...placeholder(input.placeholder),
      });
    }
    case 'number':
      return Elements.NumberInput({
        actionId: input.id,
        isDecimalAllowed: false,
        minValue: input.min,
        maxValue: input.max,
        ...(input.initial !== undefined ? { initialValue: input.initial } : {}),
      });
    case 'select':
      return select(input);
    case 'checkbox': {
      const on = markedOption(input.text, TICKED);
      const box = Elements.Checkboxes({ actionId: input.id }).options(on);
      return input.initial ? box.initialOptions(on) : box;
    }
    case 'people':
      return Elements.UserMultiSelect({
        actionId: input.id,
        maxSelectedItems: input.max,
        ...placeholder(input.placeholder),
      });
    case 'channel':
      return Elements.ConversationSelect({
        actionId: input.id,
        ...placeholder(input.placeholder),
        ...(input.initial ? { initialConversation: input.initial } : {}),
      }).filter('public', 'private');
  }
}

function inputBlock(input: Input): ViewBlockBuilder {
  const block = Blocks.Input({
    label: clip(input.label || input.id, LIMITS.label),
    blockId: input.id,
    ...(input.hint ? { hint: clip(input.hint, LIMITS.hint) } : {}),
  }).element(element(input));
  // Slack will not submit a required box left unticked; "off" is an answer unless said otherwise.
  const optional = input.kind === 'checkbox' ? input.optional !== false : input.optional;
  return optional ? block.optional(true) : block;
}

/** A form as a Slack modal; block and action ids are the inputs' ids, state rides unseen. */
export function renderModal(form: Form) {
  const metadata = JSON.stringify(form.state ?? {});
  if (metadata.length > LIMITS.metadata)
    throw new RangeError(`${form.id}: state of ${metadata.length} characters, Slack allows 3000`);
  const blocks = form.blocks.flatMap((b) =>
    b.type === 'input' ? [inputBlock(b.input)] : renderBlock(b),
  );
  return Modal({
    title: clip(form.title, LIMITS.title),
    submit: clip(form.submit, LIMITS.title),
    close: clip(form.close, LIMITS.title),
    callbackId: form.id,
    privateMetaData: metadata,
  })
    .blocks(...capped(blocks, VIEW_BLOCKS))
    .buildToObject();
}
