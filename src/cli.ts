import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';

/**
 * Runs a command-line entry point: checks the configuration first (one line on stderr if it
 * is wrong), exits with the code `main` returns, and turns an unexpected error into one line
 * on stderr (never a stack trace) under the given heading.
 */
export function runCli(main: (config: Config) => Promise<number>, heading: string): void {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    process.exit(1);
  }
  main(loaded.config).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `${heading}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}

/** A command's logs: on stderr, and only warnings unless a level was asked for. */
export function commandLogger(config: Config): Logger {
  return createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr);
}
