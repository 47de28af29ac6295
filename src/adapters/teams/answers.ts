import { ADAPTIVE_CARD } from './chat';
import type { InvokeAnswer } from './deps';
import type { AdaptiveCard } from './render';

/** An invoke's answer that Teams shows as a short banner by the card. */
export const messageAnswer = (words: string): InvokeAnswer => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: words },
});

/** An invoke's answer that replaces the card it came from. */
export const cardAnswer = (card: AdaptiveCard): InvokeAnswer => ({
  status: 200,
  body: { statusCode: 200, type: ADAPTIVE_CARD, value: card },
});
