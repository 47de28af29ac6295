import type { ReplyFile } from '../../src/core/conversation/card';
import { SMALL_DEPARTMENTS, type Insights } from '../../src/core/domain/insights';
import { insightsCsv } from '../../src/core/domain/insights-csv';
import { parseCsv } from '../support/csv';

const DEPARTMENTS = ['Engineering', 'Sales, "EMEA"', '=cmd', SMALL_DEPARTMENTS];
// As a spreadsheet must show it: the apostrophe keeps "=cmd" from running as a formula.
const WRITTEN = ['Engineering', 'Sales, "EMEA"', "'=cmd", SMALL_DEPARTMENTS];

const ALL = [
  [0, 7, 0, 4],
  [7, 0, 3, 2],
  [0, 3, 0, 5],
  [4, 2, 5, 1],
];
const MEANINGFUL = [
  [0, 2, 0, 1],
  [2, 0, 0, 1],
  [0, 0, 0, 3],
  [1, 1, 3, 0],
];

const week = (slot: string, matched: number, told: number, met: number, satOut: number) => ({
  slot: new Date(slot),
  matched,
  told,
  met,
  satOut,
  paused: 1,
});

const INSIGHTS: Insights = {
  weeks: 12,
  from: new Date('2026-09-06T22:00:00Z'),
  to: new Date('2026-11-29T21:30:00Z'),
  minDepartmentSize: 5,
  members: 41,
  withoutDepartment: 3,
  rounds: [
    {
      channelId: 'C1',
      // Monday 10:00 in Auckland is Sunday evening in UTC.
      weeks: [
        week('2026-11-15T21:00:00Z', 10, 10, 6, 1),
        week('2026-11-22T21:00:00Z', 12, 11, 4, 0),
      ],
      totals: { matched: 22, told: 21, met: 10, satOut: 1, paused: 2 },
    },
    {
      channelId: 'C2',
      weeks: [week('2026-11-23T09:00:00Z', 4, 4, 2, 1)],
      totals: { matched: 4, told: 4, met: 2, satOut: 1, paused: 1 },
    },
  ],
  departments: [
    { name: DEPARTMENTS[0]!, members: 14, merged: null },
    { name: DEPARTMENTS[1]!, members: 9, merged: null },
    { name: DEPARTMENTS[2]!, members: 8, merged: null },
    { name: DEPARTMENTS[3]!, members: 7, merged: 3 },
  ],
  matrix: { all: ALL, meaningful: MEANINGFUL },
  unlinked: [[DEPARTMENTS[0]!, DEPARTMENTS[2]!]],
  crossShare: { start: { with: 12, of: 36 }, end: { with: 25, of: 38 } },
  isolated: ['Ana Lima', 'Li Wei'],
  kudos: {
    total: 19,
    byValue: [
      { value: 'teamwork', count: 11 },
      { value: 'above\r\nand "beyond"', count: 5 },
      { value: '@here', count: 3 },
    ],
    byDepartment: [
      { department: DEPARTMENTS[0]!, given: 8, received: 9 },
      { department: DEPARTMENTS[1]!, given: 5, received: 4 },
      { department: DEPARTMENTS[2]!, given: 4, received: 6 },
      { department: DEPARTMENTS[3]!, given: 2, received: 3 },
    ],
    crossing: { with: 15, of: 20 },
  },
};

const NAMES = new Map([['C1', 'coffee, tea & more']]);

function read(files: ReplyFile[], suffix: string): string[][] {
  const file = files.find((f) => f.filename === `rapport-insights-12w-${suffix}.csv`)!;
  expect(typeof file.content).toBe('string');
  return parseCsv(file.content as string);
}

