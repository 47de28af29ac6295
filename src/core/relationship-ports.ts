/** The repositories behind relationships: reminders, introductions, suggestions, welcomes. */
import type { Suggestion } from './domain/network';

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

export type IntroductionStatus = 'asked' | 'asking_mutual' | 'opened' | 'declined' | 'withdrawn';

export interface Introduction {
  id: string;
  requesterId: string;
  targetId: string;
  /** Someone both know, who may join the conversation if they agree. */
  mutualId: string | null;
  status: IntroductionStatus;
  origin: 'suggestion' | 'welcome';
  /** The mutual contact's answer: null until they give one. */
  mutualJoins: boolean | null;
  createdAt: Date;
  answeredAt: Date | null;
}

export interface IntroductionRepository {
  /** A new request; null when the pair already has one open (or the source key was used). */
  create(
    workspaceId: string,
    intro: Pick<Introduction, 'requesterId' | 'targetId' | 'mutualId' | 'origin'> & {
      sourceRef: string;
      at: Date;
    },
  ): Promise<Introduction | null>;
  lock(workspaceId: string, id: string): Promise<Introduction | null>;
  update(
    workspaceId: string,
    id: string,
    change: Partial<Pick<Introduction, 'status' | 'mutualJoins' | 'answeredAt'>> & {
      openedAt?: Date;
    },
  ): Promise<void>;
  /** People a member has an open request with, either way: not to be suggested again. */
  openWith(workspaceId: string, userId: string): Promise<Set<string>>;
  /** Open introductions a member is part of (asked, asking, or the person both know). */
  openFor(workspaceId: string, userId: string): Promise<Introduction[]>;
  /** Every pair with an open request, for the weekly job. */
  openPairs(workspaceId: string): Promise<Array<[string, string]>>;
  /** Waiting on a mutual contact since before `before`, oldest first. */
  waitingOnMutual(workspaceId: string, before: Date): Promise<Introduction[]>;
}

export interface SuggestionSnoozeRepository {
  /** "Not now": `otherId` is not suggested to `memberId` until `until`. */
  snooze(workspaceId: string, memberId: string, otherId: string, until: Date): Promise<void>;
  /** Whom each member set aside, still in force at `now` (for one member, or everyone). */
  active(workspaceId: string, now: Date, memberId?: string): Promise<Map<string, Set<string>>>;
}

/** A member's people to meet as worked out at `computedAt`, best first, spares included. */
export interface StoredSuggestions {
  computedAt: Date;
  suggestions: Suggestion[];
}

/**
 * People to meet, worked out ahead of reading (the Home view): a whole workspace at once, or
 * one member when theirs is missing or stale.
 */
export interface MemberSuggestionRepository {
  /** The workspace's lists become these, worked out at `at`; other members' lists go. */
  replaceAll(workspaceId: string, at: Date, lists: Map<string, Suggestion[]>): Promise<number>;
  put(workspaceId: string, memberId: string, at: Date, suggestions: Suggestion[]): Promise<void>;
  of(workspaceId: string, memberId: string): Promise<StoredSuggestions | null>;
}

export interface WelcomeRepository {
  /** A new member's welcome, due at `dueAt`; nothing if one exists already. */
  schedule(workspaceId: string, userId: string, joinedAt: Date, dueAt: Date): Promise<void>;
  /** Welcomes due by `now` and not sent yet, locked (others skip them). */
  claimDue(workspaceId: string, now: Date, limit: number): Promise<Array<{ userId: string }>>;
  markQueued(workspaceId: string, userId: string, at: Date): Promise<void>;
  postpone(workspaceId: string, userId: string, dueAt: Date): Promise<void>;
}
