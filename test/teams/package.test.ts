import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { SUBCOMMANDS } from '../../src/core/messages/help';
import { PACKAGE } from '../../scripts/teams/package';
import { validateManifest } from '../../scripts/teams/validate';
import { cleanEnv, ownLines, ROOT, run } from '../support/processes';

const APP_ID = '5c3b2a19-8d4e-4f6a-b7c8-0e1d2f3a4b5c';
const HOST = 'rapport.test.example';

const teamsPackage = (env: Record<string, string>) =>
  run('npm', ['run', '--silent', 'teams:package'], { env: cleanEnv(env) });

/** What Teams sends the bot for a command picked from its menu is its title, typed alone. */
const UNDERSTOOD = new Set(['kudos', 'followup', ...SUBCOMMANDS]);

describe('npm run teams:package', () => {
  let files: Record<string, Uint8Array>;
  let manifest: any;

  beforeAll(async () => {
    rmSync(PACKAGE, { force: true });
    const result = await teamsPackage({ MICROSOFT_APP_ID: APP_ID, RAPPORT_PUBLIC_HOST: HOST });
    expect(ownLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('teams/build/rapport-teams.zip');
    files = unzipSync(readFileSync(PACKAGE));
    manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
  });

  it('zips the manifest and both icons at the root of the zip, and nothing else', () => {
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('draws a full-colour 192 px icon and a 32 px outline that is white on transparent', () => {
    const color = PNG.sync.read(Buffer.from(files['color.png']!));
    expect([color.width, color.height]).toEqual([192, 192]);
    const colours = new Set<string>();
    let seeThrough = 0;
    for (let at = 0; at < color.data.length; at += 4) {
      if (color.data[at + 3] !== 255) seeThrough += 1;
      colours.add(color.data.subarray(at, at + 3).toString('hex'));
    }
    expect(seeThrough).toBe(0);
    expect(colours.size).toBeGreaterThan(2);

    const outline = PNG.sync.read(Buffer.from(files['outline.png']!));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const alphas: number[] = [];
    let notWhite = 0;
    for (let at = 0; at < outline.data.length; at += 4) {
      const alpha = outline.data[at + 3]!;
      alphas.push(alpha);
      if (alpha > 0 && outline.data.subarray(at, at + 3).some((c) => c !== 255)) notWhite += 1;
    }
    expect(notWhite).toBe(0);
    // A background mostly clear, and a mark drawn in solid white, not a faint haze.
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(32 * 32 * 0.3);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(32 * 2);
  });

  it('passes Microsoft’s schema for its manifest version, offline', () => {
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('fills in the bot id, the host and the version, and leaves no placeholder', () => {
    const text = Buffer.from(files['manifest.json']!).toString('utf8');
    expect(text).not.toContain('${{');
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual([HOST]);
    expect(new URL(manifest.developer.privacyUrl).host).toBe(HOST);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.version).toBe(pkg.version);
    // The committed file keeps placeholders: no one's bot id is checked in.
    const committed = readFileSync(path.join(ROOT, 'teams/manifest.json'), 'utf8');
    expect(committed).toContain('"botId": "${{MICROSOFT_APP_ID}}"');
  });

  it('is a conversational bot in personal chats, teams and group chats, with a command list for each', () => {
    const bot = manifest.bots[0];
    expect(bot.scopes.slice().sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    const listed = bot.commandLists.flatMap((l: any) => l.scopes).sort();
    expect(listed).toEqual(['groupChat', 'personal', 'team']);
  });

  it('offers only commands Rapport understands, within Teams’ limits', () => {
    for (const list of manifest.bots[0].commandLists) {
      const titles: string[] = list.commands.map((c: any) => c.title);
      expect(titles.filter((t) => !UNDERSTOOD.has(t))).toEqual([]);
      expect(new Set(titles).size).toBe(titles.length);
      expect(titles.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeGreaterThan(0);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    const personal = manifest.bots[0].commandLists.find((l: any) => l.scopes.includes('personal'));
    expect(personal.commands.map((c: any) => c.title)).toEqual(
      expect.arrayContaining(['help', 'me', 'kudos', 'followup']),
    );
  });
});

describe('npm run teams:package without what it needs', () => {
  it('refuses without MICROSOFT_APP_ID, in one line naming it', async () => {
    const { code, stdout, stderr } = await teamsPackage({ RAPPORT_PUBLIC_HOST: HOST });
    expect(code).not.toBe(0);
    expect(ownLines(stderr)).toEqual([
      'Cannot build the Teams package: MICROSOFT_APP_ID is not set: it must be the bot registration’s Microsoft App ID, a GUID.',
    ]);
    expect(stdout).not.toContain('Wrote');
  });

  it.each([
    [{ MICROSOFT_APP_ID: 'rapport-bot', RAPPORT_PUBLIC_HOST: HOST }, 'MICROSOFT_APP_ID must be'],
    [{ MICROSOFT_APP_ID: APP_ID }, 'RAPPORT_PUBLIC_HOST is not set'],
    [
      { MICROSOFT_APP_ID: APP_ID, RAPPORT_PUBLIC_HOST: `https://${HOST}/` },
      'RAPPORT_PUBLIC_HOST must be',
    ],
  ])('refuses %j in one line naming the variable', async (env, says) => {
    const { code, stderr } = await teamsPackage(env);
    expect(code).not.toBe(0);
    const lines = ownLines(stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(says);
  });
});

describe('the manifest check', () => {
  it('finds what Teams would refuse: a missing field, an unknown scope, too many or too long commands', () => {
    const text = readFileSync(path.join(ROOT, 'teams/manifest.json'), 'utf8')
      .replaceAll('${{MICROSOFT_APP_ID}}', APP_ID)
      .replaceAll('${{RAPPORT_PUBLIC_HOST}}', HOST)
      .replaceAll('${{package.version}}', '1.0.0');
    const broken = JSON.parse(text);
    expect(validateManifest(broken)).toEqual([]);
    delete broken.accentColor;
    broken.bots[0].scopes.push('channel');
    const list = broken.bots[0].commandLists[0].commands;
    while (list.length < 11) list.push({ title: 'help', description: 'again' });
    list[0].title = 'a title much longer than Teams shows';
    const problems = validateManifest(broken).join('\n');
    expect(problems).toContain("must have required property 'accentColor'");
    expect(problems).toContain('/bots/0/scopes/3');
    expect(problems).toContain('has 11 commands');
    expect(problems).toContain('/bots/0/commandLists/0/commands/0/title is longer than 32');
  });
});
