import type { Input } from '../conversation/card';

/**
 * Teams' own words: a form on Teams is a card whose required fields Teams checks itself before
 * sending, showing these under a field left empty (or a number out of its range).
 */
export function fieldNeedsAnswer(input: Input): string {
  switch (input.kind) {
    case 'number':
      return `Please enter a whole number from ${input.min} to ${input.max}.`;
    case 'select':
    case 'channel':
      return 'Please choose one.';
    case 'people':
      return 'Please choose someone.';
    default:
      return 'Please fill this in.';
  }
}
