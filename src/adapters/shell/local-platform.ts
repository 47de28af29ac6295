import type { Card } from '../../core/conversation/card';
import type { ConversationPorts, DirectoryPort } from '../../core/conversation';
import type { DeliveryTarget } from '../../core/domain/outbound';
import type { PlatformSender } from '../../delivery/types';

/** What the demo's platform "sent": each queued message as it would arrive, in order. */
export interface LocalMessage {
  target: DeliveryTarget;
  card: Card;
}

/**
 * The terminal as a platform: a sender that keeps what the queue sends for the session to
 * print, a directory that is the seeded one (nobody new to look up), and people typed as
 * @handle, channels as #name.
 */
export function localPlatform() {
  const outbox: LocalMessage[] = [];
  let sent = 0;
  const sender: PlatformSender = {
    pacing: () => [],
    send(d) {
      outbox.push({ target: d.target, card: d.card });
      sent += 1;
      return Promise.resolve({ status: 'sent', ref: `local-${sent}`, conversationId: null });
    },
    verify: () => Promise.resolve({ status: 'not_found', conversationId: null }),
  };
  const directory: DirectoryPort = {
    ensureKnown: () => Promise.resolve(),
    departmentFields: () => Promise.resolve(null),
    departmentFieldChanged: () => undefined,
  };
  const typing: Pick<ConversationPorts, 'typedPerson' | 'typedChannel'> = {
    typedPerson: (m) => `@${m.userId}`,
    typedChannel: (id) => `#${id}`,
  };
  return {
    sender,
    directory,
    typing,
    /** What was sent since the last call. */
    take(): LocalMessage[] {
      return outbox.splice(0, outbox.length);
    },
  };
}
