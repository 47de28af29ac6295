import { parseKudosCommand } from '../../core/domain/mention';
import type { Member } from '../../core/domain/member';
import type { WorkspaceSettings } from '../../core/ports';
import type { GiveKudos } from '../../core/use-cases/give-kudos';
import type { NetworkSummaryUseCase } from '../../core/use-cases/network-summary';
import type { SetDepartment } from '../../core/use-cases/set-department';
import type { SetParticipation } from '../../core/use-cases/set-participation';
import type { RoundMembership } from '../../core/use-cases/round-membership';
import { membershipReply, pauseReply } from '../../core/domain/round-messages';
import { findShellMentions } from './mentions';
import {
  shellFollowup,
  shellRelationshipCommand,
  SHELL_RELATIONSHIP_SUBCOMMANDS,
  type RelationshipDeps,
} from './relationship-commands';
import {
  renderKudosDm,
  renderKudosPost,
  renderMessage,
  renderNetworkSummary,
  SHELL_HELP,
} from './render';

export interface ShellDeps extends RelationshipDeps {
  workspaceId: string;
  giveKudos: GiveKudos;
  networkSummary: NetworkSummaryUseCase;
  setDepartment: SetDepartment;
  setParticipation: SetParticipation;
  rounds: RoundMembership;
  /** Runs the demo's intro round now; returns what the bot sends, place by place. */
  runRoundNow: () => Promise<Array<{ place: string; body: string }>>;
  settings: () => Promise<WorkspaceSettings>;
  /** Everyone in the demo directory, to resolve `/as` and list people. */
  people: () => Promise<Member[]>;
  /** A prefix that makes this session's source keys unique. */
  sessionKey: string;
  /** Reports an unexpected error; the person sees only an apology. */
  onError: (error: unknown, line: string) => void;
}

export interface ShellReply {
  output: string;
  quit?: boolean;
}

const CURRENT_CHANNEL = 'general';

export function findPerson(people: Member[], query: string): Member | undefined {
  const q = query.trim().replace(/^@/, '').toLowerCase();
  const active = people.filter((p) => !p.isBot && !p.isDeactivated);
  return (
    active.find((p) => p.userId === q) ??
    active.find((p) => p.name.toLowerCase() === q) ??
    active.find((p) => p.name.toLowerCase().split(' ')[0] === q)
  );
}

