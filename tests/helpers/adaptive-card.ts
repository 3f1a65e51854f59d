/**
 * Checks an Adaptive Card offline with Microsoft's own object model (the `adaptivecards`
 * package, whose latest released schema version is 1.5, the one Teams supports for bots):
 * parse events (unknown element or action types, values outside the schema, properties newer
 * than the target version), the card's own validation (card version, required properties,
 * duplicate ids, too many actions for the Teams host), and properties the object model does
 * not know (found by serializing the parsed card back and comparing).
 */
// The object model's own modules: the package's index also loads the carousel, whose `swiper`
// dependency is an ES module that Jest cannot require (no card here uses a carousel).
import { AdaptiveCard, SerializationContext } from 'adaptivecards/lib/card-elements';
import { HostConfig } from 'adaptivecards/lib/host-config';
import { Versions } from 'adaptivecards/lib/serialization';

/** Teams' host config allows 6 actions per action set (adaptivecards-designer 2.4.4, hostConfigs/microsoft-teams-light.json). */
const TEAMS_MAX_ACTIONS = 6;
/** The Teams extension on the card root (`msteams.width`) is Teams' own, outside the schema. */
const TEAMS_EXTENSIONS = new Set(['msteams']);

function missingKeys(original: unknown, serialized: unknown, path: string): string[] {
  if (Array.isArray(original)) {
    const list = Array.isArray(serialized) ? serialized : [];
    return original.flatMap((item, i) => missingKeys(item, list[i], `${path}[${i}]`));
  }
  if (typeof original !== 'object' || original === null) return [];
  const target = (typeof serialized === 'object' && serialized !== null ? serialized : {}) as Record<
    string,
    unknown
  >;
  return Object.entries(original).flatMap(([key, value]) => {
    if (path === '' && TEAMS_EXTENSIONS.has(key)) return [];
    // Action.Submit's data is free-form and passed back to the bot as is.
    if (key === 'data') return [];
    if (!(key in target)) return [`${path}.${key} is not a property the 1.5 object model knows`];
    return missingKeys(value, target[key], `${path}.${key}`);
  });
}

/** Everything wrong with the card for Teams; an empty list when it is valid. */
export function adaptiveCardProblems(json: unknown): string[] {
  const card = new AdaptiveCard();
  card.hostConfig = new HostConfig({ actions: { maxActions: TEAMS_MAX_ACTIONS } });
  const context = new SerializationContext(Versions.v1_5);
  card.parse(json, context);

  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const serialized = card.toJSON(new SerializationContext(Versions.v1_5));
  problems.push(...missingKeys(json, serialized, ''));
  return problems;
}
