import { mention, type Inline } from '../conversation/text';

/** Whom a message names: the directory's names, looked up when the message is composed. */
export type Names = ReadonlyMap<string, string>;

/** Someone named in a message: a mention, with the name platforms without mentions show. */
export const person = (names: Names, userId: string): Inline =>
  mention({ userId, name: names.get(userId) ?? 'a former colleague' });

export const namesOf = (people: Iterable<{ userId: string; name: string }>): Names =>
  new Map([...people].map((p) => [p.userId, p.name]));
