/**
 * Confidence that means something: the temperature that turns fused intent scores into
 * probabilities is the one that fits out-of-fold predictions best (least log loss), and the
 * reliability table shows, per confidence band, how often the answer was right.
 */
import { softmax } from './intent-classifier';

/** The temperature with the least log loss on scored examples (`truth` indexes the scores). */
export function fitTemperature(examples: readonly { scores: Float64Array; truth: number }[]): number {
  const loss = (logTemperature: number) => {
    const temperature = Math.exp(logTemperature);
    let sum = 0;
    for (const { scores, truth } of examples)
      sum -= Math.log(Math.max(1e-12, softmax(scores, temperature)[truth]!));
    return sum;
  };
  // Golden-section search over log T in [1/20, 50]: the log loss has one minimum in T.
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.05);
  let high = Math.log(50);
  for (let step = 0; step < 30; step++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (loss(a) < loss(b)) high = b;
    else low = a;
  }
  return Math.exp((low + high) / 2);
}

export interface ReliabilityBand {
  /** Lower and upper bound of the stated confidence in this band. */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean stated confidence. */
  readonly confidence: number;
  /** Share that was right. */
  readonly accuracy: number;
}

export interface Reliability {
  readonly bands: readonly ReliabilityBand[];
  /** Expected calibration error: the count-weighted mean gap between confidence and accuracy. */
  readonly expectedError: number;
}

const BOUNDS = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001];

export function reliability(predictions: readonly { confidence: number; right: boolean }[]): Reliability {
  const bands = BOUNDS.slice(0, -1).map((from, i) => {
    const to = BOUNDS[i + 1]!;
    const inBand = predictions.filter((p) => p.confidence >= from && p.confidence < to);
    const mean = (values: number[]) =>
      values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
    return {
      from,
      to: Math.min(1, to),
      count: inBand.length,
      confidence: mean(inBand.map((p) => p.confidence)),
      accuracy: mean(inBand.map((p) => (p.right ? 1 : 0))),
    };
  });
  const total = predictions.length || 1;
  const expectedError = bands.reduce(
    (sum, b) => sum + (b.count / total) * Math.abs(b.confidence - b.accuracy),
    0,
  );
  return { bands, expectedError };
}
