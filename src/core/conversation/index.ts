import { composeOutbound, peopleIn } from '../messages/outbound';
import type { DeliveryTarget, OutboundMessage } from '../domain/outbound';
import type { Card } from './card';
import { checkForm, makeFormHandler } from './forms';
import { makeHome } from './home';
import { makeActionHandler } from './press';
import type { ConversationPorts } from './reply';
import type { UseCases } from '../use-cases';
import { makeCommandRunner } from './run-command';

export type {
  Actor,
  ActionOutcome,
  ConversationPorts,
  DirectoryPort,
  FormOutcome,
  Reply,
} from './reply';

/**
 * What Rapport says and understands, once, for every platform: commands, button presses,
 * forms, the Home view and queued messages, each turned into neutral cards that an adapter
 * only has to draw.
 */
export function createConversation(ports: ConversationPorts) {
  const { useCases: uc } = ports;
  return {
    command: makeCommandRunner(ports),
    press: makeActionHandler(ports),
    checkForm,
    submitForm: makeFormHandler(ports),

    /** The member's Home view, read afresh. */
    home: makeHome(ports),

    outbound: makeOutboundComposer(uc),
  };
}

/** A queued message as it reads now: names from the directory, dates in the reader's zone. */
export function makeOutboundComposer(uc: Pick<UseCases, 'names' | 'member' | 'workspaceSettings'>) {
  return async function outbound(
    workspaceId: string,
    target: DeliveryTarget,
    message: OutboundMessage,
  ): Promise<Card> {
    const names = await uc.names(workspaceId, peopleIn(message));
    const reader = target.type === 'member' ? await uc.member(workspaceId, target.userId) : null;
    const zone = reader?.timezone ?? (await uc.workspaceSettings(workspaceId)).timezone;
    return composeOutbound(message, names, zone, reader?.userId ?? null);
  };
}

export type OutboundComposer = ReturnType<typeof makeOutboundComposer>;

export type Conversation = ReturnType<typeof createConversation>;
