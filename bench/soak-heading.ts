/** The BENCHMARKS.md section `npm run soak` writes; `npm run bench` keeps it as it is. */
export const SOAK_HEADING = '## Load, soak and faults';
