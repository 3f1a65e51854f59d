/**
 * Puts the questions the bot could not answer into groups of similar wording, biggest first.
 *
 * 1. Texts with the same content words (content-words.ts) form one group: 「領収書がほしい」 and
 *    「領収書ほしいです」.
 * 2. Two wordings are as similar as the larger of: the share of content words they have in
 *    common (Jaccard), and the share of sound pairs of their content readings they have in
 *    common (Dice over mora bigrams: りょう|うしゅ|しゅう|うしょ). The second copes with hiragana
 *    that kuromoji cuts badly, and with typos.
 * 3. Groups then merge, most similar pair first, while the average similarity between all their
 *    wordings is at least `threshold` (average linkage): a wording that shares a word with two
 *    different questions does not chain them together, as it would if one close pair were enough.
 *
 * Only groups joined by at least one pair at or above the threshold can ever reach it on
 * average, so step 3 runs within those connected parts, which keeps it fast on a long log.
 */
import type { ContentWords, ContentWordsOf } from './content-words';

export interface WordingGroup {
  /** Questions in the group. */
  readonly count: number;
  /** The group's most frequent wording (the first seen among equals). */
  readonly representative: string;
  /** Up to `maxExamples` other wordings, most frequent first. */
  readonly examples: readonly string[];
  /** How many different wordings the group holds. */
  readonly wordings: number;
  /** Content words found in at least half of the group's questions, most frequent first. */
  readonly words: readonly string[];
}

export interface GroupingOptions {
  readonly threshold: number;
  readonly maxExamples: number;
}

export const DEFAULT_GROUPING_OPTIONS: GroupingOptions = { threshold: 0.5, maxExamples: 3 };

interface Wording {
  readonly text: string;
  readonly firstSeen: number;
  count: number;
  readonly content: ContentWords;
}

interface Unit {
  readonly wordings: Wording[];
  readonly keys: ReadonlySet<string>;
  readonly bigrams: ReadonlySet<string>;
}

const SMALL_KANA = /[ぁぃぅぇぉゃゅょゎ]/u;

/** Sound pairs of a reading: morae (しゅ is one, with its small kana), two by two. */
export function moraBigrams(reading: string): Set<string> {
  const morae: string[] = [];
  for (const ch of reading) {
    if (SMALL_KANA.test(ch) && morae.length) morae[morae.length - 1] += ch;
    else morae.push(ch);
  }
  if (morae.length === 1) return new Set(morae);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < morae.length; i++) pairs.add(`${morae[i]}${morae[i + 1]}`);
  return pairs;
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let count = 0;
  for (const item of a) if (b.has(item)) count++;
  return count;
}

function similarity(a: Unit, b: Unit): number {
  const commonKeys = shared(a.keys, b.keys);
  const jaccard = commonKeys ? commonKeys / (a.keys.size + b.keys.size - commonKeys) : 0;
  const sizes = a.bigrams.size + b.bigrams.size;
  const dice = sizes ? (2 * shared(a.bigrams, b.bigrams)) / sizes : 0;
  return Math.max(jaccard, dice);
}

const byFrequency = (a: Wording, b: Wording) => b.count - a.count || a.firstSeen - b.firstSeen;

function unitsOf(texts: readonly string[], contentWordsOf: ContentWordsOf): Unit[] {
  const wordings = new Map<string, Wording>();
  texts.forEach(function countWording(raw, index) {
    const text = raw.trim();
    if (!text) return;
    const wording = wordings.get(text);
    if (wording) wording.count++;
    else wordings.set(text, { text, firstSeen: index, count: 1, content: contentWordsOf(text) });
  });
  const units = new Map<string, Wording[]>();
  for (const wording of wordings.values()) {
    const keys = wording.content.words.map((word) => word.key).sort();
    const unitKey = keys.length ? `words:${keys.join('\u0000')}` : `text:${wording.text}`;
    const unit = units.get(unitKey);
    if (unit) unit.push(wording);
    else units.set(unitKey, [wording]);
  }
  return [...units.values()].map(function toUnit(members): Unit {
    const sorted = members.sort(byFrequency);
    const head = sorted[0];
    return {
      wordings: sorted,
      keys: new Set(head.content.words.map((word) => word.key)),
      bigrams: moraBigrams(head.content.reading),
    };
  });
}

