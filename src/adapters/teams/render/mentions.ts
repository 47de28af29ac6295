import type { MentionEntity } from './types';

/**
 * The people a card mentions. Teams turns `<at>Name</at>` into a notifying mention only when an
 * entity with that exact text comes with the card, so the tag is made here, once per person,
 * and the entities are listed from the texts the card ends up holding.
 */
export class Mentions {
  private readonly byTag = new Map<string, MentionEntity>();

  /**
   * The tag for a person, or null when there is nothing to tag with, or when someone else of
   * the same name already has that tag in this card: Teams matches entities by their text, so
   * a second person under the same tag could be notified in the first one's place.
   */
  tag(userId: string, name: string): string | null {
    // Inside the tag, < or > would end it early; line breaks are not part of a name.
    const shown = name.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
    if (!shown || !userId) return null;
    const tag = `<at>${shown}</at>`;
    const known = this.byTag.get(tag);
    if (known) return known.mentioned.id === userId ? tag : null;
    this.byTag.set(tag, { type: 'mention', text: tag, mentioned: { id: userId, name } });
    return tag;
  }

  /** The entities whose tags stand in `texts`: a mention left out of a shortened card has none. */
  entities(texts: string[]): MentionEntity[] {
    return [...this.byTag.values()].filter((e) => texts.some((t) => t.includes(e.text)));
  }
}
