/**
 * A logistic regression over a message's own features (words, synonym groups, reading n-grams),
 * in scope against out of scope. Where naive Bayes weighs every word on its own, this learns which
 * words tell a near miss from a real question when they come together (ログイン with マイページ is
 * in scope, with メルカリ it is not). Trained by stochastic gradient descent with AdaGrad steps and a
 * small L2 penalty, in a fixed order, so the same data always gives the same weights.
 */

export interface SparseLogisticModel {
  readonly bias: number;
  readonly weights: Readonly<Record<string, number>>;
}

export interface SparseExample {
  readonly features: readonly string[];
  readonly label: boolean;
}

export interface SparseFitOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
}

export const DEFAULT_SPARSE_FIT: SparseFitOptions = { epochs: 12, learningRate: 0.5, l2: 1e-4 };

export function fitSparseLogistic(
  examples: readonly SparseExample[],
  options: SparseFitOptions = DEFAULT_SPARSE_FIT,
): SparseLogisticModel {
  const weights = new Map<string, number>();
  const squaredGradients = new Map<string, number>();
  let bias = 0;
  let biasSquared = 0;
  const order = shuffled(examples.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of order) {
      const { features, label } = examples[i]!;
      let z = bias;
      for (const feature of features) z += weights.get(feature) ?? 0;
      const error = 1 / (1 + Math.exp(-z)) - (label ? 1 : 0);
      for (const feature of features) {
        const weight = weights.get(feature) ?? 0;
        const gradient = error + options.l2 * weight;
        const squared = (squaredGradients.get(feature) ?? 0) + gradient * gradient;
        squaredGradients.set(feature, squared);
        weights.set(feature, weight - (options.learningRate * gradient) / Math.sqrt(squared + 1e-8));
      }
      biasSquared += error * error;
      bias -= (options.learningRate * error) / Math.sqrt(biasSquared + 1e-8);
    }
  }
  // Weights too small to matter are not kept: a smaller saved model, the same scores to 1e-3.
  return { bias, weights: Object.fromEntries([...weights].filter(([, weight]) => Math.abs(weight) >= 1e-3)) };
}

/** 0 … count-1 in an order that looks random but is the same on every run (Fisher–Yates, mulberry32). */
function shuffled(count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The log-odds of the positive class. */
export function createSparseScorer(model: SparseLogisticModel): (features: readonly string[]) => number {
  const weights = new Map(Object.entries(model.weights));
  return (features) => {
    let z = model.bias;
    for (const feature of features) z += weights.get(feature) ?? 0;
    return z;
  };
}
