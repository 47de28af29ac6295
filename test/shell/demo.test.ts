import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../../src/adapters/shell/seed';
import { parseCsv } from '../support/csv';
import { pngSize } from '../support/png';
import { cleanEnv, conversationWith, ownLines, run } from '../support/processes';
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

  it('gives kudos, shows the post and the notes, answers rejections privately and summarises the network', async () => {
    const script = [
      '/kudos @li @sam thanks for untangling the billing migration #ownership',
      '/kudos @priya thanks me',
      '/kudos @li thanks #synergy',
      '/kudos @nobody thanks',
      '/kudos @here thanks',
      '/kudos',
      '/cancel',
      '/kudos @li \u0007\u001b',
      '/as',
      'what is this',
      '/rapport me',
      '/rapport frobnicate',
      '/rapport sugest',
      '/as li',
      '/rapport me',
    ].join('\n');
    const { code, stdout, stderr } = await demo(`${script}\n`);
    expect(ownLines(stderr)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('you are Priya Sharma, Finance Director in Finance');
    expect(stdout).toContain('Thanks for celebrating! Your kudos is posted in #kudos.');
    expect(stdout).toContain(
      [
        '── #kudos ──',
        '  🎉 Priya Sharma gave kudos to Li Wei and Sam Okafor',
        '  “thanks for untangling the billing migration #ownership”',
        '  Values: #ownership',
      ].join('\n'),
    );
    expect(stdout).toContain(
      "── only visible to you ──\n  Kudos are for thanking others, so you can't give them to yourself.",
    );
    expect(stdout).toContain("#synergy isn't one of this workspace's values");
    expect(stdout).toContain("I don't know who @nobody is.");
    expect(stdout).toContain(
      'Kudos go to people, not to @here: mention each person you want to thank.',
    );
    expect(stdout).toContain('Add a few words about what they did. For example /kudos @');
    // Examples name real colleagues, never the person reading them.
    expect(stdout).not.toMatch(/For example \/kudos @priya\b/);
    // /kudos alone opens the form; /cancel closes it.
    expect(stdout).toContain('  Give kudos\n  1. Who helped?');
    expect(stdout).toContain('Closed the form; nothing was saved.');
    expect(stdout).not.toContain('\u001b');
    // The renderer decides markup: no Slack code ticks or bold stars in plain text.
    expect(stdout).not.toMatch(/[`]|\*\w/);
    expect(stdout).toContain('Who do you want to be? For example: /as priya.');
    expect(stdout).toContain("I didn't understand that.");
    expect(stdout).toContain("I don't know /rapport frobnicate.");
    expect(stdout).toContain('Did you mean /rapport suggest?');
    expect(stdout).toContain(
      [
        '  Your network · Finance',
        '  Meaningful relationships: 0 of the 15–20 a healthy network has',
        '  Other departments reached: 1',
        "  People you've connected with: 2",
        '  Kudos given · received: 2 · 0',
      ].join('\n'),
    );
    // Li was away: the kudos note waited for the demo to become Li.
    expect(stdout).toContain(
      [
        'You are now Li Wei, Staff Engineer in Engineering.',
        '── DM to Li Wei ──',
        '  🎉 Priya Sharma gave you kudos in #kudos',
        '  “thanks for untangling the billing migration #ownership”',
      ].join('\n'),
    );
    expect(stdout).toContain('  Kudos given · received: 0 · 1');
    expect(stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('remembers what was recorded across runs and keeps the daily allowance', async () => {
    const { code, stdout } = await demo(
      '/kudos @jonas @aiko @tom @rin thanks for the release #teamwork\n/rapport me\n',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('You have 3 kudos left today, and this would give 4.');
    expect(stdout).toContain('Kudos given · received: 2 · 0');
  });

  it('runs an intro round across departments, and lets a member pause, leave and rejoin', async () => {
    const { code, stdout, stderr } = await demo(
      '/round\n/rapport pause 2w\n/rapport pause forever\n/rapport leave\n/rapport join #coffee\n/rapport join #coffee\n/rapport resume\n/rapport resume\n',
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
    // Intros go out when each whole group is at work (now or later, by the time of day):
    // nothing of anyone else's is printed at Priya.
    expect(stdout).not.toMatch(/── group DM with (?![^\n]*Priya Sharma)[^\n]*──/);
    expect(stdout).toContain('Paused: no intros, check-ins or reminders through');
    expect(stdout).toContain('I couldn\'t read "forever"');
    expect(stdout).toContain("You've left the intro round in #coffee.");
    expect(stdout).toContain(
      "You're in! You'll meet someone from another department in the next round in #coffee.",
    );
    expect(stdout).toContain("You're already in the intro round in #coffee. Nothing changed.");
    expect(stdout).toContain("You're back: intros and reminders start again.");
    expect(stdout).toContain("You weren't paused, so nothing changed");
  });

  it('sets and lists follow-ups, records a meeting and a mentor, and suggests people to meet', async () => {
    const { code, stdout, stderr } = await demo(
      [
        '/followup @li in 2 weeks about the roadmap',
        '/followup @li someday',
        '/followup @sam about the budget',
        '/followup list',
        '/followup cancel 2',
        '/followup cancel 9',
        '/rapport met @sam',
        '/rapport met @sam',
        '/rapport mentor @li',
        '/rapport suggest',
        '/rapport nudges every 3 weeks',
        '/rapport nudges',
        '/rapport settings',
      ].join('\n') + '\n',
    );
    expect(ownLines(stderr)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Got it: I'll remind you to follow up with Li Wei on \w+ \d+ \w+ at 09:00, about the roadmap\./,
    );
    expect(stdout).toContain('I couldn\'t tell when "someday" is.');
    expect(stdout).toContain("You didn't say when, so I picked a week from now.");
    expect(stdout).toMatch(/1\. \w+ \d+ \w+ at 09:00: Sam Okafor — the budget {2}\[\d+\] Cancel/);
    expect(stdout).toMatch(/2\. \w+ \d+ \w+ at 09:00: Li Wei — the roadmap {2}\[\d+\] Cancel/);
    expect(stdout).toContain('Cancelled the reminder about Li Wei.');
    expect(stdout).toContain('Give its number from /followup list, from 1 to 1.');
    expect(stdout).toContain('Noted: you met Sam Okafor. It counts toward your network.');
    expect(stdout).toContain(
      'Already noted today: you met Sam Okafor. A meeting counts once a day.',
    );
    expect(stdout).toContain('Noted: Li Wei is your mentor.');
    expect(stdout).toContain('People you might like to meet');
    // Asked for every 3 weeks, told about 3 weeks first (not "once a week at most").
    expect(stdout).toContain(
      "I'll nudge you about anyone you haven't been in touch with for 3 weeks, in one weekly message at most.",
    );
    expect(stdout).toContain('Keep-in-touch nudges are on: I nudge you about anyone');
    expect(stdout).toContain('Your Rapport settings');
    expect(stdout).toContain('Timezone Europe/London; working hours 09:00–17:00');
  });

  it('brings a follow-up due after /clock, with Done to press, and answers a check-in', async () => {
    // A directory of its own: a round in the same minute as another test's would not run.
    const own = mkdtempSync(path.join(os.tmpdir(), 'rapport-demo-clock-'));
    const priya = conversationWith(
      'src/adapters/shell/demo.ts',
      ['--as', 'priya'],
      cleanEnv({ RAPPORT_DATA_DIR: own }),
    );
    try {
      expect(await priya.say('/followup @li in 3 days about the roadmap')).toContain(
        "Got it: I'll remind you to follow up with Li Wei",
      );
      const round = await priya.say('/round');
      expect(round).toContain("── #coffee ──\n  ☕ This round's intros are out:");
      const week = await priya.say('/clock +1w');
      expect(week).toMatch(/^The demo's clock is now /);
      const done =
        /⏰ Time to follow up with Li Wei\n {2}About: the roadmap\n[^\n]*\n {2}\[(\d+)\] Done/.exec(
          week,
        );
      expect(done).not.toBeNull();
      const met =
        /── group DM with [^\n]*Priya Sharma[^\n]*──\n {2}👋 Did you get a chance to meet\?\n {2}\[(\d+)\] We met/.exec(
          week,
        );
      expect(met).not.toBeNull();
      expect(await priya.say(`/press ${done![1]}`)).toContain(
        '── message updated ──\n  Done: nice work keeping in touch with Li Wei. It counts toward your network.',
      );
      // The same button again changes nothing.
      expect(await priya.say(`/press ${done![1]}`)).toContain('This reminder is already done.');
      expect(await priya.say(`/press ${met![1]}`)).toContain(
        "── message updated ──\n  🎉 Priya Sharma says you met. That's recorded: nice work, all of you!",
      );
      expect(await priya.say('/press 999')).toContain('There is no button [999].');
      expect(await priya.say('/clock soon')).toContain('/clock +3d');
      const me = await priya.say('/rapport me');
      expect(me).toMatch(/People you've connected with: [1-9]/);
    } finally {
      const ended = await priya.end();
      rmSync(own, { recursive: true, force: true });
      expect(ownLines(ended.stderr)).toEqual([]);
    }
  });

  it('lets an admin read the round record and change settings with the form; others are refused', async () => {
    const { code, stdout, stderr } = await demo(
      [
        '/rapport admin',
        '/as rosa',
        '/rapport round #coffee',
        '/rapport admin',
        '/set 2 0',
        '/submit',
        '/set 2 12',
        '/submit',
        '/rapport deliveries',
      ].join('\n') + '\n',
    );
    expect(ownLines(stderr)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('Only workspace admins can change Rapport’s settings');
    expect(stdout).toMatch(
      /Round of \w+ \d+ \w+ at \d\d:\d\d in #coffee: \d+ people in \d+ groups/,
    );
    expect(stdout).toContain('2. Kudos per person per day: 5 (a whole number from 1 to 100)');
    expect(stdout).toContain(
      'Some fields need a change:\n    2. Kudos per person per day: A whole number from 1 to 100.',
    );
    expect(stdout).toContain(
      'Saved. Kudos are celebrated in #kudos; each person may thank 12 people a day',
    );
    expect(stdout).toContain('Last 7 days:');
  });

  it('writes a member’s export to a file in the data folder and says where', async () => {
    const { code, stdout, stderr } = await demo('/rapport export\n', ['--as', 'li']);
    expect(ownLines(stderr)).toEqual([]);
    expect(code).toBe(0);
    const saved = /📎 Your Rapport data: saved to (\S+\.json)/.exec(stdout)?.[1];
    expect(saved).toBeDefined();
    expect(path.dirname(saved!)).toBe(path.join(dataDir, 'demo-files'));
    const data = JSON.parse(readFileSync(saved!, 'utf8')) as { you: { name: string } };
    expect(JSON.stringify(data)).toContain('Li Wei');
  });

  it('gives an admin insights with the heatmap and CSV files written to the data folder', async () => {
    const { code, stdout, stderr } = await demo('/as rosa\n/rapport insights 52w\n');
    expect(ownLines(stderr)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('Insights for the last year');
    expect(stdout).toContain('[Relationships between departments, last year: ');
    const png = /📎 Relationships between departments, last year: saved to (\S+\.png)/.exec(
      stdout,
    )?.[1];
    expect(png).toBeDefined();
    expect(pngSize(readFileSync(png!)).width).toBeGreaterThan(100);
    const csvs = [...stdout.matchAll(/saved to (\S+\.csv)/g)].map((m) => m[1]!);
    expect(csvs.length).toBeGreaterThan(1);
    const matrix = csvs.find((c) => c.endsWith('-departments-all.csv'))!;
    // A header, then a row per department shown (the demo has at least 4 of 5 or more).
    expect(parseCsv(readFileSync(matrix, 'utf8')).length).toBeGreaterThan(4);
  });

  it('names the people it knows when --as names nobody', async () => {
    const { code, stderr } = await demo('', ['--as', 'nobody']);
    expect(code).toBe(2);
    expect(ownLines(stderr)[0]).toMatch(
      /^There is no "nobody" in the demo company\. Try one of: .*priya/,
    );
  });
});
