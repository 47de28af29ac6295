import { DateTime } from 'luxon';
import { card, context, section, type Card, type ReplyFile } from '../conversation/card';
import { bold, command, text } from '../conversation/text';
import type { OutboundMessage } from '../domain/outbound';
import { isForgottenId } from '../domain/member';
import type { MemberExport } from '../use-cases/export-my-data';
import { ABSENT } from './admin-reports';
import { count } from './common';
import { FORMER_COLLEAGUE } from './people';

/** Someone in the export whom the member does not already see named in Rapport. */
const SOMEONE = 'a colleague';

const MESSAGE_KINDS: Record<OutboundMessage['kind'], string> = {
  kudos_prompt: 'weekly kudos prompt',
  kudos_digest: 'weekly kudos digest',
  kudos_post: 'kudos celebration',
  kudos_received: 'kudos you received',
  kudos_post_failed: 'kudos that could not be posted',
  round_summary: 'intro round summary',
  round_intro: 'intro round group',
  round_checkin: 'intro round check-in',
  round_sat_out: 'sat out an intro round',
  round_paused: 'paused in an intro round channel',
  followup_reminder: 'follow-up reminder',
  weekly_network: 'weekly keep-in-touch note',
  intro_request: 'introduction request',
  intro_mutual_request: 'asked to join an introduction',
  intro_opened: 'introduction made',
  intro_declined: 'introduction not possible now',
  welcome: 'welcome with people to meet',
  mentorship_declared: 'mentorship noted',
  text: 'message',
};

const SOURCES: Record<string, string> = {
  kudos: 'kudos',
  round: 'an intro round',
  introduction: 'an introduction',
  manual: '/rapport met',
  followup: 'a follow-up marked done',
};

const KINDS: Record<string, string> = {
  cross_department: 'cross-department',
  peer: 'peer',
  manager_report: 'manager and report',
  external: 'outside the organisation',
};

const STATUS = {
  delivery: {
    pending: 'waiting to be sent',
    sending: 'being sent',
    sent: 'sent',
    skipped: 'not sent',
    dead: 'could not be sent',
  },
  reminder: { pending: 'coming up', done: 'done', cancelled: 'cancelled' },
  introduction: {
    asked: 'waiting for an answer',
    asking_mutual: 'waiting for the person both know',
    opened: 'made',
    declined: 'declined',
    withdrawn: 'withdrawn',
  },
  answer: { met: 'we met', not_yet: 'not yet', skip: 'skipped' },
} as const;

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const when = (at: Date | null) => at?.toISOString() ?? null;

