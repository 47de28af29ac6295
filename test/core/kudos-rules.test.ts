import {
  checkKudos,
  cleanMessage,
  extractValues,
  type KudosCheckInput,
} from '../../src/core/domain/kudos';
import type { Member } from '../../src/core/domain/member';
import { classifyRelationship } from '../../src/core/domain/relationship-kind';
import { startOfLocalDay } from '../../src/core/domain/time';
import { plainText } from '../../src/core/conversation/text';
import { FALLBACK_EXAMPLES } from '../../src/core/messages/common';
import { kudosRejectionText } from '../../src/core/messages/kudos';

function member(userId: string, extra: Partial<Member> = {}): Member {
  return {
    userId,
    name: userId.toUpperCase(),
    departmentId: 'd-eng',
    departmentName: 'Engineering',
    title: null,
    managerId: null,
    timezone: 'UTC',
    externalOrg: null,
    isBot: false,
    isAdmin: false,
    isDeactivated: false,
    optedOut: false,
    pausedUntil: null,
    joinedAt: new Date('2026-01-01T00:00:00Z'),
    workingHours: { startMinute: 540, endMinute: 1020, days: [1, 2, 3, 4, 5] },
    nudges: { enabled: true, cadenceDays: 42 },
    suggestions: true,
    ...extra,
  };
}

const ana = member('ana', { departmentId: 'd-product', departmentName: 'Product' });
const li = member('li');
const base: KudosCheckInput = {
  giver: ana,
  recipientIds: ['li'],
  recipients: [li],
  message: 'thanks for the review #teamwork',
  allowedValues: ['teamwork', 'ownership'],
  dailyLimit: 5,
  givenToday: 0,
};

const rejectionCode = (overrides: Partial<KudosCheckInput>) => {
  const result = checkKudos({ ...base, ...overrides });
  return result.ok ? 'ok' : result.rejection.code;
};

describe('checkKudos', () => {
  it('accepts a valid kudos and returns its values', () => {
    const result = checkKudos(base);
    expect(result).toMatchObject({
      ok: true,
      values: ['teamwork'],
      message: 'thanks for the review #teamwork',
    });
  });

  it.each<[string, Partial<KudosCheckInput>, string]>([
    ['no recipients', { recipientIds: [], recipients: [] }, 'no_recipients'],
    ['a user group', { groupMentions: ['@design-team'] }, 'group_recipient'],
    [
      '11 recipients',
      { recipientIds: Array.from({ length: 11 }, (_, i) => `u${i}`) },
      'too_many_recipients',
    ],
    ['an empty message', { message: '' }, 'message_required'],
    ['only spaces', { message: '   \n\t ' }, 'message_required'],
    ['only a value tag', { message: '#teamwork' }, 'message_required'],
    ['1,001 characters', { message: 'a'.repeat(1001) }, 'message_too_long'],
    ['an unknown recipient', { recipientIds: ['nobody'], recipients: [] }, 'unknown_recipient'],
    ['the giver themself', { recipientIds: ['ana'], recipients: [ana] }, 'self_kudos'],
    [
      'a bot',
      { recipientIds: ['b'], recipients: [member('b', { isBot: true })] },
      'recipient_is_bot',
    ],
    [
      'a deactivated member',
      { recipientIds: ['g'], recipients: [member('g', { isDeactivated: true })] },
      'recipient_deactivated',
    ],
    [
      'an opted-out member',
      { recipientIds: ['q'], recipients: [member('q', { optedOut: true })] },
      'recipient_opted_out',
    ],
    ['an unknown value', { message: 'thanks #synergy' }, 'unknown_value'],
    ['no giver in the directory', { giver: null }, 'unknown_giver'],
    ['a deactivated giver', { giver: member('ana', { isDeactivated: true }) }, 'unknown_giver'],
    ['an exhausted allowance', { givenToday: 5 }, 'daily_limit_reached'],
    [
      'more recipients than are left today',
      { recipientIds: ['li', 'jo'], recipients: [li, member('jo')], givenToday: 4 },
      'daily_limit_reached',
    ],
  ])('rejects %s', (_name, overrides, code) => {
    expect(rejectionCode(overrides)).toBe(code);
  });

  it('allows exactly 10 recipients and exactly 1,000 characters', () => {
    const ten = Array.from({ length: 10 }, (_, i) => member(`u${i}`));
    const result = checkKudos({
      ...base,
      recipientIds: ten.map((m) => m.userId),
      recipients: ten,
      message: 'x'.repeat(1000),
      dailyLimit: 10,
    });
    expect(result.ok).toBe(true);
  });

  it('counts a repeated recipient once', () => {
    const result = checkKudos({ ...base, recipientIds: ['li', 'li', 'li'], givenToday: 4 });
    expect(result.ok && result.recipients.map((r) => r.userId)).toEqual(['li']);
  });

  it('counts characters, not UTF-16 units, against the 1,000 limit', () => {
    expect(rejectionCode({ message: '🎉'.repeat(1000) })).toBe('ok');
    expect(rejectionCode({ message: '🎉'.repeat(1001) })).toBe('message_too_long');
  });

  it('gives every rejection a friendly sentence without internals', () => {
    const result = checkKudos({ ...base, message: 'thanks #synergy #Ownership' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(plainText(kudosRejectionText(result.rejection, FALLBACK_EXAMPLES))).toBe(
        "#synergy isn't one of this workspace's values. Use one of: #teamwork, #ownership.",
      );
    }
  });
});

describe('kudos text', () => {
  it('extracts distinct values that start with a letter, case-insensitively', () => {
    expect(extractValues('great #Teamwork and #ownership, fixed bug #123 #teamwork')).toEqual([
      'teamwork',
      'ownership',
    ]);
    expect(extractValues('see https://x.test/#anchor or a&#teamwork')).toEqual([]);
  });

  it('removes control characters but keeps newlines and right-to-left text', () => {
    expect(cleanMessage('  shukran\u0000 \u0007شكرا\r\nجزيلا  ')).toBe('shukran شكرا\nجزيلا');
  });
});

describe('classifyRelationship', () => {
  const eng = (id: string, extra: Partial<Member> = {}) => member(id, extra);
  it.each<[string, Member, Member, string]>([
    ['different departments', ana, li, 'cross_department'],
    ['the same department', eng('a'), eng('b'), 'peer'],
    ['an unknown department', eng('a', { departmentId: null }), ana, 'peer'],
    ['a manager and report', eng('boss'), eng('r', { managerId: 'boss' }), 'manager_report'],
    [
      'a report and manager across departments',
      ana,
      eng('r', { managerId: 'ana' }),
      'manager_report',
    ],
    ['someone from another organisation', ana, eng('k', { externalOrg: 'Acme' }), 'external'],
  ])('calls %s %s', (_name, a, b, kind) => {
    expect(classifyRelationship(a, b)).toBe(kind);
    expect(classifyRelationship(b, a)).toBe(kind);
  });
});

describe('startOfLocalDay', () => {
  it('is midnight in the given zone, whatever the process TZ', () => {
    const now = new Date('2026-03-10T15:30:00Z');
    expect(startOfLocalDay(now, 'Asia/Singapore').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(startOfLocalDay(now, 'America/New_York').toISOString()).toBe('2026-03-10T04:00:00.000Z');
    expect(startOfLocalDay(now, 'Asia/Kolkata').toISOString()).toBe('2026-03-09T18:30:00.000Z');
  });
});
