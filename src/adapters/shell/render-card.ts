import type { ActionId, ActionPayload } from '../../core/conversation/actions';
import type { Block, Button, Card } from '../../core/conversation/card';
import { dateWords, type Inline, type Text } from '../../core/conversation/text';

/** A button as the demo shows it, "[2] Snooze 1 day", so that `/press 2` can press it. */
export interface Choice {
  number: number;
  label: string;
  action: ActionId;
  payload: ActionPayload;
}

export interface RenderedText {
  text: string;
  /** Every button numbered so far, the ones passed in first. */
  choices: Choice[];
}

// Typed text must not drive the terminal: escape sequences could recolour or rewrite the screen.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Words without the control characters a terminal would obey. */
export const printable = (words: string): string => words.replace(CONTROL, '');

function inline(piece: Inline): string {
  switch (piece.type) {
    case 'text':
    case 'bold':
    case 'command':
      return piece.text;
    case 'mention':
      return piece.name;
    case 'channel':
      return `#${piece.name.replace(/^#/, '')}`;
    case 'date':
      return dateWords(piece);
    case 'link':
      return piece.label && piece.label !== piece.url ? `${piece.label} (${piece.url})` : piece.url;
    case 'break':
      return '\n';
  }
}

/** Core text as the words the terminal prints: names for mentions, dates in words. */
export const terminalText = (text: Text): string => printable(text.map(inline).join(''));

const lines = (text: Text) => terminalText(text).split('\n');

/** Numbers buttons on from the last number in `choices`, adding each to it. */
export function numberer(choices: Choice[]) {
  return (button: Button): string => {
    const number = (choices.at(-1)?.number ?? 0) + 1;
    choices.push({
      number,
      label: button.label,
      action: button.action,
      payload: button.payload ?? {},
    });
    return `[${number}] ${printable(button.label)}`;
  };
}

/** One block as lines of text; `press` numbers its buttons. */
export function blockLines(block: Block, press: (b: Button) => string): string[] {
  switch (block.type) {
    case 'header':
      return [printable(block.text)];
    case 'section': {
      const out = lines(block.text);
      if (block.button) out[out.length - 1] = `${out.at(-1)}  ${press(block.button)}`.trimStart();
      return out;
    }
    case 'quote': {
      const out = lines(block.text);
      return out.map((l, i) => `${i === 0 ? '“' : ' '}${l}${i === out.length - 1 ? '”' : ''}`);
    }
    case 'fields':
      return block.fields.flatMap((f) => {
        const [first = '', ...rest] = lines(f.value);
        return [`${printable(f.label)}: ${first}`, ...rest.map((l) => `  ${l}`)];
      });
    case 'context':
      return lines(block.text);
    case 'buttons':
      return block.buttons.length > 0 ? [block.buttons.map(press).join('  ')] : [];
    case 'links':
      // The terminal cannot open a chat: a web link is shown by its address.
      return block.links.flatMap((l) => ('url' in l ? [`${printable(l.label)}: ${l.url}`] : []));
    case 'image':
      // The terminal cannot show a picture: the demo writes its file and says where.
      return [`[${printable(block.alt)}: ${printable(block.file)}]`];
    case 'divider':
      return [''];
  }
}

/**
 * A card as plain text. Buttons are numbered on from `numbered` (the buttons of cards printed
 * before it in the same reply), so that numbers never repeat within what the person sees.
 */
export function renderCardText(card: Card, numbered: readonly Choice[] = []): RenderedText {
  const choices = [...numbered];
  const press = numberer(choices);
  return { text: card.blocks.flatMap((b) => blockLines(b, press)).join('\n'), choices };
}

/** Several cards in one reply, a blank line between them, buttons numbered 1, 2, 3 … across all. */
export function renderCardsText(cards: Card[]): RenderedText {
  let choices: Choice[] = [];
  const texts = cards.map((card) => {
    const rendered = renderCardText(card, choices);
    choices = rendered.choices;
    return rendered.text;
  });
  return { text: texts.join('\n\n'), choices };
}
