// natural's package root loads every module it has (and its database clients), ~0.6 s at start;
// the Bayes classifier alone loads in a few milliseconds. Types mirror natural's own declarations.
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  interface Classification {
    label: string;
    value: number;
  }
  /** Sparse observation: its values are feature keys. */
  type SparseObservation = Record<string, string>;
  class ApparatusBayesClassifier {
    classFeatures: Record<string, Record<string, number>>;
    classTotals: Record<string, number>;
    totalExamples: number;
    addExample(observation: SparseObservation, label: string): void;
    train(): void;
    getClassifications(observation: SparseObservation): Classification[];
    probabilityOfClass(observation: SparseObservation, label: string): number;
  }
  class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    classifier: ApparatusBayesClassifier;
  }
  export = BayesClassifier;
}

declare module 'natural/lib/natural/util/stopwords' {
  /** natural's English stopwords (about, is, what, the…). */
  export const words: readonly string[];
}
