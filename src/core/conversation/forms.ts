import { readRoundForm, readSettingsForm } from '../messages/admin-forms';
import { roundListCard, roundSaved, settingsSaved } from '../messages/admin-reports';
import { adminsOnly, FALLBACK_EXAMPLES, note, staleForm } from '../messages/common';
import { kudosPostedElsewhere, kudosRejectionText } from '../messages/kudos';
import { checkRoundChannel } from '../domain/rounds';
import { checkKudosSettings } from '../domain/settings';
import type { FormValues } from './card';
import type { Actor, ConversationPorts, FormOutcome } from './reply';

const strings = (v: FormValues[string]) =>
  Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
const str = (v: FormValues[string]) => (typeof v === 'string' ? v : '');

/**
 * A form's field mistakes, found before anything is acknowledged or read further: the form
 * stays open with each mistake under its field. Null when there are none (or the form has no
 * per-field checks), and for a form this release does not know.
 */
export function checkForm(
  id: string,
  values: FormValues,
  state: Record<string, string> = {},
): Record<string, string> | null {
  if (id === 'settings') {
    const check = checkKudosSettings(readSettingsForm(values, state));
    return check.ok ? null : (check.errors as Record<string, string>);
  }
  if (id === 'round_channel') {
    const check = checkRoundChannel(readRoundForm(values));
    return check.ok ? null : (check.errors as Record<string, string>);
  }
  return null;
}

export const isKnownForm = (id: string) => ['settings', 'round_channel', 'kudos'].includes(id);

/** A submitted form, carried out: settings saved, a round saved, a kudos given. */
export function makeFormHandler(ports: ConversationPorts) {
  const { useCases: uc, directory } = ports;
  return async function submitForm(
    actor: Actor,
    id: string,
    values: FormValues,
    state: Record<string, string>,
  ): Promise<FormOutcome> {
    const { workspaceId: ws, userId: me } = actor;
    if (!isKnownForm(id)) return { notes: [note(staleForm())] };
    const errors = checkForm(id, values, state);
    if (errors) return { errors };
    await directory.ensureKnown(ws, [me, ...strings(values.recipients).slice(0, 10)]);
    if (id === 'settings') {
      const before = await uc.workspaceSettings(ws);
      const r = await uc.updateKudosSettings(ws, me, readSettingsForm(values, state));
      if (!r.ok)
        return 'errors' in r
          ? { errors: r.errors as Record<string, string> }
          : { notes: [note(adminsOnly())] };
      const saved = await uc.workspaceSettings(ws);
      if (before.departmentField !== saved.departmentField) directory.departmentFieldChanged(ws);
      return { notes: [note(settingsSaved(saved))], refreshHome: true };
    }
    if (id === 'round_channel') {
      const r = await uc.roundAdmin.save(ws, me, readRoundForm(values));
      if (!r.ok)
        return 'errors' in r
          ? { errors: r.errors as Record<string, string> }
          : { notes: [note(adminsOnly())] };
      if (!('channel' in r)) return { notes: [] };
      const listed = await uc.roundAdmin.list(ws, me);
      return {
        notes: [
          note(roundSaved(r.channel.channelId)),
          ...(listed.ok ? [roundListCard(listed.channels)] : []),
        ],
      };
    }
    const value = str(values.value);
    const message = str(values.message);
    const r = await uc.giveKudos({
      workspaceId: ws,
      giverId: me,
      recipientIds: strings(values.recipients),
      message: value ? `${message} #${value}` : message,
      channelId: state.channelId ?? null,
      // A form has no public answer of its own: the celebration goes through the queue.
      postHere: false,
      sourceKey: actor.requestId,
    });
    if (!r.ok) return { notes: [note(kudosRejectionText(r.rejection, FALLBACK_EXAMPLES))] };
    return { notes: r.replayed ? [] : [note(kudosPostedElsewhere(r.announceChannelId))] };
  };
}

export type FormHandler = ReturnType<typeof makeFormHandler>;
