/**
 * What an operator reads when Rapport cannot open its database. Each entry point prints one
 * of these after its own heading ("Rapport could not start: …"), so they start in lower case.
 */

/** The URL as it may be shown: without its password. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/^(postgres(?:ql)?:\/\/[^:/@\s]*):[^@\s]*@/, '$1@');
  }
}

/** Why connecting failed, in the driver's words, never with the password in them. */
function causeOf(error: unknown, url: string): string {
  const text =
    error instanceof AggregateError && !error.message
      ? error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ')
      : error instanceof Error
        ? error.message
        : String(error);
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // An unparsable URL has no password we could find; withoutPassword handles the URL itself.
  }
  return password ? text.split(password).join('[redacted]') : text;
}

/**
 * A socket error (refused, unknown host, timed out) carries a syscall: nothing answered. Node
 * trying several addresses of one host gathers their errors in an AggregateError.
 */
function nothingAnswered(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(nothingAnswered);
  return error instanceof Error && 'syscall' in error;
}

/** The first connection failed: nothing answered, or Postgres answered and said no. */
export function databaseConnectFailed(url: string, error: unknown): string {
  const shown = withoutPassword(url);
  const cause = causeOf(error, url);
  return nothingAnswered(error)
    ? `the database at ${shown} cannot be reached (${cause}). Check DATABASE_URL and that Postgres is running.`
    : `the database at ${shown} refused the connection (${cause}). Check the user, password and database name in DATABASE_URL.`;
}

/**
 * The embedded database stopped while opening or migrating: most often its disk is full (a
 * write it needed failed), which `freeMb` shows.
 */
export function embeddedDatabaseFailed(dir: string, error: unknown, freeMb: number | null): string {
  // PGlite's abort adds advice about its own build, which is nothing an operator can act on.
  const cause = (error instanceof Error ? error.message : String(error))
    .replace(/\s*Build with -s\w+ for more info\.?/, '')
    .replace(/\.$/, '');
  const free = freeMb === null ? '' : ` (${freeMb} MB free there now)`;
  return `the embedded database in ${dir} stopped (${cause}). Check that its disk has free space${free} and that Rapport may write there; what was written before is recovered when it opens again.`;
}

/** Another process has the embedded database open; `configured` is RAPPORT_DATA_DIR as given. */
export function dataDirInUse(dir: string, pid: number | null, configured: string): string {
  const holder = pid === null ? '' : ` (pid ${pid})`;
  const another = `${configured.replace(/[/\\]+$/, '')}-2`;
  return `the embedded database in ${dir} is in use by another Rapport process${holder}. Stop that process, or give this one its own directory: RAPPORT_DATA_DIR=${another}`;
}

/** Nothing to connect to: the variables that would, and the demo. */
export const NOT_CONNECTED_MESSAGE =
  'Rapport is not connected to Slack or Teams. Set SLACK_SIGNING_SECRET with SLACK_BOT_TOKEN ' +
  '(one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (many workspaces) ' +
  'for Slack, and MICROSOFT_APP_ID with MICROSOFT_APP_PASSWORD for Teams. To try it without either, ' +
  'run `npm run demo`.';

/** A job that belongs to a platform this deployment is not connected to. */
export const jobNeedsPlatform = (job: string, platform: string) => {
  const name = platform.charAt(0).toUpperCase() + platform.slice(1);
  return `The ${job} job reads ${name}, which is not configured here: set ${name}'s variables (see the README) to run it.`;
};
