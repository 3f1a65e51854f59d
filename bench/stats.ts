/** Small helpers the benchmark sections share: medians, percentiles, formats, the machine. */
import os from 'node:os';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export const ms = (value: number) => `${value.toFixed(3)} ms`;
export const us = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} µs`;
export const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const list = (values: readonly number[], digits = 0) =>
  values.map((v) => v.toFixed(digits)).join(', ');

export const log = (message: string) => process.stderr.write(`${message}\n`);

/** When and where a section was measured. */
export function measuredOn(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, Node ${process.version}, ${os.platform()}.`;
}
