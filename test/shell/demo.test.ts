import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../../src/adapters/shell/seed';
import { cleanEnv, ownLines, run } from '../support/processes';
import { databaseLabel, openTestDatabase } from '../support/database';

describe(`the demo organisation on ${databaseLabel}`, () => {
  it('has at least 40 people in at least 6 departments of uneven size across at least 3 timezones, and seeds idempotently', async () => {
    const database = await openTestDatabase();
    try {
      const first = await seedDemo(database.db);
      expect(await seedDemo(database.db)).toBe(first);
      const people = await database.db
        .selectFrom('members as m')
        .innerJoin('departments as d', 'd.id', 'm.department_id')
        .where('m.workspace_id', '=', first)
        .where('m.is_bot', '=', false)
        .where('m.is_deactivated', '=', false)
        .where('m.external_org', 'is', null)
        .select(['m.user_id', 'm.timezone', 'd.name as department'])
        .execute();
      expect(people.length).toBeGreaterThanOrEqual(40);
      const sizes = new Map<string, number>();
      for (const p of people) sizes.set(p.department, (sizes.get(p.department) ?? 0) + 1);
      expect(sizes.size).toBeGreaterThanOrEqual(6);
      expect(new Set(sizes.values()).size).toBeGreaterThan(2);
      expect(new Set(people.map((p) => p.timezone)).size).toBeGreaterThanOrEqual(3);
    } finally {
      await database.close();
    }
  });
});

describe('npm run demo with piped stdin', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rapport-demo-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const demo = (input: string, args = ['--as', 'priya']) =>
    run('npm', ['run', 'demo', '--silent', '--', ...args], {
      env: cleanEnv({ RAPPORT_DATA_DIR: dataDir }),
      input,
      timeoutMs: 90_000,
    });

  it('gives kudos, shows the post and the DMs, answers rejections privately and summarises the network', async () => {
    const script = [
      '/kudos @li @sam thanks for untangling the billing migration #ownership',
      '/kudos @priya thanks me',
      '/kudos @li thanks #synergy',
      '/kudos @nobody thanks',
      '/kudos',
      '/kudos @li \u0007\u001b',
      '/as',
      'what is this',
      '/rapport me',
      '/rapport frobnicate',
      '/as li',
      '/rapport me',
    ].join('\n');
    const { code, stdout, stderr } = await demo(`${script}\n`);
    expect(ownLines(stderr)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('you are Priya Sharma, Finance Director in Finance');
    expect(stdout).toContain(
      [
        '── #kudos ──',
        '  🎉 Priya Sharma (Finance) gave kudos to Li Wei and Sam Okafor',
        '  “thanks for untangling the billing migration #ownership”',
        '  Values: #ownership',
        '── DM to Li Wei ──',
        '  Priya Sharma (Finance) gave you kudos in #kudos:',
      ].join('\n'),
    );
    expect(stdout).toContain('── DM to Sam Okafor ──');
    expect(stdout).toContain(
      "── only visible to you ──\n  Kudos are for thanking others, so you can't give them to yourself.",
    );
    expect(stdout).toContain("#synergy isn't one of this workspace's values");
    expect(stdout).toContain("I don't know who nobody is.");
    expect(stdout).toContain('Who should get the kudos? Mention at least one person.');
    expect(stdout).toContain('Add a few words about what they did.');
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('Who do you want to be? For example: /as priya.');
    expect(stdout).toContain("I didn't understand that.");
    expect(stdout).toContain('I don\'t know "/rapport frobnicate"');
    expect(stdout).toContain('  /kudos @name [@name …] <message> [#value]');
    expect(stdout).toContain(
      [
        '  Your network, Priya Sharma (Finance)',
        '  Meaningful relationships: 0 (a healthy network has 15–20)',
        "  People you've connected with: 2 (2 cross-department)",
        '  Other departments reached (1): Engineering',
        '  Kudos: 2 given, 0 received',
      ].join('\n'),
    );
    expect(stdout).toContain('You are now Li Wei');
    expect(stdout).toContain(
      '  Your network, Li Wei (Engineering)\n  Meaningful relationships: 0 (a healthy network has 15–20)',
    );
    expect(stdout).toContain('  Kudos: 0 given, 1 received');
    expect(stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('remembers what was recorded across runs and keeps the daily allowance', async () => {
    const { code, stdout } = await demo(
      '/kudos @jonas @aiko @tom @rin thanks for the release #teamwork\n/rapport me\n',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('You have 3 kudos left today, and this would give 4.');
    expect(stdout).toContain('Kudos: 2 given, 0 received');
  });

  it('runs an intro round across departments, and lets a member pause, leave and rejoin', async () => {
    const { code, stdout, stderr } = await demo(
      '/round\n/rapport pause 2w\n/rapport pause forever\n/rapport leave\n/rapport join #coffee\n/rapport resume\n',
    );
    expect(ownLines(stderr)).toEqual([]);
    expect(code).toBe(0);
    const summary =
      /This round's intros are out: (\d+) people in (\d+) groups, (\d+) across departments/.exec(
        stdout,
      );
    expect(summary).not.toBeNull();
    const [, people, groups, across] = summary!.map(Number);
    expect(across).toBe(groups);
    expect(people).toBeGreaterThanOrEqual(40);
    expect(stdout.match(/── group DM with /g)).toHaveLength(groups!);
    expect(stdout).toContain('👋 Meet each other!');
    expect(stdout).toContain('"Did you get a chance to meet?" goes to each group from');
    expect(stdout).toContain('Paused: no intros, check-ins or reminders until');
    expect(stdout).toContain('I couldn\'t read "forever"');
    expect(stdout).toContain("You've left the intro round in #coffee.");
    expect(stdout).toContain(
      "You're in! You'll meet someone from another department in the next round in #coffee.",
    );
    expect(stdout).toContain("You're back: intros and reminders start again.");
  });

  it('sets and lists follow-ups, records a meeting and a mentor, and suggests people to meet', async () => {
    const { code, stdout, stderr } = await demo(
      [
        '/followup @li in 2 weeks about the roadmap',
        '/followup @li someday',
        '/followup list',
        '/rapport met @sam',
        '/rapport mentor @li',
        '/rapport suggest',
        '/rapport nudges every 3 weeks',
      ].join('\n') + '\n',
    );
    expect(ownLines(stderr)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Got it: I'll remind you to follow up with Li Wei on \w+ \d+ \w+ at 09:00, about the roadmap\./,
    );
    expect(stdout).toContain('I couldn\'t tell when "someday" is.');
    expect(stdout).toMatch(/• \w+ \d+ \w+ at 09:00: Li Wei — the roadmap/);
    expect(stdout).toContain('Noted: you met Sam Okafor.');
    expect(stdout).toContain('Noted: Li Wei is your mentor.');
    expect(stdout).toContain('People you might like to meet:');
    expect(stdout).toContain("haven't been in touch with for 3 weeks");
  });

  it('names the people it knows when --as names nobody', async () => {
    const { code, stderr } = await demo('', ['--as', 'nobody']);
    expect(code).toBe(2);
    expect(ownLines(stderr)[0]).toMatch(
      /^There is no "nobody" in the demo company\. Try one of: .*priya/,
    );
  });
});
