/**
 * The committed manifest names what differs per installation as `${{NAME}}` (the Agents
 * Toolkit's syntax, so its tools read our file too). Upper-case names come from the
 * environment; `package.version` from package.json, because Teams accepts an updated app only
 * when its version has gone up.
 */

// The schema's own pattern for a GUID: what Teams accepts, not only RFC 4122 UUIDs.
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// A DNS name with at least one dot: validDomains takes no scheme, path or port.
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

const VARIABLES = {
  MICROSOFT_APP_ID: {
    valid: (v: string) => GUID.test(v),
    expected: 'the bot registration’s Microsoft App ID, a GUID',
  },
  RAPPORT_PUBLIC_HOST: {
    valid: (v: string) => HOST.test(v),
    expected:
      'the host name Teams reaches Rapport at, such as rapport.example.com (no https://, path or port)',
  },
} as const;

export type Values = Record<string, string>;

/** The values to fill in, or one line naming the first variable that is missing or malformed. */
export function readValues(
  env: NodeJS.ProcessEnv,
  version: string,
): { ok: true; values: Values } | { ok: false; message: string } {
  const values: Values = { 'package.version': version };
  for (const [name, rule] of Object.entries(VARIABLES)) {
    const value = env[name]?.trim() ?? '';
    if (value === '')
      return { ok: false, message: `${name} is not set: it must be ${rule.expected}.` };
    if (!rule.valid(value)) return { ok: false, message: `${name} must be ${rule.expected}.` };
    values[name] = value;
  }
  return { ok: true, values };
}

/** The manifest's text with every placeholder filled; a name we have no value for is an error. */
export function fill(template: string, values: Values): string {
  return template.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(`teams/manifest.json names \${{${name}}}, which nothing fills`);
    return value;
  });
}
