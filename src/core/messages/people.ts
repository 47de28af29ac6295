import { isForgottenId } from '../domain/member';
import { mention, plain, type Inline } from '../conversation/text';

/** Whom a message names: the directory's names, looked up when the message is composed. */
export type Names = ReadonlyMap<string, string>;

/** Someone Rapport no longer knows: a member who asked to be forgotten, or left the directory. */
export const FORMER_COLLEAGUE = 'a former colleague';

/**
 * Someone named in a message: a mention, with the name platforms without mentions show. A
 * forgotten giver is words, not a mention: there is nobody on the platform to point at.
 */
export const person = (names: Names, userId: string): Inline =>
  isForgottenId(userId)
    ? plain(FORMER_COLLEAGUE)
    : mention({ userId, name: names.get(userId) ?? FORMER_COLLEAGUE });

export const namesOf = (people: Iterable<{ userId: string; name: string }>): Names =>
  new Map([...people].map((p) => [p.userId, p.name]));
