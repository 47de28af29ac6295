/**
 * `npm run teams:package`: teams/manifest.json with its placeholders filled from the
 * environment, checked, and zipped with the two icons into teams/build/rapport-teams.zip, the
 * file an admin uploads to Teams.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { fill, readValues } from './placeholders';
import { validateManifest } from './validate';

const ROOT = path.join(__dirname, '../..');
const TEAMS = path.join(ROOT, 'teams');
export const PACKAGE = path.join(TEAMS, 'build', 'rapport-teams.zip');

export const ICON_SIZES = { 'color.png': 192, 'outline.png': 32 } as const;

// A fixed time in every entry: the same inputs give the same bytes, so a checksum of the zip
// tells whether anything in it changed.
const MTIME = new Date('2025-01-01T00:00:00Z');

/** Width and height from a PNG's header, which Teams checks before anything else. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function iconProblems(icons: Record<string, Buffer>): string[] {
  return Object.entries(ICON_SIZES).flatMap(([name, side]) => {
    const size = pngSize(icons[name]!);
    if (!size) return [`teams/${name} is not a PNG`];
    return size.width === side && size.height === side
      ? []
      : [`teams/${name} is ${size.width}×${size.height}; Teams needs ${side}×${side}`];
  });
}

function main(): number {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const read = readValues(process.env, version);
  if (!read.ok) {
    process.stderr.write(`Cannot build the Teams package: ${read.message}\n`);
    return 1;
  }
  const text = fill(readFileSync(path.join(TEAMS, 'manifest.json'), 'utf8'), read.values);
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const icons = Object.fromEntries(
    Object.keys(ICON_SIZES).map((name) => [name, readFileSync(path.join(TEAMS, name))]),
  );
  const problems = [...validateManifest(manifest), ...iconProblems(icons)];
  if (problems.length > 0) {
    process.stderr.write(
      `Cannot build the Teams package: Teams would refuse it:\n${problems.map((p) => `  ${p}\n`).join('')}`,
    );
    return 1;
  }
  // Teams reads the three files at the zip's root; a folder around them is refused.
  const zip = zipSync(
    {
      'manifest.json': [strToU8(text), { mtime: MTIME }],
      ...Object.fromEntries(
        Object.entries(icons).map(([name, bytes]) => [name, [bytes, { mtime: MTIME }]]),
      ),
    },
    { level: 9 },
  );
  mkdirSync(path.dirname(PACKAGE), { recursive: true });
  writeFileSync(PACKAGE, zip);
  process.stdout.write(
    `Wrote ${path.relative(ROOT, PACKAGE)}: bot ${read.values.MICROSOFT_APP_ID}, host ${read.values.RAPPORT_PUBLIC_HOST}, version ${version}\n`,
  );
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (error) {
    process.stderr.write(
      `Cannot build the Teams package: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
