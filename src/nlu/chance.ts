/**
 * How much of a writer's score is chance. A set of 70 questions answered by a method that is right
 * 97.5% of the time has fewer than 67 right about one time in eleven, so with dozens of writers some
 * sets fall under a target on luck alone. These two figures let the eval tell that apart from a
 * real weakness:
 *
 *   pBelow          the probability that a method exactly at the target would score this low or
 *                   lower on a set of this size (a one-sided exact binomial test): small means the
 *                   set shows a real shortfall, not a bad draw
 *   chanceUnder     the probability that a set of this size misses a target by chance alone, for a
 *                   method with the pooled rate; summed over the sets, how many sets chance alone
 *                   puts under
 */

/** P(X ≤ k) for X ~ Binomial(n, p), summed exactly in log space (no underflow for large n). */
export function binomialAtMost(k: number, n: number, p: number): number {
  if (k >= n || p <= 0) return 1;
  if (k < 0) return 0;
  if (p >= 1) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let logPmf = n * logQ; // P(X = 0)
  let sum = Math.exp(logPmf);
  for (let i = 0; i < k; i++) {
    logPmf += Math.log((n - i) / (i + 1)) + logP - logQ;
    sum += Math.exp(logPmf);
  }
  return Math.min(1, sum);
}

/** The probability that a method right exactly `target` of the time gets `right` or fewer of `count`. */
export function pBelow(right: number, count: number, target: number): number {
  return binomialAtMost(right, count, target);
}

/** The fewest right answers of `count` that still meet `target`. */
export function fewestToMeet(count: number, target: number): number {
  return Math.ceil(count * target - 1e-9);
}

/** A share measured on `count` questions, for a method right `rate` of the time, against `target`. */
export interface Draw {
  readonly count: number;
  readonly rate: number;
  readonly target: number;
}

/** The probability that a set misses at least one of its targets by chance alone. */
export function chanceUnder(draws: readonly Draw[]): number {
  const meetsAll = draws
    .filter((draw) => draw.count > 0)
    .reduce(
      (product, { count, rate, target }) =>
        product * (1 - binomialAtMost(fewestToMeet(count, target) - 1, count, rate)),
      1,
    );
  return 1 - meetsAll;
}
