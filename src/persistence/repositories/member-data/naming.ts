import { sql } from 'kysely';

/**
 * Deliveries that name a member anywhere: among the people it goes to, in its target or its
 * message (a user id is a JSON string there, matched whole), or as a part of its dedupe key
 * ("kudos:<id>:to:<user>", "<key>:<user>").
 */
export const deliveryNames = (userId: string) => sql<boolean>`(
  ${userId}::text = any(member_ids)
  or strpos(target::text, to_jsonb(${userId}::text)::text) > 0
  or strpos(message::text, to_jsonb(${userId}::text)::text) > 0
  or strpos(':' || dedupe_key || ':', ':' || ${userId}::text || ':') > 0
)`;

/** Deliveries that go to the member: alone, or as one of a group. */
export const deliveryGoesTo = (userId: string) => sql<boolean>`${userId}::text = any(member_ids)`;

/** A pacing bucket named after the member ("member:<user>"): the platform's own, but theirs. */
export const bucketNames = (userId: string) =>
  sql<boolean>`strpos(':' || bucket || ':', ':' || ${userId}::text || ':') > 0`;

/** Someone else's people to meet that name the member: to meet, or as someone both know. */
export const listNames = (userId: string) =>
  sql<boolean>`(${userId}::text = any(suggested_ids) or ${userId}::text = any(mutual_ids))`;
