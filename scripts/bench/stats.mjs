/** Order statistics of timing samples (ms). */

/**
 * @typedef {{ runs: number, median: number, p90: number, min: number, max: number }} Summary
 */

/**
 * Median, 90th percentile (nearest rank), min and max of `samples`.
 * @param {number[]} samples
 * @returns {Summary}
 */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { runs: 0, median: NaN, p90: NaN, min: NaN, max: NaN };
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p90 = sorted[Math.min(n - 1, Math.ceil(0.9 * n) - 1)];
  return { runs: n, median, p90, min: sorted[0], max: sorted[n - 1] };
}
