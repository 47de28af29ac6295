import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes';
import { form } from './slack-requests';
import { BOT_USER_ID, TEAM_ID } from './slack-team';

/**
 * Payloads Slack's own SDKs test against, kept beside the repository (never copied into it):
 * each file names its source and holds `kind` ('json' or 'form') and `body`.
 */
export const REAL_PAYLOADS_DIR = path.join(ROOT, '..', 'shared', 'slack-real-payloads');

export const realPayloadsPresent = () => existsSync(path.join(REAL_PAYLOADS_DIR, 'SOURCES.json'));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface RealPayload {
  file: string;
  /** The fields as Slack sends them: a JSON object, or the fields of a form. */
  fields: JsonObject;
}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every payload SOURCES.json lists, its kind checked against its body. */
export function loadRealPayloads(): RealPayload[] {
  const read = (file: string) =>
    JSON.parse(readFileSync(path.join(REAL_PAYLOADS_DIR, file), 'utf8'));
  const sources = read('SOURCES.json') as Array<{ file: string }>;
  return sources.map(({ file }) => {
    const { kind, body } = read(file) as { kind: unknown; body: Json };
    if (kind === 'form' && typeof body === 'string')
      return { file, fields: Object.fromEntries(new URLSearchParams(body)) };
    if (kind === 'json' && isObject(body)) return { file, fields: body };
    throw new Error(`${file}: kind ${String(kind)} does not match its body (${typeof body})`);
  });
}

/** The event an Events API payload carries, if it is one. */
export const eventType = (p: RealPayload): string | undefined => {
  const event = p.fields.event;
  return isObject(event) && typeof event.type === 'string' ? event.type : undefined;
};

/**
 * The request Slack would make: events and URL checks as JSON; slash commands as form fields;
 * buttons, forms and shortcuts as a form with the JSON in `payload`.
 */
export function wireRequest(fields: JsonObject): { contentType: string; body: string } {
  if (fields.event !== undefined || fields.type === 'url_verification')
    return { contentType: 'application/json', body: JSON.stringify(fields) };
  const urlencoded = 'application/x-www-form-urlencoded';
  if (fields.command !== undefined) {
    const text = Object.entries(fields).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]);
    return { contentType: urlencoded, body: form(Object.fromEntries(text)) };
  }
  return { contentType: urlencoded, body: form({ payload: JSON.stringify(fields) }) };
}

export interface Rewrite {
  /** Where the app's answers to response URLs go (the fake Slack), instead of Slack's hooks. */
  responseUrl: () => string;
  /** Point the payload at the installed team and its people; otherwise keep every id. */
  installed: boolean;
  /** Known people the payload's user ids become, in the order they are met. */
  people: readonly string[];
  /** A fresh event id, so that Slack's deduplication does not drop one sample for another. */
  eventId: () => string;
}

const TEAM_KEYS = new Set(['team_id', 'team', 'app_installed_team_id', 'user_team', 'source_team']);
const USER_KEYS = new Set(['user', 'user_id', 'inviter', 'item_user']);

/**
 * The payload as it reaches the test app. Response URLs always point at the fake Slack. For the
 * installed team, team ids become the test team's (except the other organisation's in a Slack
 * Connect envelope), user ids known people's (the authorization's is the bot's) and event ids
 * fresh ones; nothing else changes.
 */
export function rewritePayload(payload: RealPayload, rewrite: Rewrite): JsonObject {
  const users = new Map<string, string>();
  const person = (id: string) => {
    if (!users.has(id)) users.set(id, rewrite.people[users.size % rewrite.people.length]!);
    return users.get(id)!;
  };
  const auth = payload.fields.authorizations;
  const authorised = Array.isArray(auth) && isObject(auth[0]) ? auth[0].team_id : undefined;
  const envelope = payload.fields.team_id;
  // In a Slack Connect channel the envelope names the other organisation: it stays so.
  const otherOrg =
    typeof envelope === 'string' && typeof authorised === 'string' && envelope && authorised
      ? envelope !== authorised && envelope
      : false;
  const team = (id: string) => (id === otherOrg ? id : TEAM_ID);

  const walk = (value: Json, key: string, inAuthorization: boolean): Json => {
    if (Array.isArray(value)) return value.map((v) => walk(v, key, inAuthorization));
    if (isObject(value)) {
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value)) {
        const inside = inAuthorization || key === 'authorizations';
        if ((k === 'team' || k === 'user') && isObject(v) && rewrite.installed) {
          const id = typeof v.id === 'string' ? (k === 'team' ? team(v.id) : person(v.id)) : v.id;
          out[k] = walk({ ...v, id: id ?? null }, k, false);
        } else out[k] = walk(v, k, inside);
      }
      return out;
    }
    if (typeof value !== 'string') return value;
    if (key === 'response_url' && value) return rewrite.responseUrl();
    if (!rewrite.installed) return value;
    if (TEAM_KEYS.has(key)) return team(value);
    if (USER_KEYS.has(key)) return inAuthorization ? BOT_USER_ID : person(value);
    if (key === 'event_id' && value) return rewrite.eventId();
    return value;
  };
  return walk(payload.fields, '', false) as JsonObject;
}
