import type { Card, Form, FormValues, ReplyFile } from '../../core/conversation/card';
import type { Actor, Conversation, Reply } from '../../core/conversation';
import type { Member } from '../../core/domain/member';
import { apology } from '../../core/messages/common';
import * as say from '../../core/messages/demo';
import type { LocalMessage } from './local-platform';
import { renderCardText, terminalText, type Choice } from './render-card';
import { renderFormText } from './render-form';
import { inputsOf, initialValues, typedValue } from './fill-form';
import { decodeLine } from './typed-line';
import { readShift } from './demo-clock';

export interface DemoDeps {
  workspaceId: string;
  conversation: Conversation;
  /** Everyone in the demo directory, to resolve `/as`, mentions and names. */
  people(): Promise<Member[]>;
  /** The channel commands are typed in ("general"). */
  channel?: string;
  /** Sends what the queue holds that is due now; returns what arrived. */
  deliver(): Promise<LocalMessage[]>;
  /** Moves the clock on and runs what fell due; returns the new time in words. */
  advance(ms: number): Promise<string>;
  /** Runs this week's round in #coffee now; a note when nothing was formed. */
  runRoundNow(): Promise<string | null>;
  /** When the next queued message is due, in words, if any. */
  nextDue(): Promise<string | null>;
  /** A prefix that makes this session's request ids unique. */
  sessionKey: string;
  /** Keeps a file Rapport handed over (an export, a chart); returns where it is now. */
  saveFile(file: ReplyFile): Promise<string>;
  /** Reports an unexpected error; the person sees only an apology. */
  onError: (error: unknown, line: string) => void;
}

/** Where a neutral card went: what the demo showed, before it was drawn as text. */
export type Shown =
  | { to: 'private' | 'updated'; card: Card }
  | { to: 'public'; channelId: string; card: Card }
  | { to: 'form'; form: Form }
  | { to: 'delivered'; target: LocalMessage['target']; card: Card }
  | { to: 'file'; file: ReplyFile };

export interface ShellReply {
  output: string;
  /** The same answer as the core's neutral cards, for tests that compare platforms. */
  cards: Shown[];
  quit?: boolean;
}

/** Where people type commands in the demo. */
const DEMO_CHANNEL = 'general';

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');

export const renderMessage = (place: string, body: string) => `── ${place} ──\n${indent(body)}`;

/** A button shown in the demo, and whose messages it is in (null: a channel, anyone's). */
type Button = Choice & { owners: string[] | null; channelId: string | null };

export function findPerson(people: Member[], query: string): Member | undefined {
  const q = query.trim().replace(/^@/, '').toLowerCase();
  const active = people.filter((p) => !p.isBot && !p.isDeactivated);
  return (
    active.find((p) => p.userId === q) ??
    active.find((p) => p.name.toLowerCase() === q) ??
    active.find((p) => p.name.toLowerCase().split(' ')[0] === q)
  );
}

