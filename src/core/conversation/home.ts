import { unknownMember } from '../messages/common';
import { forgottenAlready } from '../messages/forget-me';
import { homeCard, unknownHomeCard } from '../messages/home';
import type { Card } from './card';
import type { Actor, ConversationPorts } from './reply';

/** A member's Home view: Slack's Home tab, and `/rapport home` anywhere. */
export function makeHome(ports: ConversationPorts) {
  const { useCases: uc } = ports;
  return async function home(actor: Pick<Actor, 'workspaceId' | 'userId'>): Promise<Card> {
    await ports.directory.ensureKnown(actor.workspaceId, [actor.userId]);
    const r = await uc.home(actor.workspaceId, actor.userId);
    if (!r.ok) {
      const { forgotten } = await uc.forgetMe.standing(actor.workspaceId, actor.userId);
      return unknownHomeCard(forgotten ? forgottenAlready() : unknownMember());
    }
    const h = r.home;
    const ids = [
      ...h.followups.map((f) => f.otherId),
      ...h.introductions.flatMap((i) => [
        i.requesterId,
        i.targetId,
        ...(i.mutualId ? [i.mutualId] : []),
      ]),
      ...h.suggestions.flatMap((s) => [s.userId, ...(s.mutualId ? [s.mutualId] : [])]),
      ...[...h.recentGiven, ...h.recentReceived].flatMap((k) => [k.giverId, ...k.recipientIds]),
    ];
    return homeCard(h, await uc.names(actor.workspaceId, ids));
  };
}
