// Chooses the GetMetricData period for a window: CloudWatch keeps 1-minute data for 15 days, 5-minute data for
// 63 days and 1-hour data for 455 days (older windows at a finer period return nothing), and we keep each series at
// or under 1440 points so a day at 1-minute resolution is one series and long windows stay cheap.

const DAY_S = 86_400;
const NICE_PERIODS_S = [60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, DAY_S];

export const MAX_POINTS_PER_SERIES = 1440;

/** Minimum period (s) CloudWatch can still answer for data starting `ageMs` ago. */
export function minPeriodForAge(ageMs: number): number {
  const days = ageMs / (DAY_S * 1000);
  if (days > 63) return 3600;
  if (days > 15) return 300;
  return 60;
}

export function choosePeriod(startMs: number, endMs: number, nowMs: number, maxPoints = MAX_POINTS_PER_SERIES): number {
  const floor = minPeriodForAge(nowMs - startMs);
  const need = Math.ceil((endMs - startMs) / 1000 / maxPoints);
  const want = Math.max(floor, need);
  const nice = NICE_PERIODS_S.find((p) => p >= want && p % floor === 0);
  return nice ?? Math.ceil(want / DAY_S) * DAY_S;
}

/** Window widened to period boundaries (CloudWatch buckets from the epoch; aligned requests are answered fastest). */
export function alignWindow(startMs: number, endMs: number, periodS: number): { start: number; end: number } {
  const p = periodS * 1000;
  return { start: Math.floor(startMs / p) * p, end: Math.ceil(endMs / p) * p };
}
