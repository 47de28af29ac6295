import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** Slack's signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Leave out the signature and timestamp headers altogether. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

/** POSTs a body to the app as Slack does: raw bytes, signed over exactly those bytes. */
export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SignOptions = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature: Record<string, string> = options.unsigned
    ? {}
    : {
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
      };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signature, ...options.headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export interface SlashCommand {
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
  team: string;
  channel?: string | undefined;
  user?: string | undefined;
}

/** A slash command's form body, with the fields Slack posts. */
export function slashCommandForm(c: SlashCommand): string {
  return form({
    token: 'legacy-verification-token',
    team_id: c.team,
    team_domain: 'acme',
    channel_id: c.channel ?? 'CGENERAL',
    channel_name: 'general',
    user_id: c.user ?? 'UANA',
    user_name: 'someone',
    command: c.command,
    text: c.text,
    api_app_id: 'A0RAPPORT',
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  });
}

/**
 * The round form's state as Slack posts it when an admin fills it in: #coffee, weekly on
 * Mondays at 10:00 in London, pairs, a 180-day repeat window, opt-in, leftovers join a trio,
 * a check-in after 3 days. Block and action ids are the field names.
 */
export function roundFormValues(): Record<string, Record<string, unknown>> {
  const field = (id: string, value: Record<string, unknown>) => ({ [id]: { [id]: value } });
  const choice = (value: string) => ({ type: 'static_select', selected_option: { value } });
  return {
    ...field('channelId', { type: 'conversations_select', selected_conversation: 'CCOFFEE' }),
    ...field('enabled', { type: 'checkboxes', selected_options: [{ value: 'on' }] }),
    ...field('everyWeeks', choice('1')),
    ...field('weekday', choice('1')),
    ...field('hour', choice('10')),
    ...field('timezone', { type: 'plain_text_input', value: 'Europe/London' }),
    ...field('groupSize', choice('2')),
    ...field('repeatWindowDays', { type: 'number_input', value: '180' }),
    ...field('participation', { type: 'radio_buttons', selected_option: { value: 'opt_in' } }),
    ...field('leftover', { type: 'radio_buttons', selected_option: { value: 'join' } }),
    ...field('checkinAfterDays', { type: 'number_input', value: '3' }),
  };
}
