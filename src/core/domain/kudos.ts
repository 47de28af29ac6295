import type { Member } from './member';
import { kudosRejection, type KudosRejection } from '../errors';

export const MAX_RECIPIENTS = 10;
export const MAX_MESSAGE_LENGTH = 1000;
export const DEFAULT_DAILY_KUDOS_LIMIT = 5;
export const DEFAULT_KUDOS_VALUES = [
  'teamwork',
  'ownership',
  'customer-focus',
  'craft',
  'learning',
  'kindness',
  'courage',
] as const;

// A value tag starts with a letter, so "#123" in "fixed bug #123" stays plain text.
const VALUE_TAG = /(^|[^\p{L}\p{N}_&/])#(\p{L}[\p{L}\p{N}_-]*)/gu;
// Something a reader can see: not only spaces and invisible format characters (zero-width space,
// joiners, bidi marks, BOM).
const VISIBLE = /[^\s\p{Cf}]/u;
// Control characters other than tab and newline; bidi isolates and marks are kept for RTL text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function normaliseValue(tag: string): string {
  return tag.normalize('NFC').toLowerCase();
}

/** The message as it will be stored: NFC, no control characters, trimmed. */
export function cleanMessage(raw: string): string {
  return raw.normalize('NFC').replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
}

/** The distinct #value tags in a message, normalised, in order of first appearance. */
export function extractValues(message: string): string[] {
  const seen = new Set<string>();
  for (const match of message.matchAll(VALUE_TAG)) seen.add(normaliseValue(match[2]!));
  return [...seen];
}

/** What is left of a message once its #value tags are removed: must not be empty. */
export function messageWithoutValues(message: string): string {
  return message.replace(VALUE_TAG, '$1').trim();
}

export function characterCount(text: string): number {
  return [...text].length;
}

export interface KudosCheckInput {
  giver: Member | null;
  recipientIds: string[];
  /** Groups the giver mentioned as recipients; any makes the kudos a rejection. */
  groupMentions?: string[];
  recipients: Member[];
  message: string;
  allowedValues: string[];
  dailyLimit: number;
  givenToday: number;
}

export type KudosCheck =
  | { ok: true; giver: Member; recipients: Member[]; values: string[]; message: string }
  | { ok: false; rejection: KudosRejection };

/**
 * Every rule a kudos must pass, in the order a person would want to hear about them.
 * Pure: the caller loads the members, settings and today's count.
 */
export function checkKudos(input: KudosCheckInput): KudosCheck {
  const reject = (r: KudosRejection): KudosCheck => ({ ok: false, rejection: r });
  const { giver } = input;
  if (!giver || giver.isDeactivated || giver.isBot) return reject(kudosRejection('unknown_giver'));
  if (giver.optedOut) return reject(kudosRejection('giver_opted_out'));

  const groups = input.groupMentions ?? [];
  if (groups.length > 0) return reject(kudosRejection('group_recipient', { name: groups[0] }));
  const ids = [...new Set(input.recipientIds)];
  if (ids.length === 0) return reject(kudosRejection('no_recipients'));
  if (ids.length > MAX_RECIPIENTS)
    return reject(kudosRejection('too_many_recipients', { count: ids.length }));

  const message = cleanMessage(input.message);
  if (!VISIBLE.test(messageWithoutValues(message)))
    return reject(kudosRejection('message_required'));
  const length = characterCount(message);
  if (length > MAX_MESSAGE_LENGTH)
    return reject(kudosRejection('message_too_long', { count: length }));

  const byId = new Map(input.recipients.map((m) => [m.userId, m]));
  const recipients: Member[] = [];
  for (const id of ids) {
    const member = byId.get(id);
    if (!member) return reject(kudosRejection('unknown_recipient', { name: id }));
    if (member.userId === giver.userId) return reject(kudosRejection('self_kudos'));
    if (member.isBot) return reject(kudosRejection('recipient_is_bot', { name: member.name }));
    if (member.isDeactivated)
      return reject(kudosRejection('recipient_deactivated', { name: member.name }));
    if (member.optedOut)
      return reject(kudosRejection('recipient_opted_out', { name: member.name }));
    recipients.push(member);
  }

  const allowed = new Set(input.allowedValues.map(normaliseValue));
  const values = extractValues(message);
  const unknown = values.filter((v) => !allowed.has(v));
  if (unknown.length > 0) {
    return reject(kudosRejection('unknown_value', { values: unknown, allowed: [...allowed] }));
  }

  const remaining = Math.max(0, input.dailyLimit - input.givenToday);
  if (recipients.length > remaining) {
    return reject(
      kudosRejection('daily_limit_reached', {
        count: recipients.length,
        remaining,
        limit: input.dailyLimit,
      }),
    );
  }
  return { ok: true, giver, recipients, values, message };
}
