import { Blocks, Message } from 'slack-block-builder';
import { onePerson } from '../../core/domain/counterpart';
import { endsMentorship } from '../../core/use-cases/mentorship';
import type { SubcommandContext } from './round-commands';
import { ensureMembers } from './directory';
import { findSlackMentions } from './text';
import { suggestionBlocks } from './views/network';

export const RELATIONSHIP_SUBCOMMANDS = [
  'met',
  'mentor',
  'mentee',
  'nudges',
  'suggestions',
  'suggest',
];

/** /rapport met @x | mentor @x [off] | mentee @x [off] | nudges … | suggestions on|off | suggest. */
export async function handleRelationshipCommand(
  sub: string,
  c: SubcommandContext,
): Promise<unknown> {
  const { deps, workspaceId, userId } = c;
  const mentions = findSlackMentions(c.rest).filter((m) => m.kind !== 'group');
  await ensureMembers(deps.directory, c.client, workspaceId, c.teamId, [
    userId,
    ...mentions.map((m) => m.userId),
  ]);
  switch (sub) {
    case 'met': {
      const result = await deps.useCases.recordMeeting({
        workspaceId,
        userId,
        otherIds: mentions.map((m) => m.userId),
        sourceKey: `slack:command:${c.triggerId}`,
      });
      return c.tell(
        result.ok
          ? `Noted: you met ${mentions.map((m) => `<@${m.userId}>`).join(', ')}. It counts toward your network.`
          : result.message,
      );
    }
    case 'mentor':
    case 'mentee': {
      const who = onePerson(
        mentions.map((m) => m.userId),
        `/rapport ${sub} @name`,
      );
      if (!who.ok) return c.tell(who.message);
      const result = await deps.useCases.mentorship({
        workspaceId,
        userId,
        otherId: who.userId,
        role: sub,
        end: endsMentorship(c.rest.replace(/<[^>]*>/g, '')),
      });
      return c.tell(result.message);
    }
    case 'nudges':
      return c.tell((await deps.useCases.setNudges(workspaceId, userId, c.rest)).message);
    case 'suggestions':
      return c.tell((await deps.useCases.setSuggestions(workspaceId, userId, c.rest)).message);
    default: {
      const found = await deps.useCases.introductions.suggestNow(workspaceId, userId);
      if (!found.ok) return c.tell(found.message);
      if (found.suggestions.length === 0)
        return c.tell('I have nobody new to suggest right now. Try again after the next round!');
      return c.show(
        Message({ text: 'People you might like to meet' })
          .blocks(
            Blocks.Section({ text: '*People you might like to meet*' }),
            ...suggestionBlocks(found.suggestions),
          )
          .buildToObject(),
      );
    }
  }
}
