import type { Form, Input } from '../../../core/conversation/card';
import { CANCEL_VERB, FORM_VERB, RESERVED } from './actions';
import { renderBlock, renderGroups, textBlock, type Drawing } from './blocks';
import { envelope } from './card';
import { clip } from './fit';
import { inputElements } from './inputs';
import { escapeText } from './markdown';
import { Mentions } from './mentions';
import type { FormOptions } from './options';
import type { AdaptiveCard, CardAction, CardElement } from './types';

const TITLE_LIMIT = 300;

/** How each input's value comes back, by id: Teams sends all of them as strings. */
export type InputKinds = Record<string, Input['kind']>;

const inputsOf = (form: Form): Input[] =>
  form.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));

/**
 * The form's submit and cancel. Submitting sends the inputs with what the form carries unseen
 * (which form, its state, how to read each input); cancelling sends no input and waits for
 * none to be filled in.
 */
function formActions(form: Form, kinds: InputKinds, options: FormOptions): CardAction[] {
  const state = form.state && Object.keys(form.state).length > 0 ? { state: form.state } : {};
  const data = { rapportForm: form.id, ...state, rapportInputs: kinds };
  const cancel = { rapportCancel: form.id };
  if (options.actions === 'submit')
    return [
      { type: 'Action.Submit', title: form.submit, data, style: 'positive' },
      { type: 'Action.Submit', title: form.close, data: cancel, associatedInputs: 'none' },
    ];
  return [
    {
      type: 'Action.Execute',
      title: form.submit,
      verb: `${FORM_VERB}${form.id}`,
      data,
      style: 'positive',
    },
    {
      type: 'Action.Execute',
      title: form.close,
      verb: `${CANCEL_VERB}${form.id}`,
      data: cancel,
      associatedInputs: 'none',
    },
  ];
}

/** Mistakes for no field of this form: shown at its top rather than lost. */
function otherErrors(form: Form, errors: Record<string, string> = {}): CardElement[] {
  const ids = new Set(inputsOf(form).map((i) => i.id));
  return Object.entries(errors)
    .filter(([id, message]) => !ids.has(id) && message.trim())
    .map(([, message]) => textBlock(escapeText(message), { color: 'Attention' }));
}

/**
 * A form as an Adaptive Card with inputs, each input's id the core's, a submit and a cancel.
 * Forms are short by design, so nothing is left out of one to fit a message.
 */
export function renderForm(form: Form, options: FormOptions = {}): AdaptiveCard {
  const inputs = inputsOf(form);
  const clash = inputs.find((i) => RESERVED.includes(i.id));
  if (clash) throw new RangeError(`${form.id}: input id "${clash.id}" is reserved on Teams`);
  const d: Drawing = { mentions: new Mentions(), options };
  const groups = renderGroups(form.blocks, (b) =>
    b.type === 'input' ? inputElements(b.input, options) : renderBlock(b, d),
  );
  const kinds: InputKinds = Object.fromEntries(inputs.map((i) => [i.id, i.kind]));
  const title = form.title.replace(/\s+/g, ' ').trim();
  const body = [
    ...(title
      ? [textBlock(escapeText(clip(title, TITLE_LIMIT)), { size: 'Large', weight: 'Bolder' })]
      : []),
    ...otherErrors(form, options.errors),
    ...groups.flat(),
  ];
  return envelope(body, d.mentions, formActions(form, kinds, options));
}

/**
 * The form drawn again with each mistake under its field. Teams has no field errors of its own
 * for a card: the adapter answers the submission with this card, and passes the submitted
 * values in `options.values` so that nothing typed is lost.
 */
export function withErrors(
  form: Form,
  errors: Record<string, string>,
  options: FormOptions = {},
): AdaptiveCard {
  return renderForm(form, { ...options, errors });
}
