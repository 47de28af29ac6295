export type KudosRejectionCode =
  | 'unknown_giver'
  | 'giver_opted_out'
  | 'no_recipients'
  | 'group_recipient'
  | 'too_many_recipients'
  | 'message_required'
  | 'message_too_long'
  | 'unknown_recipient'
  | 'self_kudos'
  | 'recipient_is_bot'
  | 'recipient_deactivated'
  | 'recipient_opted_out'
  | 'unknown_value'
  | 'daily_limit_reached';

export interface KudosRejectionDetails {
  count?: number;
  remaining?: number;
  limit?: number;
  name?: string;
  values?: string[];
  allowed?: string[];
}

export interface KudosRejection extends KudosRejectionDetails {
  code: KudosRejectionCode;
}

/** A refused kudos: what was wrong, with what the answer needs to say so (messages/kudos.ts). */
export function kudosRejection(
  code: KudosRejectionCode,
  details: KudosRejectionDetails = {},
): KudosRejection {
  return { code, ...details };
}
