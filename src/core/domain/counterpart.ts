import type { Member } from './member';

export type CounterpartProblem = 'unknown' | 'self' | 'bot' | 'deactivated' | 'opted_out';

/** Why a member cannot record something with another person, or null if they can. */
export function counterpartProblem(
  me: Pick<Member, 'userId'>,
  other: Pick<Member, 'userId' | 'isBot' | 'isDeactivated' | 'optedOut'> | null,
): CounterpartProblem | null {
  if (!other) return 'unknown';
  if (other.userId === me.userId) return 'self';
  if (other.isBot) return 'bot';
  if (other.isDeactivated) return 'deactivated';
  if (other.optedOut) return 'opted_out';
  return null;
}

/** A private, friendly sentence for a problem; `action` reads "follow up with", say. */
export function counterpartMessage(problem: CounterpartProblem, name: string, action: string) {
  switch (problem) {
    case 'unknown':
      return `I don't know who ${name} is. Mention people with @ so I can find them.`;
    case 'self':
      return `You can't ${action} yourself.`;
    case 'bot':
      return `${name} is a bot; Rapport is about people.`;
    case 'deactivated':
      return `${name} is no longer active in this workspace.`;
    case 'opted_out':
      return `${name} has opted out of Rapport, so I can't ${action} them.`;
  }
}

/** The one person a command names, or why it does not name exactly one. */
export function onePerson(mentions: string[], example: string) {
  const people = [...new Set(mentions)];
  if (people.length === 1) return { ok: true as const, userId: people[0]! };
  return {
    ok: false as const,
    message:
      people.length === 0
        ? `Who? Mention one person with @. For example: ${example}`
        : `One person at a time, please. For example: ${example}`,
  };
}
