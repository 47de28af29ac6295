import type { MemberInput } from '../../persistence/repositories/directory';

/**
 * A made-up company for the demo: 46 people in 7 departments of uneven size, working from
 * four timezones, with a few managers, a contractor from a partner firm and a bot.
 * Each person's user id is their handle, so `@priya` in the demo means Priya.
 */
type Person = [
  handle: string,
  name: string,
  department: string,
  title: string,
  timezone: string,
  manager?: string,
];

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const SINGAPORE = 'Asia/Singapore';

const PEOPLE: Person[] = [
  ['maya', 'Maya Chen', 'Engineering', 'VP Engineering', NEW_YORK],
  ['li', 'Li Wei', 'Engineering', 'Staff Engineer', SINGAPORE, 'maya'],
  ['sam', 'Sam Okafor', 'Engineering', 'Engineering Manager', LONDON, 'maya'],
  ['jonas', 'Jonas Weber', 'Engineering', 'Backend Engineer', BERLIN, 'sam'],
  ['aiko', 'Aiko Tanaka', 'Engineering', 'Frontend Engineer', SINGAPORE, 'sam'],
  ['diego', 'Diego Ramírez', 'Engineering', 'Site Reliability Engineer', NEW_YORK, 'sam'],
  ['fatima', 'Fatima Zahra', 'Engineering', 'Security Engineer', LONDON, 'maya'],
  ['noah', 'Noah Fischer', 'Engineering', 'Backend Engineer', BERLIN, 'sam'],
  ['grace', 'Grace Adeyemi', 'Engineering', 'Data Engineer', LONDON, 'maya'],
  ['tom', 'Tom Becker', 'Engineering', 'Mobile Engineer', BERLIN, 'sam'],
  ['rin', 'Rin Sato', 'Engineering', 'QA Engineer', SINGAPORE, 'sam'],
  ['omar', 'Omar Haddad', 'Engineering', 'Platform Engineer', LONDON, 'maya'],
  ['ana', 'Ana Silva', 'Product', 'Head of Product', LONDON],
  ['ben', 'Ben Carter', 'Product', 'Product Manager', NEW_YORK, 'ana'],
  ['chloe', 'Chloé Martin', 'Product', 'Product Designer', BERLIN, 'ana'],
  ['dev', 'Dev Patel', 'Product', 'UX Researcher', LONDON, 'ana'],
  ['elena', 'Elena Popescu', 'Product', 'Product Manager', BERLIN, 'ana'],
  ['priya', 'Priya Sharma', 'Finance', 'Finance Director', LONDON],
  ['hugo', 'Hugo Laurent', 'Finance', 'Controller', BERLIN, 'priya'],
  ['ines', 'Inês Costa', 'Finance', 'Payroll Specialist', LONDON, 'priya'],
  ['kwame', 'Kwame Mensah', 'Finance', 'Financial Analyst', NEW_YORK, 'priya'],
  ['carol', 'Carol Nguyen', 'Sales', 'Head of Sales', NEW_YORK],
  ['dan', 'Dan Murphy', 'Sales', 'Account Executive', NEW_YORK, 'carol'],
  ['eva', 'Eva Novak', 'Sales', 'Account Executive', BERLIN, 'carol'],
  ['felix', 'Felix Braun', 'Sales', 'Sales Engineer', BERLIN, 'carol'],
  ['hana', 'Hana Kim', 'Sales', 'Account Executive', SINGAPORE, 'carol'],
  ['ivan', 'Ivan Petrov', 'Sales', 'Business Development Rep', LONDON, 'carol'],
  ['julia', 'Julia Rossi', 'Sales', 'Account Executive', LONDON, 'carol'],
  ['kofi', 'Kofi Boateng', 'Sales', 'Sales Operations Analyst', NEW_YORK, 'carol'],
  ['lena', 'Lena Schmidt', 'Sales', 'Business Development Rep', BERLIN, 'carol'],
  ['marco', 'Marco Bianchi', 'Sales', 'Account Executive', SINGAPORE, 'carol'],
  ['nina', 'Nina Johansson', 'Marketing', 'Head of Marketing', LONDON],
  ['oscar', 'Oscar Lindqvist', 'Marketing', 'Content Lead', BERLIN, 'nina'],
  ['paula', 'Paula Gómez', 'Marketing', 'Growth Marketer', NEW_YORK, 'nina'],
  ['quinn', 'Quinn Taylor', 'Marketing', 'Brand Designer', LONDON, 'nina'],
  ['rosa', 'Rosa Alvarez', 'People', 'Head of People', NEW_YORK],
  ['sofia', 'Sofia Greco', 'People', 'Recruiter', LONDON, 'rosa'],
  ['tariq', 'Tariq Aziz', 'People', 'People Partner', SINGAPORE, 'rosa'],
  ['uma', 'Uma Reddy', 'Customer Success', 'Head of Customer Success', SINGAPORE],
  ['victor', 'Victor Dubois', 'Customer Success', 'Support Engineer', BERLIN, 'uma'],
  ['wendy', 'Wendy Liu', 'Customer Success', 'Customer Success Manager', SINGAPORE, 'uma'],
  ['xavier', 'Xavier Moreau', 'Customer Success', 'Support Engineer', LONDON, 'uma'],
  ['yara', 'Yara Nasser', 'Customer Success', 'Customer Success Manager', NEW_YORK, 'uma'],
  ['zoe', 'Zoe Walker', 'Customer Success', 'Support Specialist', NEW_YORK, 'uma'],
  ['amir', 'Amir Karimi', 'Customer Success', 'Onboarding Specialist', SINGAPORE, 'uma'],
  ['bea', 'Bea Santos', 'Customer Success', 'Support Specialist', LONDON, 'uma'],
];

export const DEMO_WORKSPACE = {
  platform: 'local' as const,
  externalId: 'demo',
  name: 'Northwind (demo)',
};
export const DEMO_KUDOS_CHANNEL = 'kudos';
export const DEMO_ADMIN = 'rosa';
export const DEMO_ROUND_CHANNEL = 'coffee';

export function demoMembers(): MemberInput[] {
  const staff: MemberInput[] = PEOPLE.map(
    ([userId, name, department, title, timezone, managerId]) => ({
      userId,
      name,
      department,
      title,
      timezone,
      managerId: managerId ?? null,
      // The demo's admin: `/as rosa` reaches every admin command and form.
      isAdmin: userId === DEMO_ADMIN,
    }),
  );
  return [
    ...staff,
    // Someone from a partner company in a shared channel: kudos to them count as external.
    {
      userId: 'kim',
      name: 'Kim Lee',
      title: 'Consultant, Acme Partners',
      timezone: NEW_YORK,
      externalOrg: 'Acme Partners',
    },
    { userId: 'rapport', name: 'Rapport', title: 'Bot', timezone: 'UTC', isBot: true },
    {
      userId: 'oliver',
      name: 'Oliver Grant',
      department: 'Engineering',
      title: 'Former Engineer',
      timezone: LONDON,
      isDeactivated: true,
    },
  ];
}
