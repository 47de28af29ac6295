/** What Slack sends back for one input of a form. */
export interface InputState {
  value?: string | null;
  selected_channel?: string | null;
  selected_conversation?: string | null;
  selected_users?: string[] | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string } | null> | null;
}

type StateValues = Record<string, Record<string, InputState | null | undefined> | null | undefined>;

/**
 * A submitted form's inputs by block and action id. A form from an older release, or a client
 * that leaves something out, may lack its state, a block or an action: each reads as missing
 * (undefined), never as an error, so the checks can name the field.
 */
export function formInputs(view: { state?: { values?: unknown } | null } | null | undefined) {
  const values = (view?.state?.values ?? {}) as StateValues;
  const input = (block: string, action = block): InputState | undefined =>
    values[block]?.[action] ?? undefined;
  return {
    input,
    /** Typed text, or a number input's value; '' when missing. */
    text: (block: string, action = block): string => {
      const state = input(block, action);
      return String(state?.value ?? state?.selected_option?.value ?? '');
    },
    /** The chosen option of a select; undefined when nothing came back. */
    choice: (block: string, action = block): string | undefined =>
      input(block, action)?.selected_option?.value ?? undefined,
    /** Whether a checkbox with this value is ticked; a missing box is not. */
    ticked: (block: string, value: string, action = block): boolean =>
      (input(block, action)?.selected_options ?? []).some((o) => o?.value === value),
  };
}
