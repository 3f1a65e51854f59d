/**
 * A small logistic regression over a handful of named evidence values (the scope decision's
 * signals): P(yes) = 1 / (1 + e^-(b + Σ wᵢ·(xᵢ - meanᵢ)/sdᵢ)). Fitted by gradient descent on the
 * log loss with a little L2 penalty. Every example counts the same, so the probability keeps the
 * training data's base rate (the decision threshold is chosen apart). Standardizing first keeps
 * the weights comparable, which makes them readable.
 */

export interface LogisticModel {
  readonly names: readonly string[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

export interface FitOptions {
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
}

const DEFAULT_FIT: FitOptions = { l2: 0.01, iterations: 600, learningRate: 1 };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitLogistic(
  names: readonly string[],
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  options: FitOptions = DEFAULT_FIT,
): LogisticModel {
  const dimensions = names.length;
  const mean = names.map((_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length);
  const scale = names.map((_, j) =>
    Math.max(1e-9, Math.sqrt(rows.reduce((sum, row) => sum + (row[j]! - mean[j]!) ** 2, 0) / rows.length)),
  );
  const x = rows.map((row) => row.map((value, j) => (value - mean[j]!) / scale[j]!));
  const sampleWeight = 1 / Math.max(1, labels.length);
  const weights = new Array<number>(dimensions).fill(0);
  let bias = 0;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const gradient = new Array<number>(dimensions).fill(0);
    let biasGradient = 0;
    x.forEach((row, i) => {
      let z = bias;
      for (let j = 0; j < dimensions; j++) z += weights[j]! * row[j]!;
      const error = (sigmoid(z) - (labels[i] ? 1 : 0)) * sampleWeight;
      for (let j = 0; j < dimensions; j++) gradient[j]! += error * row[j]!;
      biasGradient += error;
    });
    for (let j = 0; j < dimensions; j++) {
      weights[j]! -= options.learningRate * (gradient[j]! + options.l2 * weights[j]!);
    }
    bias -= options.learningRate * biasGradient;
  }
  return { names, mean, scale, weights, bias };
}

export function predictLogistic(model: LogisticModel, values: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) {
    z += (model.weights[j]! * (values[j]! - model.mean[j]!)) / model.scale[j]!;
  }
  return sigmoid(z);
}
