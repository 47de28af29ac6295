import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface WorkspacesTable {
  id: Generated<string>;
  platform: 'slack' | 'teams' | 'local';
  external_id: string;
  name: string;
  created_at: Timestamp;
  uninstalled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface WorkspaceSettingsTable {
  workspace_id: string;
  kudos_channel_id: string | null;
  kudos_values: string[];
  daily_kudos_limit: Generated<number>;
  timezone: string | null;
  department_field_id: string | null;
  updated_at: Timestamp;
  kudos_prompt_enabled: Generated<boolean>;
  kudos_prompt_day: Generated<number>;
  kudos_prompt_hour: Generated<number>;
  kudos_digest_enabled: Generated<boolean>;
  kudos_digest_day: Generated<number>;
  kudos_digest_hour: Generated<number>;
  followup_after_met_days: Generated<number>;
  welcome_enabled: Generated<boolean>;
  welcome_delay_days: Generated<number>;
  history_days: Generated<number>;
  insights_min_department_size: Generated<number>;
}

export interface DepartmentsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  created_at: Timestamp;
}

export interface MembersTable {
  workspace_id: string;
  user_id: string;
  name: string;
  department_id: string | null;
  title: string | null;
  manager_id: string | null;
  timezone: Generated<string>;
  external_org: string | null;
  is_bot: Generated<boolean>;
  is_deactivated: Generated<boolean>;
  opted_out: Generated<boolean>;
  paused_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  joined_at: Timestamp;
  updated_at: Timestamp;
  is_admin: Generated<boolean>;
  admin_granted: Generated<boolean>;
  department_source: Generated<'directory' | 'member'>;
  work_start_minute: Generated<number>;
  work_end_minute: Generated<number>;
  work_days: Generated<number[]>;
  nudges_enabled: Generated<boolean>;
  suggestions_enabled: Generated<boolean>;
  nudge_cadence_days: Generated<number>;
  unreachable_since: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
}

export interface KudosTable {
  id: Generated<string>;
  workspace_id: string;
  giver_id: string;
  message: string;
  values: string[];
  channel_id: string | null;
  source_key: string;
  created_at: Timestamp;
}

export interface KudosRecipientsTable {
  kudos_id: string;
  workspace_id: string;
  recipient_id: string;
}

export interface InteractionsTable {
  id: Generated<string>;
  workspace_id: string;
  member_id: string;
  other_member_id: string;
  kind: 'cross_department' | 'peer' | 'manager_report' | 'external';
  source: string;
  source_ref: string;
  occurred_at: Timestamp;
  created_at: Timestamp;
}

