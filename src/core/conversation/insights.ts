import { heatmapSvg } from '../domain/heatmap';
import { insightsCsv, insightsFilename } from '../domain/insights-csv';
import type { InsightWeeks } from '../domain/insights';
import { adminsOnly, note } from '../messages/common';
import { heatmapTitle, insightsCard } from '../messages/insights';
import type { ReplyFile } from './card';
import type { Actor, ConversationPorts, Reply } from './reply';

/**
 * `/rapport insights`: the card, the heatmap drawn as a picture (the platform's port turns
 * the SVG into a PNG) and the same numbers as CSV files.
 */
export async function insightsReply(
  ports: ConversationPorts,
  actor: Actor,
  weeks: InsightWeeks,
): Promise<Reply> {
  const { useCases: uc } = ports;
  const r = await uc.insights.read(actor.workspaceId, actor.userId, weeks);
  if (!r.ok) return { private: note(adminsOnly()) };
  const i = r.insights;
  const names = await uc.names(actor.workspaceId, i.isolated);
  const zone =
    (await uc.member(actor.workspaceId, actor.userId))?.timezone ??
    (await uc.workspaceSettings(actor.workspaceId)).timezone;
  const heatmap: ReplyFile | null =
    i.departments.length >= 2
      ? {
          filename: insightsFilename(i, 'departments', 'png'),
          title: heatmapTitle(i),
          mimeType: 'image/png',
          content: await ports.pictures.png(
            heatmapSvg(
              i.departments.map((d) => d.name),
              i.matrix.all,
              { title: heatmapTitle(i) },
            ),
          ),
        }
      : null;
  return {
    private: insightsCard(i, names, heatmap?.filename ?? null, zone),
    files: [...(heatmap ? [heatmap] : []), ...insightsCsv(i, new Map(), zone)],
  };
}
