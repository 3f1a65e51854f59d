import { chanceLines } from '../../src/cli/eval';
import { binomialAtMost, chanceUnder, pBelow } from '../../src/nlu/chance';

describe('how much of a score is chance', () => {
  it.each([
    // k, n, p, P(X ≤ k) (values from scipy.stats.binom.cdf)
    [0, 10, 0.5, 0.0009765625],
    [66, 70, 0.95, 0.4661254934766539],
    [60, 70, 0.95, 0.0024691398679477505],
    [26, 30, 0.93, 0.15498073180829705],
    [950, 1000, 0.97, 0.0004207665452482011],
  ])('P(X ≤ %i) for Binomial(%i, %f) is %f', (k, n, p, expected) => {
    expect(binomialAtMost(k, n, p)).toBeCloseTo(expected, 10);
  });

  it('is certain at the ends', () => {
    expect(binomialAtMost(70, 70, 0.95)).toBe(1);
    expect(binomialAtMost(-1, 70, 0.95)).toBe(0);
  });

  it('gives the chance that a set misses a target by luck alone, over both of its shares', () => {
    // A method right 97.5% / 97.2% of the time: fewer than 67 of 70 right, or fewer than 28 of 30.
    const chance = chanceUnder([
      { count: 70, rate: 0.975, target: 0.95 },
      { count: 30, rate: 0.972, target: 0.93 },
    ]);
    expect(chance).toBeCloseTo(0.1441527190442521, 10);
    expect(chanceUnder([{ count: 0, rate: 0.975, target: 0.95 }])).toBe(0);
  });

  it('tells a shortfall chance explains from one it does not', () => {
    expect(pBelow(66, 70, 0.95)).toBeGreaterThan(0.05);
    expect(pBelow(60, 70, 0.95)).toBeLessThan(0.05);
  });

  const set = (writer: string, inRight: number, inCount: number, outRight: number, outCount: number) => ({
    writer,
    evaluation: {
      inScopeAccuracy: inRight / inCount,
      inScopeCount: inCount,
      inScopeRight: inRight,
      outOfScopeRejection: outRight / outCount,
      outOfScopeCount: outCount,
      outOfScopeRejected: outRight,
    },
  });
  const pooled = {
    inScopeAccuracy: 0.975,
    inScopeCount: 210,
    inScopeRight: 205,
    outOfScopeRejection: 0.972,
    outOfScopeCount: 90,
    outOfScopeRejected: 87,
  };

  it('reads a set a little under the target as within chance', () => {
    const lines = chanceLines(
      [set('a', 66, 70, 30, 30), set('b', 70, 70, 30, 30), set('c', 69, 70, 29, 30)],
      pooled,
    );
    expect(lines[0]).toMatch(/^sets under a target: 1 of 3; .* would put 0\.4 under$/u);
    expect(lines[1]).toMatch(/: none; the lowest p is 0\.47 \(a, in scope\)$/u);
  });

  it('names a set that is under by more than chance explains', () => {
    const lines = chanceLines([set('a', 66, 70, 30, 30), set('weak', 70, 70, 22, 30)], pooled);
    expect(lines[0]).toMatch(/^sets under a target: 2 of 2;/u);
    expect(lines[1]).toMatch(/: weak \(out of scope, p 0\.00\d\)$/u);
  });
});
