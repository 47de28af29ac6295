/**
 * Teams' link that opens a new chat (a draft until someone writes in it) with the people named,
 * the person who follows it always among them. It names people by user principal name only.
 */
const CHAT = 'https://teams.microsoft.com/l/chat/0/0';

const param = (value: string) => encodeURIComponent(value);
// Teams' own examples keep the "@" of each address as it is, and commas between people.
const person = (upn: string) => param(upn).replace(/%40/g, '@');

/** The link to start a chat, or null when nobody can be named in it. */
export function chatLink(
  chat: { userIds: string[]; topic: string; message: string },
  upnOf: (userId: string) => string | null,
): string | null {
  const upns = [
    ...new Set(chat.userIds.map((id) => upnOf(id)?.trim()).filter((u): u is string => !!u)),
  ];
  if (upns.length === 0) return null;
  const query = [`users=${upns.map(person).join(',')}`];
  if (chat.topic.trim()) query.push(`topicName=${param(chat.topic.trim())}`);
  if (chat.message.trim()) query.push(`message=${param(chat.message.trim())}`);
  return `${CHAT}?${query.join('&')}`;
}
