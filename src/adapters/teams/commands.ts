import { note, unknownMember } from '../../core/messages/common';
import { downloadCard, filesUnavailable } from '../../core/messages/files';
import { FILE_LINK_TTL_MS } from '../../http/files';
import { upsertMember } from '../../persistence/repositories/directory';
import { decodeTeamsCommand, readMessageText, type MentionEntity } from './decode';
import type { TeamsDeps, Turn } from './deps';
import { userIdsOf } from './directory';

/**
 * A message to Rapport: its mentions resolved to members (anyone new is read from Teams), the
 * command decoded and run, and the answer said where the conversation asks: in public where it
 * was typed, privately in the sender's chat with the bot, or as a form card there.
 */
export async function onCommand(deps: TeamsDeps, turn: Turn): Promise<void> {
  const a = turn.activity;
  const { botId } = turn.where.ref;
  if (!turn.actor) {
    deps.logger.warn({ from: a.from?.id }, 'Teams message from someone Teams would not name');
    if (turn.where.ref.kind === 'personal') await turn.post(note(unknownMember()));
    return;
  }
  const { text, mentions } = readMessageText(a.text ?? '', (a.entities ?? []) as MentionEntity[]);
  const people = mentions.map((m) => m.teamsId).filter((id) => id !== botId);
  const ids = await userIdsOf(
    deps.directory,
    turn.workspace,
    { serviceUrl: turn.where.ref.serviceUrl, conversationId: turn.where.ref.conversationId },
    people,
  );
  // Rapport named as a recipient ("kudos @Rapport"): a member that is a bot, which the core
  // refuses in its own words.
  if (mentions.some((m) => m.teamsId === botId))
    await upsertMember(deps.db, turn.workspace.id, {
      userId: botId,
      name: a.recipient?.name || 'Rapport',
      isBot: true,
    });
  const input = decodeTeamsCommand(text, mentions, botId, (id) =>
    id === botId ? botId : (ids.get(id) ?? null),
  );
  const reply = await deps.conversation.command(turn.actor, input);
  if (reply.form)
    await turn.privately(await deps.drawing.form(turn.workspace.id, reply.form), reply.form.title);
  if (reply.public) {
    try {
      await turn.post(reply.public);
    } catch (error) {
      if (!reply.publicFailed) throw error;
      deps.logger.warn({ err: error }, 'Teams public answer not posted');
      await turn.privately(reply.publicFailed);
    }
  }
  if (reply.files?.length) {
    // Files are kept for download; the answer shows a picture from one by its address.
    const links = await deps.offerFiles(turn.workspace.id, turn.actor.userId, reply.files);
    if (reply.private)
      await turn.privately(
        await deps.drawing.card(turn.workspace.id, reply.private, links ?? new Map()),
        reply.private.summary,
      );
    await turn.privately(
      links
        ? downloadCard(
            reply.files.map((f) => ({ title: f.title, url: links.get(f.filename)! })),
            FILE_LINK_TTL_MS / 60_000,
          )
        : filesUnavailable(),
    );
    return;
  }
  if (reply.private) await turn.privately(reply.private);
}
