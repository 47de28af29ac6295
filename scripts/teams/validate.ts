/**
 * Checks a filled Teams manifest offline: against Microsoft's JSON schema, as the copy bundled
 * in `@microsoft/app-manifest` (the Agents Toolkit's own package), and against the limits
 * Teams enforces on upload that the schema does not state.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SCHEMA_HOST = 'https://developer.microsoft.com/';

/**
 * We read the bundled schema ourselves rather than call the package's validateAgainstSchema:
 * its index requires fs-extra, which it does not declare, and strip-bom 5, an ES module that
 * jest's require cannot load. The ajv set-up below is the one that function uses.
 */
function schemaFor(url: unknown): object {
  const at = typeof url === 'string' ? url.indexOf('/json-schemas/teams/') : -1;
  if (typeof url !== 'string' || !url.startsWith(SCHEMA_HOST) || at < 0)
    throw new Error(`$schema must be a ${SCHEMA_HOST}json-schemas/teams/… URL, not ${String(url)}`);
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(root, 'build', url.slice(at + 1));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `@microsoft/app-manifest has no copy of ${url}: update it, or the manifest's $schema`,
    );
  }
  // Some published schemas write \a and \v in patterns, which JSON and ajv reject.
  return JSON.parse(text.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

// Teams' published limits for bot commands: the schema allows more since v1.24 (12 commands,
// titles of 128 characters) for Copilot agents, but Teams' own menu shows these.
const MAX_COMMANDS = 10;
const MAX_TITLE = 32;
const MAX_DESCRIPTION = 128;

interface Command {
  title?: unknown;
  description?: unknown;
}

function commandLimits(manifest: { bots?: Array<{ commandLists?: unknown }> }): string[] {
  const problems: string[] = [];
  for (const [b, bot] of (manifest.bots ?? []).entries()) {
    const lists = Array.isArray(bot.commandLists) ? bot.commandLists : [];
    for (const [l, list] of lists.entries()) {
      const where = `/bots/${b}/commandLists/${l}`;
      const commands: Command[] = Array.isArray(list?.commands) ? list.commands : [];
      if (commands.length > MAX_COMMANDS)
        problems.push(
          `${where} has ${commands.length} commands; Teams shows at most ${MAX_COMMANDS}`,
        );
      for (const [c, command] of commands.entries()) {
        if (typeof command.title === 'string' && command.title.length > MAX_TITLE)
          problems.push(`${where}/commands/${c}/title is longer than ${MAX_TITLE} characters`);
        if (typeof command.description === 'string' && command.description.length > MAX_DESCRIPTION)
          problems.push(
            `${where}/commands/${c}/description is longer than ${MAX_DESCRIPTION} characters`,
          );
      }
    }
  }
  return problems;
}

/** Every problem with the manifest, one line each; empty when Teams would accept it. */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schemaFor(manifest.$schema));
  const schemaProblems = validate(manifest)
    ? []
    : (validate.errors ?? []).map(
        (e) =>
          `${e.instancePath || '/'} ${e.message ?? 'is not valid'} ${JSON.stringify(e.params)}`,
      );
  return [...schemaProblems, ...commandLimits(manifest)];
}
