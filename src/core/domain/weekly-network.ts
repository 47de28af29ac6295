import type { OutboundMessage } from './outbound';

type Weekly = Extract<OutboundMessage, { kind: 'weekly_network' }>;

/**
 * The weekly DM as it should read when sent: nobody the member has been in touch with since
 * it was written is nudged about or suggested, nor anyone an introduction is already waiting
 * on. Null when nobody is left.
 */
export function freshWeeklyNetwork(
  message: Weekly,
  lastInteraction: ReadonlyMap<string, Date>,
  introductionWaiting: ReadonlySet<string>,
): Weekly | null {
  const asOf = Date.parse(message.asOf);
  const since = (id: string) => (lastInteraction.get(id)?.getTime() ?? -Infinity) > asOf;
  const cold = message.cold.filter((c) => !since(c.userId));
  const suggestions = message.suggestions.filter(
    (s) => !lastInteraction.has(s.userId) && !introductionWaiting.has(s.userId),
  );
  if (cold.length === 0 && suggestions.length === 0) return null;
  return { ...message, cold, suggestions };
}
