import { Blocks, type ViewBlockBuilder } from 'slack-block-builder';
import type { Block, Button } from '../../../core/conversation/card';
import { bold, joined, link, type Text } from '../../../core/conversation/text';
import { buttonElements } from './action';
import { clip, fitted, linesOf } from './fit';
import { mrkdwn } from './text';

/** Slack's limits, in characters and elements; a message over any of them is refused. */
export const LIMITS = {
  sectionText: 3000,
  contextText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  elementsPerActions: 25,
  header: 150,
} as const;

/** A label longer than this is not a label; it keeps the value room in its field. */
const FIELD_LABEL = 200;

const chunks = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_v, i) =>
    list.slice(i * size, (i + 1) * size),
  );

const shown = (mrkdwnText: string) => mrkdwnText.trim().length > 0;

/**
 * Text in pieces of at most `max` characters: whole when it fits, else split at line breaks,
 * a line too long on its own shortened.
 */
export function sectionTexts(text: Text, max: number = LIMITS.sectionText): string[] {
  const whole = mrkdwn(text);
  if (whole.length <= max) return [whole];
  const out: string[] = [];
  let current: string | null = null;
  for (const line of linesOf(text)) {
    const rendered = fitted(line, max, mrkdwn);
    if (current !== null && current.length + 1 + rendered.length <= max) current += `\n${rendered}`;
    else {
      if (current !== null) out.push(current);
      current = rendered;
    }
  }
  if (current !== null) out.push(current);
  return out;
}

/** Every line behind Slack's quote mark; a typed ">" is escaped, so it cannot start one. */
export const quoted = (text: Text) =>
  mrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

function sections(text: Text, button?: Button): ViewBlockBuilder[] {
  const texts = sectionTexts(text).filter(shown);
  // Slack has no section without text; the button still belongs in the message.
  if (texts.length === 0)
    return button ? [Blocks.Actions().elements(...buttonElements([button]))] : [];
  return texts.map((t, i) => {
    const section = Blocks.Section({ text: t });
    return i === 0 && button ? section.accessory(buttonElements([button])[0]!) : section;
  });
}

function field(label: string, value: Text): string {
  const head = label.trim() ? mrkdwn([bold(clip(label, FIELD_LABEL))]) : '';
  if (!head) return fitted(value, LIMITS.fieldText, mrkdwn);
  return fitted(value, LIMITS.fieldText, (v) => {
    const body = mrkdwn(v);
    return body ? `${head}\n${body}` : head;
  });
}

/** Marks the place of a picture, by its file name, for `renderCard` to fill. */
export const IMAGE = 'image:';

/** One core block as the Slack blocks that draw it (none, if there is nothing to show). */
export function renderBlock(block: Block): ViewBlockBuilder[] {
  switch (block.type) {
    case 'header': {
      const words = block.text.trim();
      return words ? [Blocks.Header({ text: clip(words, LIMITS.header) })] : [];
    }
    case 'section':
      return sections(block.text, block.button);
    case 'quote': {
      if (!shown(mrkdwn(block.text))) return [];
      return [Blocks.Section({ text: fitted(block.text, LIMITS.sectionText, quoted) })];
    }
    case 'fields': {
      const texts = block.fields.map((f) => field(f.label, f.value)).filter(shown);
      return chunks(texts, LIMITS.fieldsPerSection).map((group) =>
        Blocks.Section().fields(...group),
      );
    }
    case 'context': {
      const words = fitted(block.text, LIMITS.contextText, mrkdwn);
      return shown(words) ? [Blocks.Context().elements(words)] : [];
    }
    case 'buttons':
      return chunks(block.buttons, LIMITS.elementsPerActions).map((group) =>
        Blocks.Actions().elements(...buttonElements(group)),
      );
    case 'links': {
      // Slack opens group DMs itself, so only web links are drawn here.
      const links = block.links.flatMap((l) => ('url' in l ? [link(l.url, l.label)] : []));
      const words = fitted(
        links.length
          ? joined(
              links.map((l) => [l]),
              ' · ',
            )
          : [],
        LIMITS.contextText,
        mrkdwn,
      );
      return shown(words) ? [Blocks.Context().elements(words)] : [];
    }
    case 'image': {
      // What the picture shows, until `renderCard` finds the uploaded file to draw instead.
      const words = fitted([{ type: 'text', text: block.alt }], LIMITS.contextText, mrkdwn);
      return [Blocks.Context({ blockId: `${IMAGE}${block.file}` }).elements(words || block.file)];
    }
    case 'divider':
      return [Blocks.Divider()];
  }
}
