import { text, type Text } from '../conversation/text';

/** Said under a message a platform could not show in full (too many blocks for one message). */
export function moreLeftOut(): Text {
  return text('…and more: see the full list in Rapport.');
}
