import type { Block, Button } from '../../../core/conversation/card';
import type { Text } from '../../../core/conversation/text';
import { actionRows, buttonAction, linkAction } from './actions';
import { clip, fitText } from './fit';
import { escapeText, markdown } from './markdown';
import type { Mentions } from './mentions';
import type { RenderOptions } from './options';
import type { CardAction, CardElement } from './types';

/**
 * Longest Markdown in one TextBlock or fact. Teams sets no limit of its own below the message's,
 * but one long paragraph must not push the rest of the card, and its buttons, out of it.
 */
export const TEXT_LIMIT = 6000;
/** A label longer than this is not a label: the value keeps the room. */
const LABEL_LIMIT = 200;
const HEADER_LIMIT = 300;

export interface Drawing {
  mentions: Mentions;
  options: RenderOptions;
}

/** A text's Markdown within `max` characters; empty when there is nothing to see. */
export function textOf(text: Text, d: Drawing, max = TEXT_LIMIT): string {
  const words = fitText(text, max, (t) => markdown(t, d.mentions, d.options));
  return words.trim() ? words : '';
}

export const textBlock = (text: string, more: Partial<CardElement> = {}): CardElement => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...more,
});

/** A paragraph with its button beside it, or under it when there are no words. */
function section(text: Text, button: Button | undefined, d: Drawing): CardElement[] {
  const words = textOf(text, d);
  const action = button ? [buttonAction(button, d.options)] : [];
  if (!words) return actionRows(action);
  if (!button) return [textBlock(words)];
  return [
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          verticalContentAlignment: 'Center',
          items: [textBlock(words)],
        },
        {
          type: 'Column',
          width: 'auto',
          verticalContentAlignment: 'Center',
          items: actionRows(action),
        },
      ],
    },
  ];
}

function facts(fields: Array<{ label: string; value: Text }>, d: Drawing): CardElement[] {
  const list = fields
    .map((f) => ({
      title: escapeText(clip(f.label.replace(/\s+/g, ' ').trim(), LABEL_LIMIT)),
      value: textOf(f.value, d),
    }))
    .filter((f) => f.title || f.value);
  return list.length > 0 ? [{ type: 'FactSet', facts: list }] : [];
}

/** One core block as the card elements that draw it (none, if there is nothing to show). */
export function renderBlock(block: Block, d: Drawing): CardElement[] {
  switch (block.type) {
    case 'header': {
      const words = block.text.replace(/\s+/g, ' ').trim();
      if (!words) return [];
      return [
        textBlock(escapeText(clip(words, HEADER_LIMIT)), {
          size: 'Large',
          weight: 'Bolder',
        }),
      ];
    }
    case 'section':
      return section(block.text, block.button, d);
    case 'quote': {
      // Teams draws no Markdown quote; a shaded box reads as someone's own words.
      const words = textOf(block.text, d);
      return words ? [{ type: 'Container', style: 'emphasis', items: [textBlock(words)] }] : [];
    }
    case 'fields':
      return facts(block.fields, d);
    case 'context': {
      const words = textOf(block.text, d);
      return words ? [textBlock(words, { size: 'Small', isSubtle: true })] : [];
    }
    case 'buttons':
      return actionRows(block.buttons.map((b) => buttonAction(b, d.options)));
    case 'links':
      return actionRows(
        block.links.map((l) => linkAction(l, d.options)).filter((a): a is CardAction => a !== null),
      );
    case 'image': {
      const url = d.options.imageUrl?.(block.file);
      return url ? [{ type: 'Image', url, altText: block.alt, size: 'Stretch' }] : [];
    }
    case 'divider':
      // A divider is the line above whatever comes next: see `renderGroups`.
      return [];
  }
}

/**
 * The core's blocks as groups of elements, one group per block that shows something, a divider
 * drawn as Teams draws one: a line above the element after it.
 */
export function renderGroups<B extends { type: string }>(
  blocks: B[],
  draw: (block: B) => CardElement[],
): CardElement[][] {
  const groups: CardElement[][] = [];
  let line = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      line = groups.length > 0;
      continue;
    }
    const elements = draw(block);
    if (elements.length === 0) continue;
    if (line) elements[0] = { ...elements[0]!, separator: true };
    line = false;
    groups.push(elements);
  }
  return groups;
}
