// How many generated cases the robustness suite runs: 10,000 by default (within the CI budget),
// more with ROBUSTNESS_RUNS=200000 for a long fuzzing session.

/** The total number of generated cases across the suite. */
export const TOTAL_RUNS =
  Number.parseInt(process.env.ROBUSTNESS_RUNS ?? '', 10) > 0 ? Number.parseInt(process.env.ROBUSTNESS_RUNS as string, 10) : 10_000;

/** A property's share of the total, at least one run. */
export function runsFor(share: number): number {
  return Math.max(1, Math.round(TOTAL_RUNS * share));
}

/** A fixed seed unless ROBUSTNESS_SEED is set: CI is reproducible, long sessions explore. */
export const SEED = process.env.ROBUSTNESS_SEED === undefined ? 20261130 : Number.parseInt(process.env.ROBUSTNESS_SEED, 10);
