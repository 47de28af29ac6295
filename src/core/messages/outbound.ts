import { card, section, type Card } from '../conversation/card';
import { text } from '../conversation/text';
import type { OutboundMessage } from '../domain/outbound';
import { followupReminder } from './followups';
import { kudosDigest, kudosPost, kudosPostFailed, kudosPrompt, kudosReceived } from './kudos';
import { mentorshipDeclared } from './member';
import {
  introDeclined,
  introMutualRequest,
  introOpened,
  introRequest,
  weeklyNetwork,
  welcomeCard,
} from './network';
import type { Names } from './people';
import { roundCheckin, roundIntro, roundPaused, roundSatOut, roundSummary } from './rounds';

/** Everyone a queued message names, to look up their names when it is composed. */
export function peopleIn(m: OutboundMessage): string[] {
  switch (m.kind) {
    case 'kudos_digest':
      return m.digest.celebrated.map((c) => c.userId);
    case 'followup_reminder':
      return [m.otherId];
    case 'weekly_network':
      return [
        ...m.cold.map((c) => c.userId),
        ...m.suggestions.flatMap((s) => [s.userId, ...(s.mutualId ? [s.mutualId] : [])]),
      ];
    case 'intro_request':
      return m.mutualId ? [m.mutualId] : [];
    case 'intro_mutual_request':
      return [m.requesterId, m.targetId];
    case 'intro_opened':
      return m.mutualId ? [m.mutualId] : [];
    case 'welcome':
      return [...m.ownDepartment, ...m.acrossDepartments].flatMap((s) => [
        s.userId,
        ...(s.mutualId ? [s.mutualId] : []),
      ]);
    case 'kudos_post':
      return [m.giverId, ...m.recipientIds];
    case 'kudos_received':
      return [m.giverId];
    case 'mentorship_declared':
      return [m.declarerId];
    default:
      return [];
  }
}

/**
 * A queued message as words: composed when it is sent, with the names of the people in it
 * as the directory has them then, and dates in the reader's zone (the workspace's for a
 * channel or a group).
 */
/** A queued message in words; `reader` is whom it goes to alone, if anyone. */
export function composeOutbound(
  m: OutboundMessage,
  names: Names,
  zone: string,
  reader: string | null = null,
): Card {
  switch (m.kind) {
    case 'kudos_prompt':
      return kudosPrompt(m.values);
    case 'kudos_digest':
      return kudosDigest(m.digest, names);
    case 'kudos_post':
      return kudosPost(m, names);
    case 'kudos_received':
      return kudosReceived({ ...m, recipientIds: [], values: [] }, names);
    case 'kudos_post_failed':
      return kudosPostFailed(m.channelId);
    case 'round_summary':
      return roundSummary(m);
    case 'round_intro':
      return roundIntro(m, reader ? { userId: reader, zone } : undefined);
    case 'round_checkin':
      return roundCheckin(m);
    case 'round_sat_out':
      return roundSatOut(m);
    case 'round_paused':
      return roundPaused(m);
    case 'followup_reminder':
      return followupReminder(m, names, zone);
    case 'weekly_network':
      return weeklyNetwork(m, names, zone);
    case 'intro_request':
      return introRequest(m, names);
    case 'intro_mutual_request':
      return introMutualRequest(m, names);
    case 'intro_opened':
      return introOpened(m, names);
    case 'intro_declined':
      return introDeclined();
    case 'welcome':
      return welcomeCard(m, names);
    case 'mentorship_declared':
      return mentorshipDeclared(m, names);
    case 'text':
      return card(m.text.slice(0, 150), section(text(m.text)));
  }
}
