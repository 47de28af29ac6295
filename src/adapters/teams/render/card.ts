import type { Card } from '../../../core/conversation/card';
import { moreLeftOut } from '../../../core/messages/limits';
import { renderBlock, renderGroups, textBlock, textOf, type Drawing } from './blocks';
import { Mentions } from './mentions';
import type { RenderOptions } from './options';
import { SCHEMA, type AdaptiveCard, type CardAction, type CardElement } from './types';

/**
 * Most bytes of card JSON Rapport sends in one message. Teams refuses a bot message over about
 * 40 KB, envelope and mention entities included, and an incoming webhook's card over 28 KB:
 * 28 KB of card leaves the activity around it room, wherever the card is sent.
 */
export const CARD_BYTES = 28 * 1024;

export const bytesOf = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** Every string Teams looks for mentions in: TextBlocks and facts, wherever they are nested. */
function mentionable(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => mentionable(n, out));
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') out.push(record.text);
    if (typeof record.title === 'string' && typeof record.value === 'string')
      out.push(record.title, record.value);
    Object.values(record).forEach((v) => mentionable(v, out));
  }
  return out;
}

/** The card around a body: Teams' full width, and an entity for each mention the body holds. */
export function envelope(
  body: CardElement[],
  mentions: Mentions,
  actions: CardAction[] = [],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full', entities: mentions.entities(mentionable(body)) },
  };
}

/**
 * The first `n` groups and, when some were left out, a line saying so: the most of the card
 * that fits in a message.
 */
function capped(groups: CardElement[][], d: Drawing, build: (b: CardElement[]) => AdaptiveCard) {
  const all = build(groups.flat());
  if (bytesOf(all) <= CARD_BYTES) return all;
  const more = textBlock(textOf(moreLeftOut(), d), { size: 'Small', isSubtle: true });
  const keeping = (n: number) => build([...groups.slice(0, n).flat(), more]);
  let low = 0;
  let high = groups.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bytesOf(keeping(mid)) <= CARD_BYTES) low = mid;
    else high = mid - 1;
  }
  return keeping(low);
}

/**
 * A card as an Adaptive Card for Teams. Its summary is not part of it: Teams takes a
 * notification's words from the activity's `summary`, which the adapter sets to `card.summary`.
 */
export function renderCard(card: Card, options: RenderOptions = {}): AdaptiveCard {
  const d: Drawing = { mentions: new Mentions(), options };
  const groups = renderGroups(card.blocks, (b) => renderBlock(b, d));
  return capped(groups, d, (body) => envelope(body, d.mentions));
}