/** A conversation with the bot as one person at a time; `handle` answers one typed line. */
export function createShellSession(deps: DemoDeps, me: Member) {
  const here = deps.channel ?? DEMO_CHANNEL;
  let current = me;
  let counter = 0;
  const shown: Button[] = [];
  /** The neutral cards of the line being answered. */
  let cards: Shown[] = [];
  let form: { form: Form; values: FormValues; owner: string; channelId: string | null } | null =
    null;
  /** Messages that reached other people, shown when the demo becomes them (`/as`). */
  const unread = new Map<string, Array<() => string>>();

  const actor = (channelId: string | null = here): Actor => ({
    workspaceId: deps.workspaceId,
    userId: current.userId,
    channelId,
    requestId: `${deps.sessionKey}:${++counter}`,
  });

  async function nameOf(): Promise<(id: string) => string> {
    const byId = new Map((await deps.people()).map((p) => [p.userId, p.name]));
    return (id) => byId.get(id) ?? id;
  }

  /** A card as text with its buttons numbered on from everything shown before. */
  function card(c: Card, owners: string[] | null, channelId: string | null): string {
    const rendered = renderCardText(c, shown);
    for (const choice of rendered.choices.slice(shown.length))
      shown.push({ ...choice, owners, channelId });
    return rendered.text;
  }

  function showForm(errors: Record<string, string> = {}): string {
    if (!form) return '';
    const rendered = renderFormText(form.form, { values: form.values, numbered: shown });
    for (const choice of rendered.choices.slice(shown.length))
      shown.push({ ...choice, owners: [form.owner], channelId: form.channelId });
    const inputs = inputsOf(form.form);
    const problems = inputs.flatMap((input, i) =>
      errors[input.id] ? [`  ${i + 1}. ${input.label}: ${errors[input.id]}`] : [],
    );
    return [
      ...(problems.length > 0 ? [say.demoFormErrors(), ...problems, ''] : []),
      rendered.text,
    ].join('\n');
  }

  function openForm(f: Form, channelId: string | null): string {
    cards.push({ to: 'form', form: f });
    form = { form: f, values: initialValues(f), owner: current.userId, channelId };
    return renderMessage(say.demoPlace.private, showForm());
  }

  /**
   * What the queue sent: channel posts and the current person's messages are shown now;
   * everyone else's wait until the demo becomes them, so a round or a weekly job for the
   * whole company does not flood the screen.
   */
  async function delivered(): Promise<string[]> {
    const arrived = await deps.deliver();
    if (arrived.length === 0) return [];
    const name = await nameOf();
    const shownNow: string[] = [];
    let elsewhere = 0;
    for (const m of arrived) {
      cards.push({ to: 'delivered', target: m.target, card: m.card });
      const t = m.target;
      const place =
        t.type === 'channel'
          ? say.demoPlace.channel(t.channelId)
          : t.type === 'member'
            ? say.demoPlace.dm(name(t.userId))
            : say.demoPlace.group(t.userIds.map(name).join(', '));
      const owners = t.type === 'member' ? [t.userId] : t.type === 'group' ? t.userIds : null;
      const channelId = t.type === 'channel' ? t.channelId : null;
      // Drawn when shown, so that buttons are numbered in the order people see them.
      let drawn: string | null = null;
      const draw = () => (drawn ??= renderMessage(place, card(m.card, owners, channelId)));
      if (!owners || owners.includes(current.userId)) {
        shownNow.push(draw());
        continue;
      }
      elsewhere += 1;
      for (const owner of owners) unread.set(owner, [...(unread.get(owner) ?? []), draw]);
    }
    return elsewhere > 0 ? [...shownNow, say.demoElsewhere(elsewhere)] : shownNow;
  }

  async function answer(reply: Reply): Promise<string[]> {
    const out: string[] = [];
    if (reply.public)
      out.push(renderMessage(say.demoPlace.channel(here), card(reply.public, null, here)));
    if (reply.public) cards.push({ to: 'public', channelId: here, card: reply.public });
    if (reply.private) {
      cards.push({ to: 'private', card: reply.private });
      out.push(renderMessage(say.demoPlace.private, card(reply.private, [current.userId], here)));
    }
    if (reply.form) out.push(openForm(reply.form, here));
    for (const file of reply.files ?? []) {
      cards.push({ to: 'file', file });
      out.push(say.demoFileSaved(file.title, await deps.saveFile(file)));
    }
    return [...out, ...(await delivered())];
  }

  /** The directory's id for a typed @handle, whatever its case. */
  async function personFinder(): Promise<(handle: string) => string | null> {
    const ids = new Map((await deps.people()).map((p) => [p.userId.toLowerCase(), p.userId]));
    return (handle) => ids.get(handle.toLowerCase()) ?? null;
  }

  async function command(line: string): Promise<string> {
    const { input } = decodeLine(line, await personFinder());
    return (await answer(await deps.conversation.command(actor(), input))).join('\n');
  }

  /**
   * The button `/press` names: by its number, or by its label ("Done", "We met"), the latest
   * one shown in the current person's messages or a channel.
   */
  function findButton(typed: string): Button | undefined {
    const t = typed.trim();
    if (/^\d+$/.test(t)) return shown.find((c) => String(c.number) === t);
    return [...shown]
      .reverse()
      .find(
        (c) =>
          c.label.toLowerCase() === t.toLowerCase() &&
          (!c.owners || c.owners.includes(current.userId)),
      );
  }

  async function press(n: string): Promise<string> {
    const choice = findButton(n);
    if (!choice) return say.demoNoButton(n.trim());
    if (choice.owners && !choice.owners.includes(current.userId)) {
      const name = await nameOf();
      const owner = choice.owners[0]!;
      return say.demoButtonElsewhere(name(owner), owner);
    }
    const outcome = await deps.conversation.press(actor(choice.channelId), {
      action: choice.action,
      payload: choice.payload,
    });
    const out: string[] = [];
    const shownCard = outcome.update ?? outcome.note;
    if (shownCard) cards.push({ to: outcome.update ? 'updated' : 'private', card: shownCard });
    if (shownCard)
      out.push(
        renderMessage(
          outcome.update ? say.demoPlace.updated : say.demoPlace.private,
          card(shownCard, choice.owners, choice.channelId),
        ),
      );
    if (outcome.form) out.push(openForm(outcome.form, choice.channelId));
    out.push(...(await delivered()));
    return out.join('\n');
  }

  async function set(args: string): Promise<string> {
    if (!form) return say.demoNoForm();
    const m = /^(\d+)\s*([\s\S]*)$/.exec(args.trim());
    const input = m ? inputsOf(form.form)[Number(m[1]) - 1] : undefined;
    if (!m || !input) return say.demoNoField(args.trim().split(/\s+/)[0] ?? '');
    const personOf = await personFinder();
    const value = typedValue(input, m[2]!, (t) =>
      decodeLine(`x ${t}`, personOf).input.mentions.map((x) => x.userId),
    );
    if (value === null)
      return renderMessage(say.demoPlace.private, showForm({ [input.id]: say.demoBadValue() }));
    form.values[input.id] = value;
    const name = await nameOf();
    // As the form shows it: a choice by its label, people by name, a channel with #.
    const shownValue =
      input.kind === 'select'
        ? (input.options.find((o) => o.value === value)?.label ?? '')
        : input.kind === 'checkbox'
          ? say.ticked(value === true)
          : input.kind === 'channel' && typeof value === 'string'
            ? `#${value}`
            : Array.isArray(value)
              ? value.map(name).join(', ')
              : typeof value === 'string'
                ? value
                : '';
    return renderMessage(
      say.demoPlace.private,
      say.demoFieldSet(Number(m[1]), input.label, shownValue, form.form.submit),
    );
  }

  async function submit(): Promise<string> {
    if (!form) return say.demoNoForm();
    const open = form;
    const outcome = await deps.conversation.submitForm(
      actor(open.channelId),
      open.form.id,
      open.values,
      open.form.state ?? {},
    );
    if (outcome.errors) return renderMessage(say.demoPlace.private, showForm(outcome.errors));
    form = null;
    return [
      ...outcome.notes.map((n) =>
        renderMessage(say.demoPlace.private, card(n, [current.userId], null)),
      ),
      ...(await delivered()),
    ].join('\n');
  }

  async function everyone(): Promise<string> {
    const byDepartment = new Map<string, Member[]>();
    for (const p of await deps.people()) {
      if (p.isBot || p.isDeactivated) continue;
      const key = p.externalOrg ? `Guests (${p.externalOrg})` : (p.departmentName ?? '—');
      byDepartment.set(key, [...(byDepartment.get(key) ?? []), p]);
    }
    return [...byDepartment.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([dept, members]) => `${dept}: ${members.map((m) => `@${m.userId}`).join(' ')}`)
      .join('\n');
  }

  async function switchTo(query: string): Promise<string> {
    if (query.trim() === '') return say.demoWhoToBe();
    const person = findPerson(await deps.people(), query);
    if (!person) return say.demoNotFound(query.trim());
    current = person;
    const waiting = unread.get(person.userId) ?? [];
    unread.delete(person.userId);
    return [
      say.demoNowYou(person.name, person.title, person.departmentName),
      ...waiting.map((draw) => draw()),
    ].join('\n');
  }

  async function clock(typed: string): Promise<string> {
    const ms = readShift(typed);
    if (ms === null) return say.demoClockUsage();
    const now = await deps.advance(ms);
    const arrived = await delivered();
    const next = await deps.nextDue();
    return [
      say.demoClockMoved(now),
      ...(arrived.length > 0 ? arrived : [say.demoNothingDue()]),
      ...(next ? [say.demoPlace.later(next)] : []),
    ].join('\n');
  }

  async function round(): Promise<string> {
    const note = await deps.runRoundNow();
    const arrived = await delivered();
    const next = await deps.nextDue();
    return [
      ...(note ? [renderMessage(say.demoPlace.private, say.demoRoundNone(note))] : []),
      ...arrived,
      ...(next ? [say.demoPlace.later(next)] : []),
    ].join('\n');
  }

  async function help(): Promise<string> {
    const reply = await deps.conversation.command(actor(), {
      name: 'rapport',
      text: 'help',
      mentions: [],
      channels: [],
    });
    const text = reply.private ? card(reply.private, [current.userId], null) : '';
    return [text, '', ...say.demoCommands()].join('\n');
  }

  async function dispatch(line: string): Promise<Omit<ShellReply, 'cards'>> {
    const match = /^\s*(\/?[\p{L}]+)\s*([\s\S]*)$/u.exec(line);
    const word = match?.[1]?.toLowerCase() ?? '';
    const rest = match?.[2] ?? '';
    switch (word) {
      case '/people':
        return { output: await everyone() };
      case '/as':
        return { output: await switchTo(rest) };
      case '/home':
        return {
          output: renderMessage(
            'Home',
            card(await deps.conversation.home(actor()), [current.userId], null),
          ),
        };
      case '/press':
        return { output: await press(rest) };
      case '/set':
        return { output: await set(rest) };
      case '/submit':
        return { output: await submit() };
      case '/cancel':
        form = null;
        return { output: say.demoFormClosed() };
      case '/round':
        return { output: await round() };
      case '/clock':
        return { output: await clock(rest) };
      case '/quit':
      case '/exit':
      case 'quit':
      case 'exit':
        return { output: say.demoQuit(), quit: true };
      case '/help':
      case 'help':
        return { output: await help() };
      case '/kudos':
      case '/followup':
      case '/rapport':
      case 'kudos':
      case 'followup':
      case 'rapport':
        return { output: await command(line) };
      default:
        return { output: say.demoNotUnderstood() };
    }
  }

  return {
    get me(): Member {
      return current;
    },
    async handle(line: string): Promise<ShellReply> {
      cards = [];
      if (line.trim() === '') return { output: '', cards };
      try {
        return { ...(await dispatch(line)), cards };
      } catch (error) {
        deps.onError(error, line);
        return { output: terminalText(apology()), cards };
      }
    },
  };
}
