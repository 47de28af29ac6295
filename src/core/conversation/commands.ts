import type { InsightWeeks } from '../domain/insights';
import type { MentionToken } from '../domain/mention';
import type { MentorRole } from '../use-cases/mentorship';
import type { UsageProblem } from './usage';

export type { MentionToken };

/** A channel the platform resolved in typed text: where it is and which channel. */
export interface ChannelToken {
  start: number;
  end: number;
  channelId: string;
}

/**
 * A command as the platform received it, decoded: its name ("kudos", "followup",
 * "rapport"), the text after it in plain words (mentions written as "@name"), and where in
 * that text the platform found people and channels. No platform markup reaches the core.
 */
export interface CommandInput {
  name: string;
  text: string;
  mentions: MentionToken[];
  channels: ChannelToken[];
}

export type Command =
  | {
      kind: 'kudos';
      recipientIds: string[];
      groupMentions: string[];
      message: string;
      /** Mentions inside the message, as spans of `message`. */
      inlineMentions: Array<{ start: number; end: number; userId: string }>;
      /** "@name" written where a recipient goes, which the platform knows nobody by. */
      unresolved?: string;
    }
  | { kind: 'kudos_form' }
  | { kind: 'followup'; mentions: MentionToken[]; when: string }
  | { kind: 'followup_list' }
  | { kind: 'followup_cancel'; n: number | null }
  | {
      kind:
        | 'help'
        | 'home'
        | 'me'
        | 'settings'
        | 'admin'
        | 'values'
        | 'deliveries'
        | 'suggest'
        | 'resume'
        | 'optout'
        | 'optin'
        | 'export'
        | 'forget_me';
    }
  | { kind: 'department'; name: string }
  /** `/rapport admin add @x` (grant) or `remove @x`. */
  | { kind: 'admin_grant'; grant: boolean; userIds: string[] }
  | { kind: 'join' | 'leave' | 'skip'; channelId: string | null }
  | { kind: 'pause'; typed: string }
  | { kind: 'rounds'; channelId: string | null }
  | { kind: 'round'; channelId: string | null; page: number }
  | { kind: 'insights'; weeks: InsightWeeks }
  | { kind: 'met'; userIds: string[] }
  | { kind: 'mentor'; role: MentorRole; userIds: string[]; end: boolean }
  | { kind: 'nudges'; wanted: { enabled: boolean; cadenceDays?: number } | null }
  | { kind: 'suggestions'; on: boolean | null }
  | { kind: 'unknown_subcommand'; typed: string }
  | { kind: 'unknown_command'; name: string }
  | { kind: 'invalid'; usage: UsageProblem };

/** Commands that change nothing about a member, bring an opted-out member back, or are their data rights. */
export const OPEN_TO_OPTED_OUT: ReadonlySet<Command['kind']> = new Set([
  'help',
  'optin',
  'optout',
  'settings',
  'values',
  'department',
  'unknown_subcommand',
  'unknown_command',
  'invalid',
  'admin',
  'admin_grant',
  'rounds',
  'round',
  'deliveries',
  'insights',
  'export',
  'forget_me',
]);
