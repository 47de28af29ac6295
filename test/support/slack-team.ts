import type { SlackUser } from '../../src/adapters/slack/directory';

export const TEAM_ID = 'T0ACME';
export const BOT_USER_ID = 'UBOT';
export const DEPARTMENT_FIELD = 'Xf01DEPT';

function person(
  id: string,
  name: string,
  department: string | null,
  tz: string,
  extra: Partial<SlackUser> = {},
): SlackUser {
  return {
    id,
    team_id: TEAM_ID,
    name: name.split(' ')[0]!.toLowerCase(),
    real_name: name,
    tz,
    deleted: false,
    is_bot: false,
    ...extra,
    profile: {
      real_name: name,
      title: extra.profile?.title ?? '',
      fields: department ? { [DEPARTMENT_FIELD]: { value: department } } : {},
    },
  };
}

/** Acme's Slack directory: people of every sort the Slack features care about. */
export function acmeUsers(): SlackUser[] {
  return [
    person('UANA', 'Ana Silva', 'Product', 'Asia/Singapore', {
      is_admin: true,
      profile: { title: 'Head of Product' },
    }),
    person('ULI', 'Li Wei', 'Engineering', 'America/New_York'),
    person('USAM', 'Sam Okafor', 'Engineering', 'Europe/London'),
    person('UPRIYA', 'Priya Natarajan', 'Finance', 'Asia/Kolkata'),
    person('UBEN', 'Ben Carter', 'Product', 'America/New_York'),
    person('UEVE', 'Eve Moreau', null, 'Europe/Paris'),
    person('UQUIET', 'Quiet Person', 'Finance', 'Europe/London'),
    person('UGONE', 'Former Colleague', 'Finance', 'Europe/London', { deleted: true }),
    person('UHELPER', 'Helper Bot', null, 'UTC', { is_bot: true }),
    person('UKIM', 'Kim Lee', 'Partnerships', 'America/New_York', { team_id: 'T0PARTNER' }),
    person(BOT_USER_ID, 'Rapport', null, 'UTC', { is_bot: true }),
  ];
}
