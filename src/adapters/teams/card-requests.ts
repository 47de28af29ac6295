import type { Card } from '../../core/conversation/card';
import { text } from '../../core/conversation/text';
import {
  formClosed,
  formSaved,
  note,
  staleButton,
  unknownMember,
} from '../../core/messages/common';
import type { TeamsDeps, Turn } from './deps';
import type { CardRequest } from './render';
import { cardAnswer, messageAnswer } from './answers';

/**
 * A button pressed or a form sent on one of Rapport's cards, as an Action.Execute invoke (the
 * answer goes back in the HTTP response) or an Action.Submit message (which has no answer of
 * its own). A press that changes the card replaces it for everyone, so it cannot be pressed
 * twice to effect; what the conversation says besides comes in the sender's personal chat,
 * and as the invoke's banner when the card stays as it was.
 */
export async function onCardRequest(
  deps: TeamsDeps,
  turn: Turn,
  request: CardRequest,
): Promise<void> {
  let replaced = false;
  const tell = async (card: Card) => {
    if (!replaced) turn.answer(messageAnswer(card.summary));
    await turn.privately(card);
  };
  const replace = async (card: Card) => {
    const drawn = await deps.drawing.card(turn.workspace.id, card);
    await turn.replacePressed(drawn, card.summary);
    turn.answer(cardAnswer(drawn));
    replaced = true;
  };
  const actor = turn.actor;
  if (!actor) return tell(note(unknownMember()));

  switch (request.kind) {
    case 'unknown':
      return tell(note(staleButton()));
    case 'cancel':
      return replace(note(formClosed()));
    case 'press': {
      const outcome = await deps.conversation.press(actor, request.press);
      if (outcome.update) await replace(outcome.update);
      if (outcome.form)
        await turn.privately(
          await deps.drawing.form(turn.workspace.id, outcome.form),
          outcome.form.title,
        );
      // The note stands in for an update the platform could not make: the card changed here.
      if (outcome.note && !outcome.update) await tell(outcome.note);
      return;
    }
    case 'form': {
      const { formId, values, state } = request;
      let errors = deps.conversation.checkForm(formId, values, state);
      if (!errors) {
        const outcome = await deps.conversation.submitForm(actor, formId, values, state);
        if (!outcome.errors) {
          const [first, ...rest] = outcome.notes;
          // The form becomes what it led to, so that it cannot be sent twice.
          await replace(first ?? note(formSaved()));
          for (const card of rest) await turn.privately(card);
          return;
        }
        errors = outcome.errors;
      }
      // Teams keeps the card as it was, with what was typed: the mistakes are said beside it.
      return tell(note(text(Object.values(errors).join(' '))));
    }
  }
}
