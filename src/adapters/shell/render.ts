import { COMMANDS } from '../../core/domain/help';
import type { Member } from '../../core/domain/member';
import { describeKinds, type NetworkSummary } from '../../core/use-cases/network-summary';

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

export function names(people: Member[]): string {
  const list = people.map((p) => p.name);
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

function who(member: Member): string {
  return member.departmentName ? `${member.name} (${member.departmentName})` : member.name;
}

/** What the bot posts in the channel: one block per place a message goes. */
export function renderMessage(place: string, body: string): string {
  return `── ${place} ──\n${indent(body)}`;
}

export function renderKudosPost(
  giver: Member,
  recipients: Member[],
  message: string,
  values: string[],
): string {
  const lines = [`🎉 ${who(giver)} gave kudos to ${names(recipients)}`, `“${message}”`];
  if (values.length > 0) lines.push(`Values: ${values.map((v) => `#${v}`).join(' ')}`);
  return lines.join('\n');
}

export function renderKudosDm(giver: Member, message: string, channel: string | null): string {
  const where = channel ? ` in #${channel}` : '';
  return `${who(giver)} gave you kudos${where}:\n“${message}”\nSay thanks, or pass it on with /kudos.`;
}

export function renderNetworkSummary(s: NetworkSummary): string {
  const reached = s.departmentsReached.length > 0 ? s.departmentsReached.join(', ') : 'none yet';
  const cold = s.goingCold.map((c) => c.name).join(', ');
  return [
    `Your network, ${who(s.member)}`,
    `Meaningful relationships: ${s.meaningful} (a healthy network has ${s.target.min}–${s.target.max})`,
    `People you've connected with: ${s.connections} (${describeKinds(s)})`,
    `Other departments reached (${s.departmentsReached.length}): ${reached}`,
    ...(cold ? [`Going cold: ${cold}`] : []),
    `Kudos: ${s.kudosGiven} given, ${s.kudosReceived} received`,
  ].join('\n');
}

export const SHELL_HELP = [
  'Rapport demo: you are talking to the bot as a member of a demo company.',
  '',
  'Bot commands:',
  ...COMMANDS.filter((c) => !c.platformOnly).flatMap((c) => [
    `  ${c.usage}`,
    `      ${c.does}, e.g. ${c.example}`,
  ]),
  '',
  'Demo commands:',
  '  /people           who is in the demo company, by department',
  '  /as <name>        act as someone else, e.g. /as priya',
  '  /round            run this week’s intro round in #coffee now and show what it sends',
  '  /quit             leave (or press Ctrl-D)',
].join('\n');
