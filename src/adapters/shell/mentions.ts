import type { MentionToken } from '../../core/domain/mention';

// In the demo a mention is @handle and the handle is the member's user id; trailing
// punctuation ("@li," or "@sam.") is not part of it.
const MENTION = /@([\p{L}\p{N}]+(?:[._-][\p{L}\p{N}]+)*)/gu;

export function findShellMentions(text: string): MentionToken[] {
  return [...text.matchAll(MENTION)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    userId: m[1]!.toLowerCase(),
  }));
}
