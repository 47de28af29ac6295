import type { Member } from '../../core/domain/member';
import type { OutboundMessage } from '../../core/domain/outbound';

const clock = (iso: string) => iso.slice(11, 16);

/** A queued message as the terminal shows it; `name` turns a user id into a name. */
export function renderOutbound(message: OutboundMessage, name: (id: string) => string): string {
  switch (message.kind) {
    case 'round_summary':
      return message.groups === 0
        ? `No intros this round in #${message.channelId}: not enough people have joined yet.`
        : `☕ This round's intros are out: ${message.people} people in ${message.groups} groups, ` +
            `${message.crossDepartment} across departments, from ${message.departments} departments.` +
            (message.optIn ? '\n[ Join ] next round' : '');
    case 'round_intro': {
      const people = message.members.map(
        (m) =>
          `• ${m.name}${[m.title, m.department].filter(Boolean).length ? ` — ${[m.title, m.department].filter(Boolean).join(', ')}` : ''}`,
      );
      const hours = message.sharedHours
        ? `You all work between ${clock(message.sharedHours.start)} and ${clock(message.sharedHours.end)} UTC.`
        : 'Your working hours do not overlap much: an async voice note works too.';
      return [
        `👋 Meet each other! You're this round's group from #${message.channelId}:`,
        ...people,
        `To start: ${message.starter}`,
        hours,
      ].join('\n');
    }
    case 'round_checkin':
      return 'Did you get a chance to meet?  [ We met ] [ Not yet ] [ Skip this one ]';
    case 'round_sat_out':
      return message.reason === 'alone'
        ? `You were the only one in #${message.channelId}'s round this time.`
        : `There was an odd number of people in #${message.channelId} this round, so you sit this one out. You're first in line next time.`;
    case 'round_paused':
      return `You haven't answered the last ${message.quietRounds} check-ins in #${message.channelId}, so your intros there are paused. /rapport join #${message.channelId} brings them back.`;
    case 'kudos_prompt':
      return 'Who helped you this week? Thank them with /kudos @name thanks for … #value';
    case 'kudos_digest':
      return `This week in kudos: ${message.digest.kudosCount} kudos, celebrating ${message.digest.celebrated.map((c) => name(c.userId)).join(', ')}`;
    case 'followup_reminder':
      return (
        `⏰ Time to follow up with ${name(message.otherId)}${message.about ? ` about ${message.about}` : ''}.` +
        '  [ Done ] [ Snooze 1 day ] [ Snooze 1 week ] [ Cancel ]'
      );
    case 'weekly_network':
      return [
        '🌱 Your week in relationships',
        ...(message.cold.length > 0
          ? [
              `Keep in touch: it has been a while with ${message.cold.map((c) => name(c.userId)).join(', ')}.`,
            ]
          : []),
        ...message.suggestions.map(
          (s) =>
            `Meet ${name(s.userId)}${s.department ? ` (${s.department})` : ''}` +
            `${s.mutualId ? `: you both know ${name(s.mutualId)}` : ''}  [ Introduce us ] [ Not now ]`,
        ),
      ].join('\n');
    case 'intro_request':
      return `👋 ${message.requester.name} would like to meet you${message.mutualId ? `; you both know ${name(message.mutualId)}` : ''}.  [ Yes, introduce us ] [ Not now ]`;
    case 'intro_mutual_request':
      return `🤝 ${name(message.requesterId)} and ${name(message.targetId)} are being introduced. Join their conversation?  [ Join ] [ No thanks ]`;
    case 'intro_opened':
      return `🤝 Meet each other! ${message.members.map((m) => m.name).join(' and ')} both said yes.${message.mutualId ? ` ${name(message.mutualId)} joins too.` : ''}`;
    case 'welcome':
      return [
        '👋 Welcome! A few people who would be good to know:',
        ...[...message.ownDepartment, ...message.acrossDepartments].map(
          (s) => `• ${name(s.userId)}${s.department ? ` (${s.department})` : ''}  [ Introduce us ]`,
        ),
      ].join('\n');
    case 'text':
      return message.text;
  }
}

export const memberName = (people: Member[]) => {
  const byId = new Map(people.map((p) => [p.userId, p.name]));
  return (id: string) => byId.get(id) ?? id;
};