/** A conversation with the bot as one person; `handle` answers one typed line. */
export function createShellSession(deps: ShellDeps, me: Member) {
  let current = me;
  let counter = 0;

  async function kudos(text: string): Promise<string> {
    counter += 1;
    const parsed = parseKudosCommand(text, findShellMentions(text));
    const result = await deps.giveKudos({
      workspaceId: deps.workspaceId,
      giverId: current.userId,
      recipientIds: parsed.recipientIds,
      groupMentions: parsed.groupMentions,
      message: parsed.message,
      channelId: CURRENT_CHANNEL,
      sourceKey: `${deps.sessionKey}:${counter}`,
    });
    if (!result.ok) return renderMessage('only visible to you', result.rejection.message);
    const { kudos: k, giver, recipients, announceChannelId } = result;
    const post = renderMessage(
      `#${announceChannelId ?? CURRENT_CHANNEL}`,
      renderKudosPost(giver, recipients, k.message, k.values),
    );
    const dms = recipients.map((r) =>
      renderMessage(`DM to ${r.name}`, renderKudosDm(giver, k.message, announceChannelId)),
    );
    return [post, ...dms].join('\n');
  }

  /** A person's name from their id, for the demo's messages. */
  async function namer(): Promise<(id: string) => string> {
    const byId = new Map((await deps.people()).map((p) => [p.userId, p.name]));
    return (id) => byId.get(id) ?? id;
  }

  async function rapport(args: string): Promise<string> {
    const [sub = ''] = args.trim().split(/\s+/);
    const rest = args.trim().slice(sub.length);
    if (SHELL_RELATIONSHIP_SUBCOMMANDS.includes(sub.toLowerCase())) {
      counter += 1;
      const text = await shellRelationshipCommand(
        deps,
        current,
        sub.toLowerCase(),
        rest,
        `${deps.sessionKey}:${counter}`,
        await namer(),
      );
      return renderMessage('only visible to you', text);
    }
    switch (sub.toLowerCase()) {
      case 'department': {
        const result = await deps.setDepartment(deps.workspaceId, current.userId, rest);
        if (result.ok) current = { ...current, departmentName: result.department };
        return renderMessage(
          'only visible to you',
          result.ok ? `Got it: you're in ${result.department}.` : result.message,
        );
      }
      case 'me': {
        const result = await deps.networkSummary(deps.workspaceId, current.userId);
        return renderMessage(
          'only visible to you',
          result.ok ? renderNetworkSummary(result.summary) : result.message,
        );
      }
      case 'values': {
        const settings = await deps.settings();
        return renderMessage(
          'only visible to you',
          `Tag kudos with: ${settings.kudosValues.map((v) => `#${v}`).join(' ')}`,
        );
      }
      case 'optout':
      case 'optin': {
        const result = await deps.setParticipation(
          deps.workspaceId,
          current.userId,
          sub.toLowerCase() === 'optout',
        );
        return renderMessage('only visible to you', result.message);
      }
      case 'join':
      case 'leave':
      case 'skip': {
        const what = sub.toLowerCase() as 'join' | 'leave' | 'skip';
        const channel = /#([\w-]+)/.exec(rest)?.[1] ?? null;
        const result = await deps.rounds[what](deps.workspaceId, current.userId, channel);
        return renderMessage(
          'only visible to you',
          membershipReply(what, result, (id) => `#${id}`),
        );
      }
      case 'pause': {
        const result = await deps.rounds.pause(deps.workspaceId, current.userId, rest);
        return renderMessage(
          'only visible to you',
          result.ok ? pauseReply(result.until, result.zone) : result.message,
        );
      }
      case 'resume':
        return renderMessage(
          'only visible to you',
          (await deps.rounds.resume(deps.workspaceId, current.userId)).message,
        );
      case 'help':
      case '':
        return SHELL_HELP;
      default:
        return `I don't know "/rapport ${sub}".\n\n${SHELL_HELP}`;
    }
  }

  async function people(): Promise<string> {
    const byDepartment = new Map<string, Member[]>();
    for (const p of await deps.people()) {
      if (p.isBot || p.isDeactivated) continue;
      const key = p.externalOrg
        ? `Guests (${p.externalOrg})`
        : (p.departmentName ?? 'No department');
      byDepartment.set(key, [...(byDepartment.get(key) ?? []), p]);
    }
    return [...byDepartment.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([dept, members]) => `${dept}: ${members.map((m) => `@${m.userId}`).join(' ')}`)
      .join('\n');
  }

  async function switchTo(query: string): Promise<string> {
    if (query.trim() === '')
      return 'Who do you want to be? For example: /as priya. Type /people to see everyone.';
    const person = findPerson(await deps.people(), query);
    if (!person)
      return `I can't find "${query.trim()}" in the demo company. Type /people to see everyone.`;
    current = person;
    return `You are now ${person.name}${person.departmentName ? `, ${person.title ?? ''} in ${person.departmentName}` : ''}.`;
  }

  async function dispatch(line: string): Promise<ShellReply> {
    const match = /^\s*(\/?[\p{L}]+)\s*([\s\S]*)$/u.exec(line);
    const command = match?.[1]?.toLowerCase() ?? '';
    const rest = match?.[2] ?? '';
    switch (command) {
      case '/kudos':
        return { output: await kudos(rest) };
      case '/rapport':
        return { output: await rapport(rest) };
      case '/followup': {
        counter += 1;
        const text = await shellFollowup(
          deps,
          current,
          rest,
          `${deps.sessionKey}:${counter}`,
          await namer(),
        );
        return { output: renderMessage('only visible to you', text) };
      }
      case '/people':
        return { output: await people() };
      case '/as':
        return { output: await switchTo(rest) };
      case '/round': {
        const sent = await deps.runRoundNow();
        return { output: sent.map((m) => renderMessage(m.place, m.body)).join('\n') };
      }
      case '/quit':
      case '/exit':
      case 'quit':
      case 'exit':
        return { output: 'Bye!', quit: true };
      case 'help':
      case '/help':
        return { output: SHELL_HELP };
      default:
        return { output: `I didn't understand that.\n\n${SHELL_HELP}` };
    }
  }

  return {
    get me(): Member {
      return current;
    },
    async handle(line: string): Promise<ShellReply> {
      if (line.trim() === '') return { output: '' };
      try {
        return await dispatch(line);
      } catch (error) {
        deps.onError(error, line);
        return {
          output:
            'Sorry, something went wrong on my side and nothing was recorded. Please try again.',
        };
      }
    },
  };
}
