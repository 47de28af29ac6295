import { Blocks, HomeTab, Message, type ViewBlockBuilder } from 'slack-block-builder';
import type { Block, Card } from '../../../core/conversation/card';
import { plainText } from '../../../core/conversation/text';
import { moreLeftOut } from '../../../core/messages/limits';
import { IMAGE, renderBlock } from './blocks';
import { clip } from './fit';
import { escape, mrkdwn } from './text';

/** Slack refuses a message with more blocks than this, and a Home tab or modal with more than 100. */
export const MESSAGE_BLOCKS = 50;
export const VIEW_BLOCKS = 100;
/** Slack cuts a message's text at 40,000; a notification shows far less. */
const SUMMARY = 3000;

/** The first `max - 1` blocks and a line saying some were left out, when there are too many. */
export function capped(blocks: ViewBlockBuilder[], max: number): ViewBlockBuilder[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), Blocks.Context().elements(mrkdwn(moreLeftOut()))];
}

export const renderBlocks = (blocks: Block[]): ViewBlockBuilder[] => blocks.flatMap(renderBlock);

/** Notifications and screen readers need words even when a composer left the summary empty. */
function summaryOf(card: Card): string {
  if (card.summary.trim()) return card.summary;
  for (const block of card.blocks) {
    if (block.type === 'header' && block.text.trim()) return block.text;
    if ((block.type === 'section' || block.type === 'quote') && plainText(block.text).trim())
      return plainText(block.text);
  }
  return '';
}

/**
 * A card as a Slack message: `text` for notifications, `blocks` for what is shown. A picture
 * whose file was uploaded (`files`: file name to Slack file id) is drawn from that file; any
 * other stays as the words for what it shows.
 */
export function renderCard(
  card: Card,
  files: ReadonlyMap<string, string> = new Map(),
): { text: string; blocks: unknown[] } {
  const text = escape(clip(summaryOf(card), SUMMARY));
  const message = Message({ text })
    .blocks(...capped(renderBlocks(card.blocks), MESSAGE_BLOCKS))
    .buildToObject();
  const blocks = ((message.blocks ?? []) as Array<{ block_id?: string }>).map((b) => {
    const file = b.block_id?.startsWith(IMAGE) ? b.block_id.slice(IMAGE.length) : null;
    const id = file === null ? undefined : files.get(file);
    if (file === null) return b;
    const alt = card.blocks.find((x) => x.type === 'image' && x.file === file);
    const words = alt?.type === 'image' ? alt.alt : file;
    return id ? { type: 'image', slack_file: { id }, alt_text: clip(words, 2000) } : stripId(b);
  });
  return { text, blocks };
}

/** A placeholder's marker is not for Slack. */
function stripId(block: { block_id?: string }) {
  const rest = { ...block };
  delete rest.block_id;
  return rest;
}

/** A card as a member's Home tab. */
export function renderHome(card: Card) {
  return HomeTab()
    .blocks(...capped(renderBlocks(card.blocks), VIEW_BLOCKS))
    .buildToObject();
}
