/**
 * Every button Rapport shows, by what pressing it means. The ids are also what Slack
 * carries as action_id, unchanged from earlier releases, so buttons on old messages still
 * work after a deploy.
 */
export const ACTIONS = [
  'checkin_met',
  'checkin_not_yet',
  'checkin_skip',
  'reminder_done',
  'reminder_snooze_day',
  'reminder_snooze_week',
  'reminder_cancel',
  'suggestion_introduce',
  'suggestion_not_now',
  'intro_accept',
  'intro_decline',
  'intro_mutual_join',
  'intro_mutual_decline',
  'round_join',
  'open_settings',
  'round_add',
  'round_edit',
  'mentorship_undo',
  'forget_me_confirm',
] as const;

export type ActionId = (typeof ACTIONS)[number];

/** A button's small payload: which reminder, group, person or channel it is about. */
export type ActionPayload = Record<string, string>;

export interface ActionPress {
  action: ActionId;
  payload: ActionPayload;
}

export const isActionId = (id: string): id is ActionId =>
  (ACTIONS as readonly string[]).includes(id);

/**
 * A payload as one short string (Slack's button value, 2,000 characters at most): a lone id
 * as itself, as earlier releases wrote it, anything else as JSON.
 */
export function encodePayload(payload: ActionPayload = {}): string {
  const keys = Object.keys(payload);
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === 'id' && !payload.id!.startsWith('{')) return payload.id!;
  return JSON.stringify(payload);
}

export function decodePayload(value: string | undefined | null): ActionPayload {
  if (!value) return {};
  if (!value.startsWith('{')) return { id: value };
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    const out: ActionPayload = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    }
    return out;
  } catch {
    return {};
  }
}
