import { card, context, section, type Card } from '../conversation/card';
import { listOf, mention, text, type Text } from '../conversation/text';
import type { AdminChange, AdminsResult } from '../use-cases/admins';

const said: Record<AdminChange, string> = {
  added: 'is now an admin',
  removed: 'is no longer an admin',
  unchanged: 'was already that way: nothing changed',
  platform: 'is an admin of the workspace itself, which only the platform can change',
  last_admin: 'is the last admin, and someone has to run Rapport: add another admin first',
  not_eligible: 'cannot be an admin (a bot, a guest, or someone no longer here)',
};

/** The answer to `/rapport admin add` or `remove`: what changed for each, and who runs Rapport now. */
export function adminsReply(r: Extract<AdminsResult, { ok: true }>): Card {
  const lines = r.changes.map((c): Text => text(mention(c), ` ${said[c.change]}.`));
  const admins = listOf(r.admins.map((a) => text(mention(a))));
  return card(
    r.changes.map((c) => `${c.name} ${said[c.change]}`).join('; '),
    ...lines.map((l) => section(l)),
    context(
      text('Admins now: ', ...admins, '. They can change every setting and see the records.'),
    ),
  );
}
