/** What /readyz says of a component that is ready. */
export const READY = 'ok';

/** One component's part of /readyz: the database, and each platform adapter's own. */
export interface ReadinessCheck {
  /** Its key in /readyz's answer: "database", "slack". */
  name: string;
  /** READY, or what is not ready yet, in a few words; never throws. */
  check(): Promise<string>;
}
