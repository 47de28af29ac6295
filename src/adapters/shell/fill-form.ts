import type { Form, FormValue, FormValues, Input } from '../../core/conversation/card';

/** The form's inputs, in the order the demo numbers them. */
export const inputsOf = (form: Form): Input[] =>
  form.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));

/** What a form holds before anything is changed: its inputs' initial values. */
export function initialValues(form: Form): FormValues {
  const values: FormValues = {};
  for (const input of inputsOf(form)) {
    if (input.kind === 'people') continue;
    if (input.kind === 'checkbox') values[input.id] = input.initial;
    else if (input.initial !== undefined) values[input.id] = String(input.initial);
  }
  return values;
}

const YES = new Set(['yes', 'y', 'on', 'true', '1', 'tick', 'ticked']);
const NO = new Set(['no', 'n', 'off', 'false', '0', 'untick', '']);

/**
 * A value typed after `/set <n>`, as the form would hold it; undefined clears it. Returns
 * null when it cannot be one (an unknown choice, "maybe" for a box).
 */
export function typedValue(
  input: Input,
  typed: string,
  people: (text: string) => string[],
): FormValue | undefined | null {
  const t = typed.trim();
  switch (input.kind) {
    case 'text':
    case 'number':
      return t === '' ? undefined : t;
    case 'select': {
      if (t === '') return undefined;
      const lower = t.toLowerCase();
      const option =
        input.options.find((o) => o.value.toLowerCase() === lower) ??
        input.options.find((o) => o.label.toLowerCase() === lower) ??
        input.options.find((o) => o.label.toLowerCase().startsWith(lower));
      return option ? option.value : null;
    }
    case 'checkbox':
      return YES.has(t.toLowerCase()) ? true : NO.has(t.toLowerCase()) ? false : null;
    case 'people':
      return people(t);
    case 'channel':
      return t === '' ? undefined : t.replace(/^#/, '').toLowerCase();
  }
}