/** Connected parts of the graph whose edges are pairs at or above the threshold (union-find). */
function connectedParts(units: readonly Unit[], threshold: number): number[][] {
  const parent = units.map((_, i) => i);
  function root(i: number): number {
    let top = i;
    while (parent[top] !== top) top = parent[top];
    for (let next = i; parent[next] !== top;) [parent[next], next] = [top, parent[next]];
    return top;
  }
  const unitsByFeature = new Map<string, number[]>();
  units.forEach(function linkToSimilarUnits(unit, i) {
    const candidates = new Set<number>();
    const features = [
      ...[...unit.keys].map((key) => `w:${key}`),
      ...[...unit.bigrams].map((pair) => `r:${pair}`),
    ];
    for (const feature of features) {
      const holders = unitsByFeature.get(feature);
      if (holders) holders.forEach((j) => candidates.add(j));
      else unitsByFeature.set(feature, []);
      unitsByFeature.get(feature)?.push(i);
    }
    for (const j of candidates) {
      if (similarity(unit, units[j]) >= threshold) parent[root(i)] = root(j);
    }
  });
  const parts = new Map<number, number[]>();
  units.forEach(function addToPart(_, i) {
    const part = parts.get(root(i));
    if (part) part.push(i);
    else parts.set(root(i), [i]);
  });
  return [...parts.values()];
}

/** Average-linkage clustering of one connected part (unit indices): lists of unit indices. */
function averageLinkage(units: readonly Unit[], part: readonly number[], threshold: number): number[][] {
  const clusters = part.map((i) => [i]);
  const alive = part.map(() => true);
  // sums[a][b]: the sum of the similarities between the members of clusters a and b.
  const sums = part.map((i) => part.map((j) => (i === j ? 0 : similarity(units[i], units[j]))));
  for (;;) {
    let best = { average: -1, a: -1, b: -1 };
    for (let a = 0; a < part.length; a++) {
      for (let b = a + 1; b < part.length; b++) {
        if (!alive[a] || !alive[b]) continue;
        const average = sums[a][b] / (clusters[a].length * clusters[b].length);
        if (average > best.average) best = { average, a, b };
      }
    }
    if (best.average < threshold) break;
    const { a, b } = best;
    clusters[a].push(...clusters[b]);
    alive[b] = false;
    for (let k = 0; k < part.length; k++) {
      sums[a][k] += sums[b][k];
      sums[k][a] = sums[a][k];
    }
  }
  return clusters.filter((_, i) => alive[i]);
}

function describeGroup(members: readonly Unit[], maxExamples: number): WordingGroup {
  const wordings = members.flatMap((unit) => unit.wordings).sort(byFrequency);
  const count = wordings.reduce((total, wording) => total + wording.count, 0);
  const words = new Map<string, { form: string; count: number; firstSeen: number }>();
  for (const wording of [...wordings].sort((a, b) => a.firstSeen - b.firstSeen)) {
    for (const { key, form } of wording.content.words) {
      const word = words.get(key) ?? { form, count: 0, firstSeen: wording.firstSeen };
      word.count += wording.count;
      words.set(key, word);
    }
  }
  return {
    count,
    representative: wordings[0].text,
    examples: wordings.slice(1, 1 + maxExamples).map((wording) => wording.text),
    wordings: wordings.length,
    words: [...words.values()]
      .filter((word) => word.count * 2 >= count)
      .sort((a, b) => b.count - a.count || a.firstSeen - b.firstSeen)
      .map((word) => word.form),
  };
}

export function groupSimilarWordings(
  texts: readonly string[],
  contentWordsOf: ContentWordsOf,
  options: GroupingOptions = DEFAULT_GROUPING_OPTIONS,
): WordingGroup[] {
  const units = unitsOf(texts, contentWordsOf);
  const clusters = connectedParts(units, options.threshold).flatMap((part) =>
    averageLinkage(units, part, options.threshold),
  );
  return clusters
    .map((cluster) => ({
      group: describeGroup(
        cluster.map((i) => units[i]),
        options.maxExamples,
      ),
      firstSeen: Math.min(...cluster.flatMap((i) => units[i].wordings.map((wording) => wording.firstSeen))),
    }))
    .sort((a, b) => b.group.count - a.group.count || a.firstSeen - b.firstSeen)
    .map(({ group }) => group);
}
