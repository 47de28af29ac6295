import { Elements } from 'slack-block-builder';
import {
  decodePayload,
  encodePayload,
  isActionId,
  type ActionPress,
} from '../../../core/conversation/actions';
import type { Button } from '../../../core/conversation/card';
import { clip } from './fit';

export const BUTTON_LABEL_LIMIT = 75;
export const BUTTON_VALUE_LIMIT = 2000;

/** Slack refuses two buttons with one action_id in a block: the second is sent as "id~2". */
const REPEAT = /~\d+$/;

function buttonElement(button: Button, nth: number) {
  const value = encodePayload(button.payload);
  // A payload cut short would act on the wrong thing: better no message than a wrong button.
  if (value.length > BUTTON_VALUE_LIMIT)
    throw new RangeError(
      `${button.action}: payload of ${value.length} characters, Slack allows ${BUTTON_VALUE_LIMIT}`,
    );
  const element = Elements.Button({
    text: clip(button.label, BUTTON_LABEL_LIMIT),
    actionId: nth > 1 ? `${button.action}~${nth}` : button.action,
    ...(value ? { value } : {}),
  });
  if (button.style === 'primary') return element.primary();
  if (button.style === 'danger') return element.danger();
  return element;
}

/** Buttons for one block, a repeated action numbered so that Slack accepts them all. */
export function buttonElements(buttons: Button[]) {
  const seen = new Map<string, number>();
  return buttons.map((button) => {
    const nth = (seen.get(button.action) ?? 0) + 1;
    seen.set(button.action, nth);
    return buttonElement(button, nth);
  });
}

/** A button press as the core's action; null for a button this release does not know. */
export function readAction(action: { action_id?: unknown; value?: unknown }): ActionPress | null {
  if (typeof action.action_id !== 'string') return null;
  const id = action.action_id.replace(REPEAT, '');
  if (!isActionId(id)) return null;
  return {
    action: id,
    payload: decodePayload(typeof action.value === 'string' ? action.value : undefined),
  };
}
