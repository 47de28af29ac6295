/**
 * Something a person used that this release no longer handles: a button or shortcut from an
 * older message, a form opened before a deploy, a command that is no longer Rapport's.
 */
export type StaleInteraction = 'button' | 'shortcut' | 'form' | 'command';

const MESSAGES: Record<StaleInteraction, string> = {
  button:
    'That button is from an older version of Rapport and no longer works. Type /rapport help to see what you can do now.',
  shortcut:
    'That shortcut is from an older version of Rapport and no longer works. Type /rapport help to see what you can do now.',
  form: 'That form is from an older version of Rapport, so nothing was saved. Open it again to try once more.',
  command: "I don't know that command. Type /rapport help to see what I can do.",
};

/** What the person is told, privately, in plain text. */
export function staleInteractionMessage(kind: StaleInteraction): string {
  return MESSAGES[kind];
}
