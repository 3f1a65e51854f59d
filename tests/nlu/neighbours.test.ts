import { buildNeighbourIndex, createNeighbourFinder } from '../../src/nlu/neighbours';

const EXAMPLES = [
  { intent: 'otp_delivery' as const, features: ['w:SMS', 'w:届く', 'w:来る'] },
  { intent: 'otp_delivery' as const, features: ['w:ワンタイムパスワード', 'w:届く'] },
  { intent: 'convenience_store' as const, features: ['w:コンビニ', 'w:払う'] },
  { intent: 'none' as const, features: ['w:ポイント', 'w:払う', 'w:来る'] },
];

/** Cosine similarity of two feature sets under the finder's IDF weights (no reading n-grams here). */
function cosine(a: readonly string[], b: readonly string[]): number {
  const idf = (feature: string) =>
    Math.log((EXAMPLES.length + 1) / (EXAMPLES.filter((e) => e.features.includes(feature)).length + 1));
  const norm = (features: readonly string[]) => Math.sqrt(features.reduce((sum, f) => sum + idf(f) ** 2, 0));
  const dot = a.filter((feature) => b.includes(feature)).reduce((sum, f) => sum + idf(f) ** 2, 0);
  return dot / (norm(a.filter((f) => EXAMPLES.some((e) => e.features.includes(f)))) * norm(b));
}

describe('the nearest training questions', () => {
  const finder = createNeighbourFinder(buildNeighbourIndex(EXAMPLES));

  it('are the ones sharing the rarest words, most similar first, with their cosine similarity', () => {
    const query = ['w:SMS', 'w:来る', 'w:明日'];
    const nearest = finder.nearest(query, 3);
    expect(nearest.map((n) => n.intent)).toEqual(['otp_delivery', 'none']);
    expect(nearest[0]!.similarity).toBeCloseTo(cosine(query, EXAMPLES[0]!.features), 12);
    expect(nearest[1]!.similarity).toBeCloseTo(cosine(query, EXAMPLES[3]!.features), 12);
  });

  it('keeps only the `count` best', () => {
    expect(finder.nearest(['w:届く', 'w:払う'], 1)).toHaveLength(1);
  });

  it('finds nothing for words no training question has', () => {
    expect(finder.nearest(['w:天気', 'w:明日'], 10)).toEqual([]);
  });

  it('answers the same after the index is saved as JSON and read back', () => {
    const restored = createNeighbourFinder(JSON.parse(JSON.stringify(buildNeighbourIndex(EXAMPLES))));
    for (const query of [['w:SMS'], ['w:払う', 'w:コンビニ'], ['w:来る', 'w:届く']])
      expect(restored.nearest(query, 4)).toEqual(finder.nearest(query, 4));
  });
});