export interface SlackInstallationsTable {
  install_key: string;
  workspace_id: string;
  team_id: string | null;
  enterprise_id: string | null;
  bot_user_id: string | null;
  secret: string;
  bot_token_expires_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  installed_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamsConversationsTable {
  workspace_id: string;
  conversation_id: string;
  kind: 'personal' | 'channel' | 'groupChat';
  service_url: string;
  bot_id: string;
  team_id: string | null;
  name: string | null;
  user_id: string | null;
  removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

export interface TeamsUsersTable {
  workspace_id: string;
  user_id: string;
  teams_id: string;
  upn: string | null;
  email: string | null;
  updated_at: Timestamp;
}

export interface FileLinksTable {
  token_hash: string;
  workspace_id: string;
  user_id: string;
  filename: string;
  mime_type: string;
  content: Uint8Array;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface InboundEventsTable {
  workspace_id: string;
  event_id: string;
  received_at: Timestamp;
}

type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface JobRunsTable {
  job: string;
  scope: string;
  slot: Timestamp;
  status: 'running' | 'done' | 'failed';
  attempts: Generated<number>;
  claimed_by: string;
  lease_until: Timestamp;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  outcome: string | null;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'dead';

export interface DeliveriesTable {
  id: Generated<string>;
  workspace_id: string;
  dedupe_key: string;
  target: ColumnType<unknown, string, string>;
  member_ids: ColumnType<string[], string[] | undefined, string[]>;
  message: ColumnType<unknown, string, string>;
  status: DeliveryStatus;
  available_at: Timestamp;
  next_attempt_at: Timestamp;
  attempts: Generated<number>;
  claimed_by: string | null;
  lease_until: NullableTimestamp;
  attempt_started_at: NullableTimestamp;
  uncertain: Generated<boolean>;
  conversation_id: string | null;
  platform_ref: string | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  /** The HTTP request that queued it; null for jobs. */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When its first send failed; null while none has. */
  failing_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface DeliveryPacingTable {
  workspace_id: string;
  bucket: string;
  next_free_at: Timestamp;
}

export interface RoundChannelsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  enabled: Generated<boolean>;
  every_weeks: Generated<number>;
  weekday: Generated<number>;
  hour: Generated<number>;
  timezone: string | null;
  group_size: Generated<number>;
  repeat_window_days: Generated<number>;
  participation: Generated<'opt_in' | 'channel'>;
  leftover: Generated<'join' | 'sit_out'>;
  checkin_after_days: Generated<number>;
  created_at: Timestamp;
}

export interface RoundParticipantsTable {
  round_channel_id: string;
  workspace_id: string;
  user_id: string;
  status: 'in' | 'out';
  out_reason: string | null;
  skip_next: Generated<boolean>;
  quiet_rounds: Generated<number>;
  updated_at: Timestamp;
}

export interface RoundsTable {
  id: Generated<string>;
  round_channel_id: string;
  workspace_id: string;
  slot: Timestamp;
  checkin_at: Timestamp;
  created_at: Timestamp;
  /** Null for rounds recorded before these figures were kept. */
  department_pairs: number | null;
  department_pairs_bound: number | null;
}

export type CheckinResponse = 'met' | 'not_yet' | 'skip';

export interface RoundGroupsTable {
  id: Generated<string>;
  round_id: string;
  workspace_id: string;
  position: number;
  outcome: CheckinResponse | null;
  met_at: NullableTimestamp;
}

export interface RoundGroupMembersTable {
  group_id: string;
  workspace_id: string;
  user_id: string;
  response: CheckinResponse | null;
  responded_at: NullableTimestamp;
}

export interface RoundAbsencesTable {
  round_id: string;
  workspace_id: string;
  user_id: string;
  reason: string;
}

export interface MentorshipsTable {
  workspace_id: string;
  mentor_id: string;
  mentee_id: string;
  declared_by: string;
  created_at: Timestamp;
}

export interface RemindersTable {
  id: Generated<string>;
  workspace_id: string;
  member_id: string;
  other_member_id: string;
  about: string | null;
  due_at: Timestamp;
  status: 'pending' | 'done' | 'cancelled';
  origin: 'manual' | 'round';
  source_ref: string;
  version: Generated<number>;
  queued_at: NullableTimestamp;
  done_at: NullableTimestamp;
  created_at: Timestamp;
}

export type IntroductionStatus = 'asked' | 'asking_mutual' | 'opened' | 'declined' | 'withdrawn';

export interface IntroductionsTable {
  id: Generated<string>;
  workspace_id: string;
  requester_id: string;
  target_id: string;
  pair_key: string;
  mutual_id: string | null;
  status: IntroductionStatus;
  origin: 'suggestion' | 'welcome';
  source_ref: string;
  mutual_joins: boolean | null;
  created_at: Timestamp;
  answered_at: NullableTimestamp;
  opened_at: NullableTimestamp;
}

export interface SuggestionSnoozesTable {
  workspace_id: string;
  member_id: string;
  other_member_id: string;
  until: Timestamp;
}

/** Each member's people to meet, worked out ahead of Home: see the home-precomputed migration. */
export interface MemberSuggestionsTable {
  workspace_id: string;
  member_id: string;
  suggested_ids: string[];
  mutual_ids: Array<string | null>;
  mutual_counts: number[];
  computed_at: Timestamp;
}

/** An admin's Home headline (numbers only), worked out ahead of Home. */
export interface InsightsHeadlinesTable {
  workspace_id: string;
  weeks: number;
  figures: ColumnType<unknown, string, string>;
  computed_at: Timestamp;
}

export interface WelcomesTable {
  workspace_id: string;
  user_id: string;
  joined_at: Timestamp;
  due_at: Timestamp;
  queued_at: NullableTimestamp;
}

/** People who asked to be forgotten: a one-way hash of their user id, nothing else. */
export interface ForgottenMembersTable {
  workspace_id: string;
  user_hash: string;
  forgotten_at: Timestamp;
}

export interface Database {
  workspaces: WorkspacesTable;
  workspace_settings: WorkspaceSettingsTable;
  departments: DepartmentsTable;
  members: MembersTable;
  kudos: KudosTable;
  kudos_recipients: KudosRecipientsTable;
  interactions: InteractionsTable;
  slack_installations: SlackInstallationsTable;
  inbound_events: InboundEventsTable;
  file_links: FileLinksTable;
  teams_conversations: TeamsConversationsTable;
  teams_users: TeamsUsersTable;
  job_runs: JobRunsTable;
  deliveries: DeliveriesTable;
  delivery_pacing: DeliveryPacingTable;
  round_channels: RoundChannelsTable;
  round_participants: RoundParticipantsTable;
  rounds: RoundsTable;
  round_groups: RoundGroupsTable;
  round_group_members: RoundGroupMembersTable;
  round_absences: RoundAbsencesTable;
  mentorships: MentorshipsTable;
  reminders: RemindersTable;
  introductions: IntroductionsTable;
  suggestion_snoozes: SuggestionSnoozesTable;
  member_suggestions: MemberSuggestionsTable;
  insights_headlines: InsightsHeadlinesTable;
  welcomes: WelcomesTable;
  forgotten_members: ForgottenMembersTable;
}
