import { type LoadedEngine, loadFaqEngine } from '../../src/nlu';

let loading: Promise<LoadedEngine> | undefined;

/** The real engine with the real kuromoji dictionary, loaded once per test file. */
export function realEngine(): Promise<LoadedEngine> {
  loading ??= loadFaqEngine();
  return loading;
}
