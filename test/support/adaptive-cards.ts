import * as AC from 'adaptivecards/dist/adaptivecards.js';

/**
 * Checks a card as Microsoft's Adaptive Cards library reads it, offline and without a DOM:
 * parsing reports unknown element and action types, values outside a property's choices and a
 * version it cannot take; validation reports duplicate input ids, missing required properties,
 * inputs that are required without a label or an error message, empty choice lists. Reading the
 * card back as JSON shows every property the library did not recognise (a misspelt or
 * misplaced one is dropped silently, as is one left at its default), except Teams' own:
 * `msteams` on the card and the people picker's `choices.data`.
 */
const TEAMS_EXTENSIONS: Record<string, string[]> = {
  AdaptiveCard: ['msteams'],
  'Input.ChoiceSet': ['choices.data'],
};

type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The library's own description of an element or action type: its properties and defaults. */
function schemaOf(kind: string) {
  const registered =
    AC.GlobalRegistry.elements.findByName(kind) ?? AC.GlobalRegistry.actions.findByName(kind);
  const instance =
    kind === 'AdaptiveCard' ? new AC.AdaptiveCard() : registered && new registered.objectType();
  if (!instance) return [];
  const schema = instance.getSchema();
  return Array.from({ length: schema.getCount() }, (_v, i) => schema.getItemAt(i));
}

/** True when the library knows the property and leaves it out only because it is its default. */
function leftAsDefault(kind: string, key: string, value: Json): boolean {
  // An empty list is no list: the library writes none.
  if (Array.isArray(value) && value.length === 0) return true;
  const property = schemaOf(kind).find((p) => p.name === key);
  if (!property) return false;
  return value === property.defaultValue || value === undefined;
}

/** Where `written` holds a property or value that `read` lost or changed. */
function differences(written: Json, read: Json, at: string, type = ''): string[] {
  if (Array.isArray(written)) {
    if (!Array.isArray(read)) return [`${at}: not read as a list`];
    return written.flatMap((w, i) => differences(w, read[i], `${at}[${i}]`, type));
  }
  if (isRecord(written)) {
    if (!isRecord(read)) return [`${at}: not read as an object`];
    const kind = typeof written.type === 'string' ? written.type : type;
    return Object.entries(written).flatMap(([key, value]) => {
      if (TEAMS_EXTENSIONS[kind]?.includes(key)) return [];
      if (!(key in read))
        return leftAsDefault(kind, key, value)
          ? []
          : [`${at}.${key}: not a property of ${kind || 'this object'}`];
      return differences(value, read[key], `${at}.${key}`, kind);
    });
  }
  const same =
    typeof written === 'string' && typeof read === 'string'
      ? written.toLowerCase() === read.toLowerCase()
      : written === read;
  return same ? [] : [`${at}: ${JSON.stringify(written)} read as ${JSON.stringify(read)}`];
}

/** The ids of Teams people pickers: choice sets that Teams fills from the directory. */
function peoplePickers(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(peoplePickers);
  if (!isRecord(node)) return [];
  const own =
    node.type === 'Input.ChoiceSet' && 'choices.data' in node && typeof node.id === 'string'
      ? [node.id]
      : [];
  return [...own, ...Object.values(node).flatMap(peoplePickers)];
}

/** Every problem the Adaptive Cards library finds in `json`: none for a card Teams can draw. */
export function cardProblems(json: object): string[] {
  const context = new AC.SerializationContext();
  const card = new AC.AdaptiveCard();
  // Teams' host configuration draws 6 actions in a row; the library's default says 5.
  card.hostConfig = new AC.HostConfig({ actions: { maxActions: 6 } });
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  const pickers = new Set(peoplePickers(json));
  for (const event of card.validateProperties().validationEvents) {
    // A people picker has no choices of its own: Teams fills it from the directory.
    if (
      event.event === AC.ValidationEvent.CollectionCantBeEmpty &&
      event.source instanceof AC.ChoiceSetInput &&
      pickers.has(event.source.id ?? '')
    )
      continue;
    problems.push(event.message);
  }
  return [...problems, ...differences(json, card.toJSON(), 'card', 'AdaptiveCard')];
}
