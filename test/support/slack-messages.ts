import type { Card } from '../../src/core/conversation/card';
import type { Text } from '../../src/core/conversation/text';
import { FALLBACK_EXAMPLES, note, type Examples } from '../../src/core/messages/common';
import { kudosPost, kudosReceived, type KudosShown } from '../../src/core/messages/kudos';
import { namesOf } from '../../src/core/messages/people';
import { renderCard } from '../../src/adapters/slack/render';
import { acmeUsers } from './slack-team';

/** Every piece of text in a Block Kit structure (a message's blocks, a view), in order. */
export function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(texts)];
}

/** The people a piece of Slack text pings (`<@U…>`, with or without a label), in order. */
export const pings = (mrkdwnText: string) =>
  [...mrkdwnText.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g)].map((m) => m[1]!);

/** Acme's names as the directory holds them: what the core names people by. */
export const ACME_NAMES = namesOf(
  acmeUsers().map((u) => ({ userId: u.id, name: u.profile?.real_name ?? u.real_name ?? u.id })),
);

/**
 * How the examples in Ana's answers name people: two real colleagues (from other departments
 * first, by name), never Ana herself, typed as Slack people type them.
 */
export const ANA_EXAMPLES: Examples = {
  person: '@Eve Moreau',
  other: '@Li Wei',
  channel: FALLBACK_EXAMPLES.channel,
};

/** A core card as Slack gets it: `text` and `blocks`. */
export const onSlack = (card: Card) => renderCard(card);

/** A private one-paragraph answer, as Slack gets it at a response_url. */
export const privately = (t: Text) => ({ response_type: 'ephemeral', ...renderCard(note(t)) });

/** A kudos celebration as the core composes it with Acme's names, as Slack gets it. */
export const celebration = (k: KudosShown) => renderCard(kudosPost(k, ACME_NAMES));

/** The note each person thanked gets, as Slack gets it. */
export const kudosNote = (k: KudosShown, channelId: string | null) =>
  renderCard(kudosReceived({ ...k, channelId }, ACME_NAMES));
