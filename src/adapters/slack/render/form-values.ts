import type { FormValue, FormValues } from '../../../core/conversation/card';
import { TICKED } from './form';

type Loose = Record<string, unknown>;

const isRecord = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const word = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const optionValue = (v: unknown) => (isRecord(v) ? word(v.value) : undefined);

function words(list: unknown): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out = list.map((v) => (isRecord(v) ? optionValue(v) : word(v)));
  const kept = out.filter((v): v is string => v !== undefined);
  return kept.length > 0 ? kept : undefined;
}

const ticked = (options: unknown) =>
  Array.isArray(options) && options.some((o) => optionValue(o) === TICKED);

/** One element's state; Slack names it by `type`, older payloads only by which key is there. */
function valueOf(state: Loose): FormValue | undefined {
  switch (state.type) {
    case 'checkboxes':
      return ticked(state.selected_options);
    case 'multi_static_select':
      return words(state.selected_options);
  }
  if ('value' in state) return word(state.value);
  if ('selected_option' in state) return optionValue(state.selected_option);
  if ('selected_users' in state) return words(state.selected_users);
  if ('selected_conversation' in state) return word(state.selected_conversation);
  if ('selected_channel' in state) return word(state.selected_channel);
  if ('selected_user' in state) return word(state.selected_user);
  // The only element with several options Rapport draws is a checkbox.
  if ('selected_options' in state) return ticked(state.selected_options);
  return undefined;
}

/**
 * A submitted modal's `view.state.values` by input id (the block id Rapport gave each input).
 * Anything missing or malformed reads as absent: an old form after a deploy must not throw.
 */
export function readFormValues(values: unknown): FormValues {
  const out: FormValues = {};
  if (!isRecord(values)) return out;
  for (const [blockId, actions] of Object.entries(values)) {
    if (!isRecord(actions)) continue;
    const state = Object.values(actions).find(isRecord);
    if (state) out[blockId] = valueOf(state);
  }
  return out;
}

/** What the modal carried unseen (its `private_metadata`); anything unreadable is no state. */
export function readFormState(metadata: unknown): Record<string, string> {
  if (typeof metadata !== 'string' || !metadata) return {};
  try {
    const parsed: unknown = JSON.parse(metadata);
    if (!isRecord(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}