describe('insights as CSV files', () => {
  const files = insightsCsv(INSIGHTS, NAMES, 'Pacific/Auckland');

  it('names each file after the period, as UTF-8 CSV', () => {
    expect(files.map((f) => f.filename).sort()).toEqual([
      'rapport-insights-12w-departments-all.csv',
      'rapport-insights-12w-departments-meaningful.csv',
      'rapport-insights-12w-kudos.csv',
      'rapport-insights-12w-rounds.csv',
      'rapport-insights-12w-summary.csv',
    ]);
    for (const f of files) {
      expect(f.mimeType).toBe('text/csv; charset=utf-8');
      expect(f.content).toMatch(/^\uFEFF[^\r\n]+\r\n/);
    }
  });

  it.each([
    ['departments-all', ALL],
    ['departments-meaningful', MEANINGFUL],
  ])('writes the %s matrix cell for cell', (suffix, matrix) => {
    const [header, ...rows] = read(files, suffix);
    expect(header).toEqual(['department', 'members', ...WRITTEN]);
    expect(rows.map((r) => r[0])).toEqual(WRITTEN);
    expect(rows.map((r) => Number(r[1]))).toEqual(INSIGHTS.departments.map((d) => d.members));
    expect(rows.map((r) => r.slice(2).map(Number))).toEqual(matrix);
  });

  it('quotes a name holding a comma or quotes, and guards one that starts a formula', () => {
    const raw = files.find((f) => f.filename.endsWith('departments-all.csv'))!.content as string;
    expect(raw).toContain('"Sales, ""EMEA"""');
    expect(raw).toContain(",'=cmd,");
    for (const f of files)
      for (const row of parseCsv(f.content as string))
        for (const field of row) expect(field).not.toMatch(/^[=+\-@]/);
  });

  it('writes every round week, by channel name, on its day in the workspace zone', () => {
    expect(read(files, 'rounds')).toEqual([
      ['channel', 'week', 'matched', 'told', 'met', 'sat out', 'paused'],
      ['coffee, tea & more', '2026-11-16', '10', '10', '6', '1', '1'],
      ['coffee, tea & more', '2026-11-23', '12', '11', '4', '0', '1'],
      ['C2', '2026-11-23', '4', '4', '2', '1', '1'],
    ]);
    const utc = insightsCsv(INSIGHTS, NAMES).find((f) => f.filename.endsWith('rounds.csv'))!;
    expect(parseCsv(utc.content as string)[1]![1]).toBe('2026-11-15');
  });

  it('writes kudos by value and by department', () => {
    expect(read(files, 'kudos')).toEqual([
      ['breakdown', 'name', 'count'],
      ['kudos by value', 'teamwork', '11'],
      ['kudos by value', 'above\r\nand "beyond"', '5'],
      ['kudos by value', "'@here", '3'],
      ...INSIGHTS.kudos.byDepartment.map((d, i) => [
        'kudos given by department',
        WRITTEN[i],
        String(d.given),
      ]),
      ...INSIGHTS.kudos.byDepartment.map((d, i) => [
        'thanks received by department',
        WRITTEN[i],
        String(d.received),
      ]),
    ]);
  });

  it('sums up the period with counts, never the names of isolated people', () => {
    const [header, ...rows] = read(files, 'summary');
    expect(header).toEqual(['measure', 'value']);
    expect(Object.fromEntries(rows)).toEqual({
      'period from': '2026-09-07',
      'period to': '2026-11-30',
      weeks: '12',
      members: '41',
      'members without a department': '3',
      'smallest department shown on its own': '5',
      'departments shown': '4',
      'department pairs with no link': '1',
      'members with a cross-department relationship at start': '12',
      'members counted at start': '36',
      'cross-department share at start (%)': '33.3',
      'members with a cross-department relationship at end': '25',
      'members counted at end': '38',
      'cross-department share at end (%)': '65.8',
      'members with no cross-department relationship': '2',
      'kudos given': '19',
      'thanks with both departments known': '20',
      'thanks across departments': '15',
      'thanks across departments (%)': '75',
    });
    for (const f of files)
      for (const name of INSIGHTS.isolated) expect(f.content).not.toContain(name);
  });
});

describe('the test CSV reader', () => {
  it('reads quotes, doubled quotes and line breaks inside a field', () => {
    expect(parseCsv('a,"b,""c""\r\nd",\r\n"",x\r\n')).toEqual([
      ['a', 'b,"c"\r\nd', ''],
      ['', 'x'],
    ]);
  });

  it.each(['a\n', 'a\r\nb', 'a"b\r\n', '"a"b\r\n', '"a\r\n'])('refuses %j', (text) => {
    expect(() => parseCsv(text)).toThrow();
  });
});
