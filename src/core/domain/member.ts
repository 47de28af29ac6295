import type { UsageProblem } from '../conversation/usage';

export type Platform = 'slack' | 'teams' | 'local';

/** The neutral identity the core sees for a person, whatever the platform. */
export interface MemberRef {
  platform: Platform;
  workspaceId: string;
  userId: string;
}

export interface Member {
  userId: string;
  name: string;
  departmentId: string | null;
  departmentName: string | null;
  title: string | null;
  managerId: string | null;
  timezone: string;
  /** Set for people from another organisation (e.g. Slack Connect guests). */
  externalOrg: string | null;
  isBot: boolean;
  /**
   * May change Rapport's settings: a workspace admin or owner on the platform, or someone an
   * admin made one in Rapport (`adminGranted`).
   */
  isAdmin: boolean;
  /** Made an admin in Rapport, not by the platform: an admin can take it back. */
  adminGranted?: boolean;
  isDeactivated: boolean;
  optedOut: boolean;
  pausedUntil: Date | null;
  /** The platform refuses to deliver to them (they blocked or removed the app). */
  unreachable?: boolean;
  joinedAt: Date;
  /** When messages may reach them, in their own timezone (default Monday–Friday, 09:00–17:00). */
  workingHours: { startMinute: number; endMinute: number; days: number[] };
  /** Keep-in-touch nudges: on or off, and how long a relationship may be quiet first. */
  nudges: { enabled: boolean; cadenceDays: number };
  /** Weekly introduction suggestions (/rapport suggest works either way). */
  suggestions: boolean;
}

/**
 * The giver of the kudos a forgotten member gave: the kudos stay for the people thanked, and
 * their giver becomes this id, which is no member's on any platform (Slack ids are capitals and
 * digits, Teams ids uuids, the demo's handles letters). The same for everyone forgotten, so
 * nothing links those kudos to a person, nor to one another.
 */
export const FORGOTTEN_GIVER = '~forgotten';

export const isForgottenId = (userId: string): boolean => userId === FORGOTTEN_GIVER;

/** A member's working hours in their own zone, as schedules take them. */
export const workingHoursOf = (m: Pick<Member, 'timezone' | 'workingHours'>) => ({
  zone: m.timezone,
  ...m.workingHours,
});

const DEPARTMENT_MAX = 60;

export type DepartmentName = { ok: true; name: string } | { ok: false; usage: UsageProblem };

/** A department name as a person typed it, tidied, or why it cannot be one. */
export function cleanDepartmentName(raw: string): DepartmentName {
  const name = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(name)) {
    return { ok: false, usage: { code: 'department_what' } };
  }
  if ([...name].length > DEPARTMENT_MAX) {
    return { ok: false, usage: { code: 'department_too_long', max: DEPARTMENT_MAX } };
  }
  return { ok: true, name };
}
