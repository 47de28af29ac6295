import type { KudosWithDepartments } from '../ports';

export interface KudosDigest {
  /** The week covered: [from, to). */
  from: string;
  to: string;
  kudosCount: number;
  /** How many distinct people gave and received kudos. */
  givers: number;
  /** Everyone celebrated, most kudos first (ties by id, so the digest is stable). */
  celebrated: Array<{ userId: string; count: number }>;
  values: Array<{ value: string; count: number }>;
  /** Thanks that crossed departments: from the giver's department to the recipient's. */
  departmentThanks: Array<{ from: string; to: string; count: number }>;
}

const byCountThenKey =
  <T extends { count: number }>(key: (t: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || key(a).localeCompare(key(b));

/** A week of kudos as the digest shows it. Pure: the caller loads the week. */
export function summariseWeek(kudos: KudosWithDepartments[], from: Date, to: Date): KudosDigest {
  const celebrated = new Map<string, number>();
  const values = new Map<string, number>();
  const flows = new Map<string, { from: string; to: string; count: number }>();
  for (const k of kudos) {
    k.recipientIds.forEach((id, i) => {
      celebrated.set(id, (celebrated.get(id) ?? 0) + 1);
      const toDept = k.recipientDepartments[i];
      if (k.giverDepartment && toDept && toDept !== k.giverDepartment) {
        const key = `${k.giverDepartment}\u0000${toDept}`;
        const flow = flows.get(key) ?? { from: k.giverDepartment, to: toDept, count: 0 };
        flow.count += 1;
        flows.set(key, flow);
      }
    });
    for (const v of k.values) values.set(v, (values.get(v) ?? 0) + 1);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    kudosCount: kudos.length,
    givers: new Set(kudos.map((k) => k.giverId)).size,
    celebrated: [...celebrated]
      .map(([userId, count]) => ({ userId, count }))
      .sort(byCountThenKey((c) => c.userId)),
    values: [...values]
      .map(([value, count]) => ({ value, count }))
      .sort(byCountThenKey((v) => v.value)),
    departmentThanks: [...flows.values()].sort(byCountThenKey((f) => `${f.from}>${f.to}`)),
  };
}
