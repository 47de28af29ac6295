import { dateWords } from '../conversation/text';

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

/** The demo's help: the bot's commands come from the core's help; these are the demo's own. */
export function demoCommands(): string[] {
  return [
    'Demo commands:',
    '  /people           who is in the demo company, by department',
    '  /as <name>        act as someone else, e.g. /as priya (Rosa Alvarez is an admin: /as rosa)',
    '  /home             your Home view, as Slack shows it in the app',
    '  /press <number>   press a button: each is shown with its number, e.g. [2] Done',
    '  /press <label>    or by its label: /press Done presses your latest Done button',
    '  /round            run this week’s intro round in #coffee now and show what it sends',
    '  /clock +3d        move the demo’s clock on (h, d or w) and deliver what comes due',
    '  /quit             leave (or press Ctrl-D)',
  ];
}

export const demoWelcome = (name: string, title: string | null, department: string | null) =>
  `Rapport demo — you are ${name}${title ? `, ${title}` : ''}${department ? ` in ${department}` : ''}. Type /rapport help for commands, /help for the demo's own.`;

export const demoNobody = (query: string, handles: string[]) =>
  `There is no "${query}" in the demo company. Try one of: ${handles.join(', ')}`;

export const demoWhoToBe = () =>
  'Who do you want to be? For example: /as priya. Type /people to see everyone.';

export const demoNotFound = (query: string) =>
  `I can't find "${query}" in the demo company. Type /people to see everyone.`;

export const demoNowYou = (name: string, title: string | null, department: string | null) =>
  `You are now ${name}${department ? `, ${title ?? ''} in ${department}` : ''}.`;

export const demoNotUnderstood = () =>
  "I didn't understand that. Type /rapport help for the bot's commands, /help for the demo's.";

export const demoNoButton = (n: string) =>
  /^\d+$/.test(n)
    ? `There is no button [${n}]. Buttons are numbered as they are shown, e.g. [2] Done.`
    : `You have no "${n}" button to press. Buttons are shown with their number, e.g. [2] Done.`;

export const demoButtonElsewhere = (owner: string, handle: string) =>
  `That button is in ${owner}'s messages. Type /as ${handle} first.`;

export const demoNoForm = () =>
  'There is no form open. Forms open from commands such as /rapport admin.';

export const demoNoField = (n: string) => `The form has no field ${n}.`;

export const demoFieldSet = (n: number, label: string, value: string, submit: string) =>
  `Set ${n}. ${label}: ${value || emptyValue()}. /submit to ${submit.toLowerCase()}, or /set another field.`;

export const demoFormClosed = () => 'Closed the form; nothing was saved.';

export const demoFormErrors = () => 'Some fields need a change:';

export const demoClockUsage = () =>
  'Move the clock on by hours, days or weeks, for example /clock +3d, /clock +12h or /clock +1w.';

export const demoClockMoved = (now: string) => `The demo's clock is now ${now}.`;

export const demoNothingDue = () => 'Nothing else came due.';

export const demoQuit = () => 'Bye!';

export const demoPlace = {
  private: 'only visible to you',
  updated: 'message updated',
  dm: (name: string) => `DM to ${name}`,
  group: (names: string) => `group DM with ${names}`,
  channel: (name: string) => `#${name}`,
  later: (at: string) => `later · ${at}`,
};

export const demoRoundNone = (note: string) => `No new round: ${note}`;

/** A file Rapport handed over (an export, a chart), and where the demo saved it. */
export const demoFileSaved = (title: string, path: string) => `📎 ${title}: saved to ${path}`;

export const demoBadValue = () => 'That is not one of the choices: see what the field accepts.';

export const demoNoRoundChannel = () => 'the demo has no round channel';
export const demoRoundRanThisMinute = () => 'this minute’s round has run already';
export const demoCouldNotStart = () => 'The demo could not start';

/** A moment as the demo's clock shows it: in London, the demo company's zone. */
export const demoTime = (at: Date) =>
  `${dateWords({ type: 'date', at: at.toISOString(), zone: 'Europe/London', style: 'moment' })} (London time)`;

/** Messages the queue sent to other people, kept until the demo becomes them. */
export const demoElsewhere = (n: number) =>
  `(${n} ${n === 1 ? 'message' : 'messages'} went to other people: /as <name> shows theirs.)`;
