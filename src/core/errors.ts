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
  /** A friendly sentence the adapter shows privately to the person who asked. */
  message: string;
}

const EXAMPLE = 'Try: /kudos @ana @li thanks for untangling the billing migration #ownership';

const tags = (values: string[] = []) => values.map((v) => `#${v}`).join(', ');

const MESSAGES: Record<KudosRejectionCode, (d: KudosRejectionDetails) => string> = {
  unknown_giver: () =>
    "I couldn't find you in this workspace's directory yet, so I can't record kudos from you.",
  giver_opted_out: () =>
    "You've opted out of Rapport. Opt back in with /rapport optin to give kudos.",
  group_recipient: (d) =>
    `Kudos go to people, not to groups like ${d.name}. Mention each person you want to thank.`,
  no_recipients: () => `Who should get the kudos? Mention at least one person. ${EXAMPLE}`,
  too_many_recipients: (d) =>
    `That's ${d.count} people; kudos can go to at most 10 at a time. Split them into smaller groups.`,
  message_required: () => `Add a few words about what they did. ${EXAMPLE}`,
  message_too_long: (d) =>
    `Your message is ${d.count} characters; please keep it to 1,000 or fewer.`,
  unknown_recipient: (d) =>
    `I don't know who ${d.name} is. Mention people with @ so I can find them.`,
  self_kudos: () =>
    "Kudos are for thanking others, so you can't give them to yourself. Who helped you this week?",
  recipient_is_bot: (d) => `${d.name} is a bot; kudos are for people.`,
  recipient_deactivated: (d) =>
    `${d.name} is no longer active in this workspace, so they can't receive kudos.`,
  recipient_opted_out: (d) =>
    `${d.name} has opted out of Rapport, so I can't record kudos for them. A direct thank-you still works!`,
  unknown_value: (d) =>
    `${tags(d.values)} ${d.values && d.values.length > 1 ? "aren't" : "isn't"} one of this workspace's values. Use one of: ${tags(d.allowed)}.`,
  daily_limit_reached: (d) =>
    d.remaining === 0
      ? `You've given all ${d.limit} of today's kudos. Your allowance refills at midnight your time.`
      : `You have ${d.remaining} kudos left today, and this would give ${d.count}. Pick fewer people or wait until midnight your time.`,
};

export function kudosRejection(
  code: KudosRejectionCode,
  details: KudosRejectionDetails = {},
): KudosRejection {
  return { code, ...details, message: MESSAGES[code](details) };
}
