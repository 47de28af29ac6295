import type { DeliveryRecord, RoundRecord } from '../ports';

/** A group's message as one record, whether it went to the group or to each member alone. */
export function groupDelivery(
  deliveries: Map<string, DeliveryRecord>,
  key: string,
  members: string[],
): DeliveryRecord | undefined {
  const whole = deliveries.get(key);
  if (whole) return whole;
  const each = members.flatMap((m) => {
    const record = deliveries.get(`${key}:${m}`);
    return record ? [record] : [];
  });
  if (each.length === 0) return undefined;
  const sent = each.filter((r) => r.status === 'sent');
  const waiting = each.find((r) => r.status === 'pending' || r.status === 'sending');
  if (sent.length > 0)
    return { status: 'sent', reason: null, recipients: sent.flatMap((r) => r.recipients) };
  return waiting ?? each[0];
}

/** Every dedupe key a round's group messages may carry: the group's, or one per member. */
export function roundDeliveryKeys(round: RoundRecord | null): string[] {
  return (round?.groups ?? []).flatMap((g) =>
    ['intro', 'checkin'].flatMap((what) => {
      const key = `round:${round!.id}:${what}:${g.position}`;
      return [key, ...g.members.map((m) => `${key}:${m.userId}`)];
    }),
  );
}
