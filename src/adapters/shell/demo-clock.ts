import type { Clock } from '../../core/ports';

/** The demo's clock: the real time, moved on by `/clock` (for this session only). */
export function demoClock(start: () => Date = () => new Date()) {
  let offsetMs = 0;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(start().getTime() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
    },
  };
  return clock;
}

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** "+3d", "+12h", "+1w" as milliseconds; null when it cannot be read or goes backwards. */
export function readShift(typed: string): number | null {
  const m = /^\+?\s*(\d{1,3})\s*([mhdw])$/i.exec(typed.trim());
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!;
  return ms > 0 ? ms : null;
}
