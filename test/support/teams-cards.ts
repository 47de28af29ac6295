import type { SentActivity } from './fake-connector';

/** The Adaptive Card an activity carries. */
export const cardIn = (activity: any): any => activity?.attachments?.[0]?.content;

/** Every TextBlock's and fact's words in a card, in order, one per line. */
export function wordsOf(activityOrCard: any): string {
  const card = activityOrCard?.type === 'AdaptiveCard' ? activityOrCard : cardIn(activityOrCard);
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string') out.push(o.title, o.value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

export interface CardButton {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  url?: string;
}

/** Every action on a card (buttons and links), wherever it sits. */
export function buttonsOf(activityOrCard: any): CardButton[] {
  const card = activityOrCard?.type === 'AdaptiveCard' ? activityOrCard : cardIn(activityOrCard);
  const out: CardButton[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as never);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** The button with this title (or that passes a test); throws, naming the ones there, if none. */
export function button(
  activityOrCard: any,
  title: string | ((b: CardButton) => boolean),
): CardButton {
  const all = buttonsOf(activityOrCard);
  const found = all.find((b) => (typeof title === 'string' ? b.title === title : title(b)));
  if (!found)
    throw new Error(`no "${title}" button; there are: ${all.map((b) => b.title).join(', ')}`);
  return found;
}

/** The latest version of a sent card (updates replace it). */
export const latest = (sent: SentActivity) => sent.activity;
