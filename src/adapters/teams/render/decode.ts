import { isActionId, type ActionPress } from '../../../core/conversation/actions';
import type { FormValue, FormValues, Input } from '../../../core/conversation/card';
import { CANCEL_VERB, FORM_VERB, RESERVED } from './actions';
import { ON } from './inputs';

/** What a press on one of Rapport's cards asks for, in the core's terms. */
export type CardRequest =
  | { kind: 'press'; press: ActionPress }
  | { kind: 'form'; formId: string; values: FormValues; state: Record<string, string> }
  | { kind: 'cancel'; formId: string }
  | { kind: 'unknown' };

type Loose = Record<string, unknown>;

const UNKNOWN: CardRequest = { kind: 'unknown' };

const isRecord = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const nonEmpty = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

/** The string fields of an object, Rapport's own keys left out. */
function stringsOf(data: Loose, skipReserved: boolean): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter(
      (e): e is [string, string] =>
        typeof e[1] === 'string' && !(skipReserved && RESERVED.includes(e[0])),
    ),
  );
}

/** A submitted value as a string: Teams sends strings, other clients may send numbers. */
const asString = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean'
      ? String(v)
      : undefined;

function valueOf(kind: Input['kind'], raw: unknown): FormValue | undefined {
  const words = asString(raw);
  switch (kind) {
    case 'checkbox':
      // A toggle always sends its on or off value; anything else reads as left unticked.
      return words === ON;
    case 'people': {
      // A multi-select people picker sends the chosen Entra object ids joined by commas.
      const list = Array.isArray(raw) ? raw : (words ?? '').split(',');
      const ids = list.flatMap((id) => (typeof id === 'string' && id.trim() ? [id.trim()] : []));
      return ids.length > 0 ? ids : undefined;
    }
    default:
      return words === '' ? undefined : words;
  }
}

const KINDS = new Set<string>(['text', 'number', 'select', 'checkbox', 'people', 'channel']);

/**
 * The inputs' values, read by how the form said each comes back; a card without that (from
 * an older release) has its string fields read as they are. Empty answers are absent.
 */
function formValues(data: Loose): FormValues {
  const out: FormValues = {};
  if (!isRecord(data.rapportInputs)) {
    for (const [id, words] of Object.entries(stringsOf(data, true))) if (words) out[id] = words;
    return out;
  }
  for (const [id, kind] of Object.entries(data.rapportInputs)) {
    if (typeof kind !== 'string' || !KINDS.has(kind) || RESERVED.includes(id)) continue;
    const value = valueOf(kind as Input['kind'], data[id]);
    if (value !== undefined) out[id] = value;
  }
  return out;
}

function formRequest(formId: string, data: Loose): CardRequest {
  const state = isRecord(data.state) ? stringsOf(data.state, false) : {};
  return { kind: 'form', formId, values: formValues(data), state };
}

const press = (action: string, data: Loose): CardRequest =>
  isActionId(action)
    ? { kind: 'press', press: { action, payload: stringsOf(data, true) } }
    : UNKNOWN;

/**
 * The `value` of an `adaptiveCard/action` invoke (Action.Execute): `{ action: { type, verb,
 * data } }`, the inputs' values merged into `data`. Never throws: anything else is unknown.
 */
export function readInvoke(value: unknown): CardRequest {
  if (!isRecord(value) || !isRecord(value.action)) return UNKNOWN;
  const { type, verb, data } = value.action;
  if (type !== undefined && type !== 'Action.Execute') return UNKNOWN;
  const fields = isRecord(data) ? data : {};
  const word = nonEmpty(verb);
  if (!word) return UNKNOWN;
  if (word.startsWith(FORM_VERB) && word.length > FORM_VERB.length)
    return formRequest(word.slice(FORM_VERB.length), fields);
  if (word.startsWith(CANCEL_VERB) && word.length > CANCEL_VERB.length)
    return { kind: 'cancel', formId: word.slice(CANCEL_VERB.length) };
  return press(word, fields);
}

/**
 * The `value` of a message sent by Action.Submit: the action's data with the inputs' values
 * merged in. Never throws: anything that is not one of Rapport's is unknown.
 */
export function readSubmit(value: unknown): CardRequest {
  if (!isRecord(value)) return UNKNOWN;
  const action = nonEmpty(value.rapportAction);
  if (action) return press(action, value);
  const cancelled = nonEmpty(value.rapportCancel);
  if (cancelled) return { kind: 'cancel', formId: cancelled };
  const form = nonEmpty(value.rapportForm);
  if (form) return formRequest(form, value);
  return UNKNOWN;
}
