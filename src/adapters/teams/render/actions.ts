import type { ActionId, ActionPayload } from '../../../core/conversation/actions';
import type { Button, Link } from '../../../core/conversation/card';
import { chatLink } from './deep-link';
import type { RenderOptions } from './options';
import type { CardAction, CardElement } from './types';

/** Teams draws at most 6 actions in a row and drops (or hides) the rest. */
export const ACTIONS_PER_ROW = 6;

/**
 * Keys Rapport's own data uses beside a button's payload or a form's inputs: which button
 * (when it is sent as a message, which has no verb), which form, its state, how to read it.
 */
export const RESERVED = ['rapportAction', 'rapportForm', 'rapportCancel', 'rapportInputs', 'state'];

export const FORM_VERB = 'form:';
export const CANCEL_VERB = 'form-cancel:';

const STYLE = { primary: 'positive', danger: 'destructive' } as const;

function dataOf(action: ActionId, payload: ActionPayload = {}) {
  const clash = Object.keys(payload).find((k) => RESERVED.includes(k));
  if (clash) throw new RangeError(`${action}: payload key "${clash}" is reserved on Teams`);
  return payload;
}

/**
 * What pressing a button sends. A button is never a form's submission: its action does not
 * carry the card's inputs, nor wait for the required ones to be filled in.
 */
export function buttonAction(button: Button, options: RenderOptions = {}): CardAction {
  const payload = dataOf(button.action, button.payload);
  const style = button.style ? { style: STYLE[button.style] } : {};
  if (options.actions === 'submit')
    return {
      type: 'Action.Submit',
      title: button.label,
      data: { ...payload, rapportAction: button.action },
      associatedInputs: 'none',
      ...style,
    };
  return {
    type: 'Action.Execute',
    title: button.label,
    verb: button.action,
    ...(Object.keys(payload).length > 0 ? { data: { ...payload } } : {}),
    associatedInputs: 'none',
    ...style,
  };
}

/** A link to follow: a web page as it is, a chat as Teams' deep link; null if it cannot be drawn. */
export function linkAction(link: Link, options: RenderOptions = {}): CardAction | null {
  const url =
    'url' in link ? webAddress(link.url) : chatLink(link.chatWith, options.upnOf ?? (() => null));
  return url ? { type: 'Action.OpenUrl', title: link.label || url, url } : null;
}

function webAddress(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Actions as rows Teams draws in full. */
export function actionRows(actions: CardAction[]): CardElement[] {
  const rows: CardElement[] = [];
  for (let i = 0; i < actions.length; i += ACTIONS_PER_ROW)
    rows.push({ type: 'ActionSet', actions: actions.slice(i, i + ACTIONS_PER_ROW) });
  return rows;
}
