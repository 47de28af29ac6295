/**
 * The parts of the Adaptive Card schema (1.5, as Teams renders it) that Rapport writes. Typed
 * loosely on purpose: each renderer sets only the properties it needs, and the tests check every
 * card against the Adaptive Cards library itself.
 */
export interface CardElement {
  type: string;
  id?: string;
  separator?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  [property: string]: unknown;
}

export interface CardAction {
  type: 'Action.Execute' | 'Action.Submit' | 'Action.OpenUrl';
  title: string;
  [property: string]: unknown;
}

/** A mention Teams draws and notifies: its `text` must stand in the card exactly as written. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  msteams: { width: 'Full'; entities: MentionEntity[] };
}

export const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
