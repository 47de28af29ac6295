import { followupSetReply } from '../../core/domain/followup-messages';
import { localMoment } from '../../core/domain/followup-messages';
import { onePerson } from '../../core/domain/counterpart';
import type { Member } from '../../core/domain/member';
import { endsMentorship } from '../../core/use-cases/mentorship';
import type { UseCases } from '../../services';
import { findShellMentions } from './mentions';

export type RelationshipDeps = Pick<
  UseCases,
  'followups' | 'recordMeeting' | 'mentorship' | 'setNudges' | 'setSuggestions' | 'introductions'
>;

export const SHELL_RELATIONSHIP_SUBCOMMANDS = [
  'met',
  'mentor',
  'mentee',
  'nudges',
  'suggestions',
  'suggest',
];

/** /followup in the demo: set a reminder, or list what is coming up. */
export async function shellFollowup(
  deps: RelationshipDeps & { workspaceId: string },
  me: Member,
  text: string,
  sourceKey: string,
  name: (id: string) => string,
): Promise<string> {
  if (text.trim().toLowerCase() === 'list') {
    const listed = await deps.followups.list(deps.workspaceId, me.userId);
    if (!listed.ok) return listed.message;
    if (listed.reminders.length === 0) return 'No follow-ups coming up.';
    return listed.reminders
      .map(
        (r) =>
          `• ${localMoment(r.dueAt, listed.zone)}: ${r.otherName}${r.about ? ` — ${r.about}` : ''}`,
      )
      .join('\n');
  }
  const set = await deps.followups.set({
    workspaceId: deps.workspaceId,
    userId: me.userId,
    text,
    mentions: findShellMentions(text),
    sourceKey,
  });
  return set.ok
    ? followupSetReply(name(set.other.userId), set.due, set.zone, set.about)
    : set.message;
}

/** /rapport met | mentor | mentee | nudges | suggestions | suggest in the demo. */
export async function shellRelationshipCommand(
  deps: RelationshipDeps & { workspaceId: string },
  me: Member,
  sub: string,
  rest: string,
  sourceKey: string,
  name: (id: string) => string,
): Promise<string> {
  const ids = findShellMentions(rest).map((m) => m.userId);
  switch (sub) {
    case 'met': {
      const result = await deps.recordMeeting({
        workspaceId: deps.workspaceId,
        userId: me.userId,
        otherIds: ids,
        sourceKey,
      });
      return result.ok ? `Noted: you met ${result.names.join(', ')}.` : result.message;
    }
    case 'mentor':
    case 'mentee': {
      const who = onePerson(ids, `/rapport ${sub} @name`);
      if (!who.ok) return who.message;
      return (
        await deps.mentorship({
          workspaceId: deps.workspaceId,
          userId: me.userId,
          otherId: who.userId,
          role: sub,
          end: endsMentorship(rest.replace(/@\S+/g, '')),
        })
      ).message;
    }
    case 'nudges':
      return (await deps.setNudges(deps.workspaceId, me.userId, rest)).message;
    case 'suggestions':
      return (await deps.setSuggestions(deps.workspaceId, me.userId, rest)).message;
    default: {
      const found = await deps.introductions.suggestNow(deps.workspaceId, me.userId);
      if (!found.ok) return found.message;
      if (found.suggestions.length === 0) return 'I have nobody new to suggest right now.';
      return [
        'People you might like to meet:',
        ...found.suggestions.map(
          (s) =>
            `• ${name(s.userId)}${s.department ? ` (${s.department})` : ''}` +
            (s.mutualId ? `: you both know ${name(s.mutualId)}` : ''),
        ),
      ].join('\n');
    }
  }
}
