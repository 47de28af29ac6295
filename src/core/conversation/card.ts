import type { ActionId, ActionPayload } from './actions';
import type { Text } from './text';

/**
 * A message as Rapport means it, before any platform draws it: Block Kit on Slack, an
 * Adaptive Card on Teams, lines of text in the demo. Blocks are few on purpose: each one
 * every renderer can draw.
 */
export interface Card {
  /** One line for notifications and screen readers (Slack's `text`, a Teams summary). */
  summary: string;
  blocks: Block[];
}

export interface Button {
  label: string;
  action: ActionId;
  payload?: ActionPayload;
  style?: 'primary' | 'danger';
}

/**
 * A link to follow rather than an action to press: a web page, or a chat with some people
 * that the platform starts when a bot cannot (a Teams deep link to a new group chat).
 */
export type Link =
  | { label: string; url: string }
  | { label: string; chatWith: { userIds: string[]; topic: string; message: string } };

export type Block =
  /** A title in large type. */
  | { type: 'header'; text: string }
  /** A paragraph, with an optional button beside it (one per item in a list). */
  | { type: 'section'; text: Text; button?: Button }
  /** Someone's own words, quoted: a kudos message. */
  | { type: 'quote'; text: Text }
  /** Label and value pairs, shown side by side where there is room. */
  | { type: 'fields'; fields: Array<{ label: string; value: Text }> }
  /** Small print under a message. */
  | { type: 'context'; text: Text }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'links'; links: Link[] }
  /** A picture from a file that comes with the same reply (by its file name), and what it shows. */
  | { type: 'image'; file: string; alt: string }
  | { type: 'divider' };

/**
 * A file handed to the person who asked: their data export, a table as CSV, a chart. Slack
 * uploads it to their DM, Teams offers it to download, the demo writes it to a folder.
 */
export interface ReplyFile {
  /** The name it is saved under ("rapport-export.json"); an image block names it too. */
  filename: string;
  /** What it is, in a few words, shown beside it. */
  title: string;
  mimeType: string;
  content: string | Uint8Array;
}

export interface Option {
  label: string;
  value: string;
}

interface InputBase {
  /** The field's name in what the form returns, and where its error is shown. */
  id: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

export type Input = InputBase &
  (
    | {
        kind: 'text';
        initial?: string;
        placeholder?: string;
        multiline?: boolean;
        maxLength?: number;
      }
    | { kind: 'number'; initial?: number; min: number; max: number }
    | { kind: 'select'; options: Option[]; initial?: string; placeholder?: string; radio?: boolean }
    /** One box to tick; `text` says what ticking it means. */
    | { kind: 'checkbox'; text: string; initial: boolean }
    | { kind: 'people'; max: number; placeholder?: string }
    | { kind: 'channel'; initial?: string; placeholder?: string }
  );

export type FormId = 'kudos' | 'settings' | 'round_channel';

/** A form to fill in: a Slack modal, a Teams card with inputs, a prompt in the demo. */
export interface Form {
  id: FormId;
  title: string;
  submit: string;
  close: string;
  /** Carried through the form unseen and given back on submission (where it was opened). */
  state?: Record<string, string>;
  blocks: Array<Block | { type: 'input'; input: Input }>;
}

/** What a submitted form holds: text, a choice, several people, a ticked box; absent if empty. */
export type FormValue = string | string[] | boolean;
export type FormValues = Record<string, FormValue | undefined>;

export const card = (
  summary: string,
  ...blocks: Array<Block | false | null | undefined>
): Card => ({
  summary,
  blocks: blocks.filter((b): b is Block => Boolean(b)),
});

export const section = (t: Text, button?: Button): Block =>
  button ? { type: 'section', text: t, button } : { type: 'section', text: t };
export const context = (t: Text): Block => ({ type: 'context', text: t });
export const buttons = (...list: Button[]): Block => ({ type: 'buttons', buttons: list });
export const divider: Block = { type: 'divider' };
export const header = (t: string): Block => ({ type: 'header', text: t });
export const input = (i: Input) => ({ type: 'input' as const, input: i });