/** The export as a document a person can read: field names in words, times in UTC. */
export function exportDocument({ records: r, names, at }: MemberExport) {
  const me = r.member;
  const who = (id: string) =>
    id === me.userId ? 'you' : isForgottenId(id) ? FORMER_COLLEAGUE : (names.get(id) ?? SOMEONE);
  const kudos = (k: MemberExport['records']['kudosGiven'][number]) => ({
    message: k.message,
    values: k.values,
    channel: k.channelId,
  });
  return {
    'about this file': `Everything Rapport stores about you in this workspace, as of ${at.toISOString()}. Times are in UTC. Other people are named only where you already see them in Rapport; records other people keep that name you are counted, not shown.`,
    'exported at': at.toISOString(),
    you: {
      'user id': me.userId,
      name: me.name,
      title: me.title,
      department: me.departmentName,
      'department from': me.departmentSource === 'member' ? 'you' : 'the directory',
      manager: me.managerId ? who(me.managerId) : null,
      timezone: me.timezone,
      'from another organisation': me.externalOrg,
      'joined Rapport': when(me.joinedAt),
      'last updated': when(me.updatedAt),
      'workspace admin': me.isAdmin,
      bot: me.isBot,
      deactivated: me.isDeactivated,
      'opted out': me.optedOut,
      'paused until': when(me.pausedUntil),
      'messages cannot reach you': Boolean(me.unreachable),
      'working hours': {
        from: clock(me.workingHours.startMinute),
        to: clock(me.workingHours.endMinute),
        days: me.workingHours.days.map((d) => DAYS[d - 1] ?? String(d)),
      },
      'keep-in-touch nudges': {
        on: me.nudges.enabled,
        'after days without contact': me.nudges.cadenceDays,
      },
      'weekly suggestions': me.suggestions,
    },
    'on Microsoft Teams': r.teamsAccount && {
      'Teams id': r.teamsAccount.teamsId,
      'sign-in name': r.teamsAccount.upn,
      email: r.teamsAccount.email,
      'chats with Rapport': r.personalChats.map((c) => ({
        conversation: c.conversationId,
        since: when(c.since),
      })),
    },
    'files waiting for you to download': r.fileLinks.map((f) => ({
      file: f.filename,
      until: when(f.until),
    })),
    'kudos you gave': r.kudosGiven.map((k) => ({
      'given at': when(k.createdAt),
      to: k.recipientIds.map(who),
      ...kudos(k),
    })),
    'kudos you received': r.kudosReceived.map((k) => ({
      'received at': when(k.createdAt),
      from: who(k.giverId),
      'also thanked': k.recipientIds.filter((id) => id !== me.userId).map(who),
      ...kudos(k),
    })),
    interactions: r.interactions.map((i) => ({
      when: when(i.at),
      with: who(i.otherId),
      kind: KINDS[i.kind] ?? i.kind,
      from: SOURCES[i.source] ?? i.source,
    })),
    'your follow-ups': r.reminders.map((x) => ({
      with: who(x.otherId),
      about: x.about,
      due: when(x.dueAt),
      status: STATUS.reminder[x.status],
      'set at': when(x.createdAt),
      'set by': x.origin === 'manual' ? 'you' : 'an intro round you met in',
    })),
    introductions: r.introductions.map((i) => ({
      'asked by': who(i.requesterId),
      'to meet': who(i.targetId),
      'person both know': i.mutualId ? who(i.mutualId) : null,
      status: STATUS.introduction[i.status],
      'asked at': when(i.createdAt),
      'answered at': when(i.answeredAt),
    })),
    mentorships: r.mentorships.map((m) => ({
      mentor: who(m.mentorId),
      mentee: who(m.menteeId),
      'noted by': who(m.declaredBy),
      since: when(m.at),
    })),
    'intro rounds': {
      channels: r.roundChannels.map((c) => ({
        channel: c.channelId,
        'taking part': c.status === 'in',
        'why not': c.outReason,
        'skipping the next round': c.skipNext,
        'rounds without an answer in a row': c.quietRounds,
        'last changed': when(c.updatedAt),
      })),
      groups: r.roundGroups.map((g) => ({
        'round of': when(g.slot),
        channel: g.channelId,
        with: g.withIds.map(who),
        'your answer': g.response ? STATUS.answer[g.response] : null,
        'answered at': when(g.respondedAt),
        "the group's answer": g.outcome ? STATUS.answer[g.outcome] : null,
      })),
      'sat out': r.roundAbsences.map((a) => ({
        'round of': when(a.slot),
        channel: a.channelId,
        why: ABSENT[a.reason] ?? a.reason,
      })),
    },
    'people you set aside from suggestions': r.snoozes.map((s) => ({
      who: who(s.otherId),
      until: when(s.until),
    })),
    'people to meet, as last worked out': r.suggestions && {
      'worked out': when(r.suggestions.computedAt),
      who: r.suggestions.userIds.map(who),
    },
    welcome: r.welcome && {
      joined: when(r.welcome.joinedAt),
      due: when(r.welcome.dueAt),
      sent: when(r.welcome.queuedAt),
    },
    'messages from Rapport to you': r.deliveries.map((d) => ({
      what: MESSAGE_KINDS[d.kind] ?? d.kind,
      status: STATUS.delivery[d.status],
      queued: when(d.queuedAt),
      finished: when(d.finishedAt),
    })),
    "other people's records that name you": {
      'follow-ups others set with you': r.othersRecords.followups,
      'suggestions of you others set aside': r.othersRecords.snoozes,
      "others' people to meet that name you": r.othersRecords.suggestions,
      'people the directory says report to you': r.othersRecords.reports,
      'messages to others or to channels that name you': r.othersRecords.deliveries,
    },
  };
}

/** The export as a file: JSON, named after the day in the member's own zone. */
export function exportFile(e: MemberExport): ReplyFile {
  const day = DateTime.fromJSDate(e.at, { zone: e.records.member.timezone }).toISODate();
  return {
    filename: `rapport-export-${day ?? e.at.toISOString().slice(0, 10)}.json`,
    title: 'Your Rapport data',
    mimeType: 'application/json',
    content: `${JSON.stringify(exportDocument(e), null, 2)}\n`,
  };
}

/** What `/rapport export` says beside the file. */
export function exportCard(e: MemberExport, filename: string): Card {
  const r = e.records;
  const held = [
    'your profile and settings',
    count(r.kudosGiven.length, 'kudos you gave', 'kudos you gave'),
    count(r.kudosReceived.length, 'kudos you received', 'kudos you received'),
    count(r.interactions.length, 'interaction', 'interactions'),
    count(r.reminders.length, 'follow-up', 'follow-ups'),
    count(r.introductions.length, 'introduction', 'introductions'),
    count(r.mentorships.length, 'mentorship', 'mentorships'),
    count(r.roundGroups.length, 'intro round group', 'intro round groups'),
    count(r.deliveries.length, 'message to you', 'messages to you'),
  ];
  return card(
    'Your Rapport data',
    section(text(bold('Your Rapport data'), ` is in ${filename}: ${held.join(', ')}.`)),
    context(
      text(
        'Other people are named only where you already see them in Rapport. To have all of it deleted, type ',
        command('/rapport forget-me'),
        '.',
      ),
    ),
  );
}
