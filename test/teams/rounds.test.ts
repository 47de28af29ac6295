import { tick } from '../../src/scheduler/coordinator';
import { meetRoundJob } from '../../src/scheduler/jobs/rounds';
import { movingClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { TeamsTestApp } from '../support/teams-app';
import { buttonsOf, cardIn, wordsOf } from '../support/teams-cards';

describe(`an intro round in a Teams channel (${databaseLabel})`, () => {
  // Monday 30 November 2026, 08:00 UTC.
  const clock = movingClock('2026-11-30T08:00:00Z');
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start({ clock });
    await app.post(app.activities.botAddedToTeam(app.fx.people.ana));
    await app.teams.idle();
    // Everyone reachable at any hour, so the test need not wait for working days.
    await app.db
      .updateTable('members')
      .set({ work_start_minute: 0, work_end_minute: 1440, work_days: [1, 2, 3, 4, 5, 6, 7] })
      .execute();
  });
  afterAll(() => app?.close());

  const general = () => app.fx.team.general.id;

  it('lets the admin set the round up with a card form in their chat, and members join in the channel', async () => {
    const { ana, li, sam, priya, kim } = app.fx.people;
    await app.post(app.activities.channelMessage(ana, 'rounds'));
    const list = await app.fake.waitFor(() =>
      app.fake.sentTo(ana.aadObjectId).find((a) => a.activity.summary === 'Intro rounds'),
    );
    await app.press(ana, list, 'Add a round');
    const form = await app.fake.waitFor(() =>
      app.fake
        .sentTo(ana.aadObjectId)
        .find((a) => cardIn(a.activity)?.body?.some?.((b: any) => b.type?.startsWith('Input.'))),
    );
    const submit = buttonsOf(form.activity).find((b) => b.verb?.startsWith('form:'))!;
    expect(submit.verb).toBe('form:round_channel');
    const inputs = JSON.stringify(cardIn(form.activity));
    for (const id of ['channelId', 'groupSize', 'participation', 'checkinAfterDays'])
      expect(inputs).toContain(`"id":"${id}"`);

    const values = {
      channelId: general(),
      enabled: 'true',
      everyWeeks: '1',
      weekday: '1',
      hour: '10',
      timezone: 'UTC',
      groupSize: '2',
      repeatWindowDays: '180',
      participation: 'opt_in',
      leftover: 'join',
      checkinAfterDays: '3',
    };
    // A group of 12 is refused beside the card, which stays as it was; nothing is saved.
    const tooBig = await app.press(ana, form, submit.title, { ...values, groupSize: '12' });
    expect(tooBig.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(await app.db.selectFrom('round_channels').selectAll().execute()).toEqual([]);

    const saved = await app.press(ana, form, submit.title, values);
    expect(saved.status).toBe(200);
    expect(saved.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const rows = await app.db
      .selectFrom('round_channels')
      .select(['channel_id', 'group_size'])
      .execute();
    expect(rows).toEqual([{ channel_id: general(), group_size: 2 }]);
    // The form became what it led to, for everyone: it cannot be sent twice.
    expect(app.fake.callsTo('updateActivity').some((c) => c.activityId === form.id)).toBe(true);

    for (const person of [ana, li, sam, priya])
      await app.post(app.activities.channelMessage(person, 'join'));
    await app.post(app.activities.channelMessage(kim, 'join'));
    await app.teams.idle();
    const joined = await app.db.selectFrom('round_participants').select('user_id').execute();
    expect(joined.map((j) => j.user_id).sort()).toEqual(
      [ana, li, sam, priya].map((p) => p.aadObjectId).sort(),
    );
    expect(wordsOf(app.fake.sentTo(kim.aadObjectId).at(-1)!.activity)).toContain(
      'for people in this organisation',
    );
  });

  it('posts the summary in the channel, gives each member their intro with a group-chat link, and checks in', async () => {
    const { ana, li, sam, priya } = app.fx.people;
    const everyone = [ana, li, sam, priya];
    app.fake.reset();
    clock.set('2026-11-30T10:00:30Z');
    const ran = await tick(app.jobContext(), [meetRoundJob], 'replica');
    expect(ran.map((r) => r.outcome?.note)[0]).toMatch(/^2 groups/);
    await app.settled();

    const summary = app.fake.activitiesIn(general());
    expect(summary.map((a) => a.activity.summary)).toEqual(['This round’s intros are out']);
    expect(wordsOf(summary[0]!.activity)).toContain('4 people in 2 groups');

    const groups = await app.db
      .selectFrom('round_group_members')
      .select(['group_id', 'user_id'])
      .execute();
    const upnOf = (id: string) => everyone.find((p) => p.aadObjectId === id)!.userPrincipalName;
    for (const person of everyone) {
      const intros = app.fake.sentTo(person.aadObjectId);
      expect(intros).toHaveLength(1);
      const intro = intros[0]!.activity;
      const mine = groups.find((g) => g.user_id === person.aadObjectId)!.group_id;
      const others = groups.filter((g) => g.group_id === mine && g.user_id !== person.aadObjectId);
      for (const o of others)
        expect(wordsOf(intro)).toContain(everyone.find((p) => p.aadObjectId === o.user_id)!.name);
      const link = buttonsOf(intro).find((b) => b.type === 'Action.OpenUrl')!;
      expect(link.title).toBe('Start a group chat');
      const url = new URL(link.url!);
      expect(`${url.origin}${url.pathname}`).toBe('https://teams.microsoft.com/l/chat/0/0');
      const users = url.searchParams.get('users')!.split(',').sort();
      expect(users).toEqual(
        groups
          .filter((g) => g.group_id === mine)
          .map((g) => upnOf(g.user_id))
          .sort(),
      );
      expect(url.searchParams.get('topicName')).toMatch(/^Intro round: /);
      expect(url.searchParams.get('message')).toMatch(/Rapport's intro round put us together/);
    }

    // Three days later, each member is asked whether their group met.
    clock.set('2026-12-03T10:00:30Z');
    await app.settled();
    for (const person of everyone) {
      const sent = app.fake.sentTo(person.aadObjectId);
      expect(sent.map((a) => a.activity.summary)).toContain('Did you get a chance to meet?');
    }
    const li_ = app.fake
      .sentTo(li.aadObjectId)
      .find((a) => a.activity.summary === 'Did you get a chance to meet?')!;
    expect(buttonsOf(li_.activity).map((b) => b.title)).toEqual([
      'We met',
      'Not yet',
      'Skip this one',
    ]);

    const met = await app.press(li, li_, 'We met');
    expect(met.status).toBe(200);
    expect(met.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(wordsOf(met.body.value)).toContain('says you met');
    expect(buttonsOf(met.body.value)).toHaveLength(0);
    const updated = app.fake.activities.find((a) => a.id === li_.id)!;
    expect(updated.versions).toHaveLength(2);
    // The card changed in place: no second message says the same.
    expect(
      app.fake
        .sentTo(li.aadObjectId)
        .filter((a) => a.id !== li_.id)
        .map((a) => wordsOf(a.activity))
        .join(),
    ).not.toContain('says you met');

    const liGroup = groups.find((g) => g.user_id === li.aadObjectId)!.group_id;
    // The rest of Li's group see it too, in their own copies of the check-in: no button left.
    const partners = groups
      .filter((g) => g.group_id === liGroup && g.user_id !== li.aadObjectId)
      .map((g) => everyone.find((p) => p.aadObjectId === g.user_id)!);
    const others = groups
      .filter((g) => g.group_id !== liGroup)
      .map((g) => everyone.find((p) => p.aadObjectId === g.user_id)!);
    const checkinOf = (p: (typeof everyone)[number]) =>
      app.fake
        .sentTo(p.aadObjectId)
        .find((a) => a.versions[0].summary === 'Did you get a chance to meet?')!;
    for (const p of partners) {
      expect(checkinOf(p).versions).toHaveLength(2);
      expect(wordsOf(checkinOf(p).activity)).toContain('says you met');
      expect(buttonsOf(checkinOf(p).activity)).toEqual([]);
    }
    for (const p of others) expect(checkinOf(p).versions).toHaveLength(1);
    const interactions = await app.db
      .selectFrom('interactions')
      .select(['member_id', 'other_member_id', 'source_ref'])
      .where('source', '=', 'round')
      .execute();
    expect(interactions.length).toBeGreaterThan(0);
    expect(interactions.every((i) => i.source_ref === liGroup)).toBe(true);
    // One row per pair, whichever way round it is stored.
    expect(interactions.flatMap((i) => [i.member_id, i.other_member_id])).toContain(li.aadObjectId);
  });
});
