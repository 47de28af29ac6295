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
