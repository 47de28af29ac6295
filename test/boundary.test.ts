import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CORE = path.join(__dirname, '../src/core');
const FORBIDDEN =
  /^(@slack\/|@microsoft\/|botbuilder|botframework|kysely|pg(\/|$)|pg-|@electric-sql\/|pino|node-cron|cron$|node:|fs$|http$|https$|net$|child_process$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports, requires or dynamically imports. */
export function importsOf(source: string): string[] {
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1]!));
}

export function violations(file: string, source: string): string[] {
  return importsOf(source)
    .filter(
      (spec) =>
        FORBIDDEN.test(spec) ||
        (spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(CORE)),
    )
    .map((spec) => `${path.relative(CORE, file)} imports ${spec}`);
}

describe('the core boundary', () => {
  it('src/core imports no platform, database, logging, scheduling or I/O library, nor code outside the core', () => {
    const files = sourceFiles(CORE);
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap((f) => violations(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it.each([
    "import { App } from '@slack/bolt';",
    "import type { Kysely } from 'kysely';",
    "import pg from 'pg';",
    "import { PGlite } from '@electric-sql/pglite';",
    "const pino = require('pino');",
    "const cron = await import('node-cron');",
    "import { CloudAdapter } from '@microsoft/agents-hosting';",
    "import { readFile } from 'node:fs';",
    "import { db } from '../../persistence/database';",
  ])('would catch %s', (line) => {
    expect(violations(path.join(CORE, 'use-cases/example.ts'), line)).toHaveLength(1);
  });

  it("allows pure libraries and the core's own modules", () => {
    expect(
      violations(
        path.join(CORE, 'use-cases/example.ts'),
        "import { DateTime } from 'luxon';\nimport { checkKudos } from '../domain/kudos';",
      ),
    ).toEqual([]);
  });
});
