/** A mention the adapter found in the typed text: where it is and whom it names. */
export interface MentionToken {
  start: number;
  end: number;
  /** The person's user id; for a group mention (a user group, @here), the group's name. */
  userId: string;
  kind?: 'person' | 'group';
}
