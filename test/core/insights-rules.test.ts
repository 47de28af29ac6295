import {
  buildInsights,
  departmentRows,
  insightPeriod,
  linkMatrix,
  unlinkedPairs,
  type InsightFigures,
} from '../../src/core/domain/insights-rules';

const departments = [
  { id: 'd-ops', name: 'Ops', members: 5 },
  { id: 'd-eng', name: 'Engineering', members: 9 },
  { id: 'd-art', name: 'Art', members: 5 },
  { id: 'd-law', name: 'Law', members: 2 },
  { id: 'd-tax', name: 'Tax', members: 4 },
];

describe('insight rows', () => {
  it('puts the largest first, equal sizes by name, and small ones merged last', () => {
    const { rows, rowOf } = departmentRows(departments, 5);
    expect(rows).toEqual([
      { name: 'Engineering', members: 9, merged: null },
      { name: 'Art', members: 5, merged: null },
      { name: 'Ops', members: 5, merged: null },
      { name: 'Small departments', members: 6, merged: 2 },
    ]);
    expect(rowOf.get('d-law')).toBe(3);
    expect(rowOf.get('d-tax')).toBe(3);
  });

  it('has no merged row when no department is small', () => {
    expect(departmentRows(departments, 2).rows.map((r) => r.name)).toEqual([
      'Engineering',
      'Art',
      'Ops',
      'Tax',
      'Law',
    ]);
  });
});

describe('the department matrix', () => {
  const { rows, rowOf } = departmentRows(departments, 5);
  const links = [
    { a: 'd-eng', b: 'd-art', all: 3, meaningful: 1 },
    { a: 'd-tax', b: 'd-eng', all: 2, meaningful: 2 },
    { a: 'd-law', b: 'd-eng', all: 1, meaningful: 0 },
    { a: 'd-law', b: 'd-tax', all: 4, meaningful: 1 },
    { a: 'd-gone', b: 'd-eng', all: 7, meaningful: 7 },
  ];

  it('is symmetric, small departments add up, and links between them stay on the diagonal', () => {
    expect(linkMatrix(links, rowOf, rows.length)).toEqual({
      all: [
        [0, 3, 0, 3], // Engineering–small: Tax 2 + Law 1
        [3, 0, 0, 0],
        [0, 0, 0, 0],
        [3, 0, 0, 4], // Law–Tax, once
      ],
      meaningful: [
        [0, 1, 0, 2],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [2, 0, 0, 1],
      ],
    });
  });

  it('names the pairs of rows with nothing between them', () => {
    const { all } = linkMatrix(links, rowOf, rows.length);
    expect(unlinkedPairs(rows, all)).toEqual([
      ['Engineering', 'Ops'],
      ['Art', 'Ops'],
      ['Art', 'Small departments'],
      ['Ops', 'Small departments'],
    ]);
  });
});

describe('insights put together', () => {
  const figures: InsightFigures = {
    departments: { members: 26, withoutDepartment: 1, departments },
    links: [],
    reach: {
      of: 25,
      start: 3,
      end: 20,
      isolated: [
        { userId: 'U1', name: 'Zoe' },
        { userId: 'U2', name: 'Amir' },
        { userId: 'U3', name: 'Mia' },
      ],
    },
    kudos: {
      total: 4,
      byValue: [
        { value: 'craft', count: 1 },
        { value: 'care', count: 3 },
        { value: 'bold', count: 3 },
      ],
      given: [
        { departmentId: 'd-law', count: 1 },
        { departmentId: 'd-tax', count: 2 },
      ],
      received: [{ departmentId: 'd-eng', count: 4 }],
      crossing: { with: 2, of: 3 },
    },
    rounds: [
      {
        channelId: 'C1',
        weeks: [
          {
            slot: new Date('2026-05-25T09:00:00Z'),
            matched: 4,
            told: 4,
            met: 2,
            satOut: 1,
            paused: 0,
          },
          {
            slot: new Date('2026-05-18T09:00:00Z'),
            matched: 6,
            told: 5,
            met: 4,
            satOut: 0,
            paused: 2,
          },
        ],
      },
      { channelId: 'C2', weeks: [] },
    ],
  };
  const now = new Date('2026-06-01T12:00:00Z');
  const insights = buildInsights({
    weeks: 4,
    ...insightPeriod(now, 4),
    minDepartmentSize: 5,
    figures,
  });

  it('looks back whole weeks from now', () => {
    expect(insights.from).toEqual(new Date('2026-05-04T12:00:00Z'));
    expect(insights.to).toEqual(now);
  });

  it('names isolated people by name order, as user ids', () => {
    expect(insights.isolated).toEqual(['U2', 'U3', 'U1']);
  });

  it('orders values by count, then name, and sums kudos by row', () => {
    expect(insights.kudos.byValue.map((v) => v.value)).toEqual(['bold', 'care', 'craft']);
    expect(insights.kudos.byDepartment).toEqual([
      { department: 'Engineering', given: 0, received: 4 },
      { department: 'Art', given: 0, received: 0 },
      { department: 'Ops', given: 0, received: 0 },
      { department: 'Small departments', given: 3, received: 0 },
    ]);
  });

  it('orders a channel’s weeks, totals them, and leaves out channels without a round', () => {
    expect(insights.rounds).toEqual([
      {
        channelId: 'C1',
        weeks: [figures.rounds[0]!.weeks[1], figures.rounds[0]!.weeks[0]],
        totals: { matched: 10, told: 9, met: 6, satOut: 1, paused: 2 },
      },
    ]);
  });
});
