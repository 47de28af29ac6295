/**
 * The terminal demo's own words: how a form reads when it is lines of text rather than a modal,
 * and how to fill it in by typing.
 */

/** An input with nothing in it yet. */
export const emptyValue = (): string => '(empty)';

export const optionalMark = (): string => 'optional';

/** What a number input accepts. */
export const wholeNumber = (min: number, max: number): string =>
  `a whole number from ${min} to ${max}`;

/** The choices of a select, by their labels. */
export const oneOf = (labels: string[]): string => `one of: ${labels.join(', ')}`;

/** A select nothing is chosen in yet. */
export const noneChosen = (): string => '(none chosen)';

/** Whether a box is ticked. */
export const ticked = (on: boolean): string => (on ? 'yes' : 'no');

export const upToPeople = (max: number): string =>
  `up to ${max} ${max === 1 ? 'person' : 'people'}`;

/** A text input's placeholder, shown while it is empty. */
export const forExample = (example: string): string => `e.g. ${example}`;

/** Under every form: how to change a field, send the form and leave it. */
export function formInstructions(submit: string, close: string): string[] {
  return [
    'Change a field with /set <number> <value>.',
    'People: /set <number> @name @name. A box: /set <number> yes (or no). A choice: its name.',
    `/submit to ${submit.toLowerCase()}, /cancel to ${close.toLowerCase()}.`,
  ];
}
