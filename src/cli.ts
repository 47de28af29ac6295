/**
 * Runs a command-line entry point: exits with the code it returns, and turns an unexpected
 * error into one line on stderr (never a stack trace) under the given heading.
 */
export function runCli(main: () => Promise<number>, heading: string): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `${heading}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
