/** The repositories behind relationships: reminders, introductions, suggestions, welcomes. */

export type ReminderStatus = 'pending' | 'done' | 'cancelled';
/** 'manual': /followup; 'round': some weeks after a round's "we met". */
export type ReminderOrigin = 'manual' | 'round';

export interface Reminder {
  id: string;
  memberId: string;
  otherId: string;
  about: string | null;
  dueAt: Date;
  status: ReminderStatus;
  origin: ReminderOrigin;
  sourceRef: string;
  /** Goes up with each snooze, so each reminder message is its own delivery. */
  version: number;
  queuedAt: Date | null;
  createdAt: Date;
}

export type NewReminder = Pick<
  Reminder,
  'memberId' | 'otherId' | 'about' | 'dueAt' | 'origin' | 'sourceRef' | 'createdAt'
>;

export interface ReminderRepository {
  /** Adds reminders; one whose (origin, source, member, other) exists already is left alone. */
  createMany(workspaceId: string, reminders: NewReminder[]): Promise<Reminder[]>;
  findBySource(
    workspaceId: string,
    origin: ReminderOrigin,
    sourceRef: string,
    memberId: string,
  ): Promise<Reminder | null>;
  /** Loads a reminder and holds a row lock until the transaction ends. */
  lock(workspaceId: string, id: string): Promise<Reminder | null>;
  update(
    workspaceId: string,
    id: string,
    change: Partial<Pick<Reminder, 'status' | 'dueAt' | 'version' | 'queuedAt'>> & {
      doneAt?: Date;
    },
  ): Promise<void>;
  /** A member's pending reminders, soonest first. */
  pendingOf(workspaceId: string, memberId: string, limit: number): Promise<Reminder[]>;
  /** Pending reminders due by `now` and not yet queued, locked (others skip them). */
  claimDue(workspaceId: string, now: Date, limit: number): Promise<Reminder[]>;
}
