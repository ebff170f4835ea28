/** range_map editor logic: the table kept sorted, and which bucket a sample value falls in. */
import { rangeLookup, toNumeric } from '../../../../../shared/common/mapping/engine';

export interface RangeRow {
  compare: number;
  value: unknown;
}

/** Ascending by threshold (stable for equal thresholds): how the broker's docs always list them. */
export function sortRanges(rows: readonly RangeRow[]): RangeRow[] {
  return rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.compare - b.r.compare || a.i - b.i).map((x) => x.r);
}

export interface Bucket {
  /** Index in the (sorted) rows, or null when the default applies. */
  row: number | null;
  /** Human-readable interval of each row: `≤ 0.5`, `0.5 < x ≤ 1`, … */
  label: string;
  reason: string;
}

/** The interval text of row i of sorted rows. */
export function intervalLabel(sorted: readonly RangeRow[], i: number): string {
  const hi = sorted[i]?.compare;
  const lo = i > 0 ? sorted[i - 1]?.compare : undefined;
  if (hi === undefined) return '';
  return lo === undefined || lo === hi ? `x ≤ ${hi}` : `${lo} < x ≤ ${hi}`;
}

/** Where `sample` lands (the engine's own lookup), on sorted rows. */
export function bucketFor(sorted: readonly RangeRow[], sample: unknown): Bucket {
  const n = toNumeric(sample);
  if (n === null) return { row: null, label: 'default', reason: sample === undefined ? 'no sample value' : `${JSON.stringify(sample)} is not numeric → default` };
  const hit = rangeLookup(sorted, n);
  if (!hit.hit) {
    const max = sorted.length > 0 ? Math.max(...sorted.map((r) => r.compare)) : null;
    return { row: null, label: 'default', reason: max === null ? 'no ranges → default' : `${n} > ${max} → default` };
  }
  const row = sorted.findIndex((r) => r.compare >= n && r.value === hit.value && !sorted.some((o) => o.compare >= n && o.compare < r.compare));
  return { row: row < 0 ? null : row, label: row < 0 ? '' : intervalLabel(sorted, row), reason: `${n} ${row < 0 ? '' : `is in ${intervalLabel(sorted, row)}`}` };
}

export type RangeFlag = 'duplicate-threshold';

export function analyseRanges(sorted: readonly RangeRow[]): RangeFlag[][] {
  return sorted.map((r, i) => (sorted.slice(0, i).some((o) => o.compare === r.compare) ? ['duplicate-threshold'] : []));
}

/** Next threshold for a new row: one step above the largest (1 when empty). */
export function nextThreshold(sorted: readonly RangeRow[]): number {
  if (sorted.length === 0) return 1;
  const last = sorted[sorted.length - 1]?.compare ?? 0;
  const prev = sorted.length > 1 ? (sorted[sorted.length - 2]?.compare ?? 0) : 0;
  const step = last - prev > 0 ? last - prev : 1;
  return last + step;
}
