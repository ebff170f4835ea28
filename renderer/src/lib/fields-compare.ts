/** The spec-vs-live field comparison table's grouping and filtering (pure). */
import type { FieldComparison } from '../../../shared/common/api/calls-sandbox';

export type ComparisonStatus = FieldComparison['status'];
export const COMPARISON_STATUSES: readonly ComparisonStatus[] = ['both', 'spec-only', 'live-only', 'type-differs'];

export const COMPARISON_LABELS: Record<ComparisonStatus, string> = {
  both: 'in both',
  'spec-only': 'spec only',
  'live-only': 'live only',
  'type-differs': 'type differs',
};

export function countComparison(rows: readonly FieldComparison[]): Record<ComparisonStatus, number> {
  const counts: Record<ComparisonStatus, number> = { both: 0, 'spec-only': 0, 'live-only': 0, 'type-differs': 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

/** Differences first (type-differs, live-only, spec-only), then matches; by path within a group. */
export function sortComparison(rows: readonly FieldComparison[]): FieldComparison[] {
  const rank: Record<ComparisonStatus, number> = { 'type-differs': 0, 'live-only': 1, 'spec-only': 2, both: 3 };
  return [...rows].sort((a, b) => rank[a.status] - rank[b.status] || a.path.localeCompare(b.path));
}

export function filterComparison(rows: readonly FieldComparison[], statuses: ReadonlySet<ComparisonStatus>, query: string): FieldComparison[] {
  const q = query.trim().toLowerCase();
  return rows.filter((r) => statuses.has(r.status) && (!q || r.path.toLowerCase().includes(q)));
}

/** A new environment name: trimmed, non-empty, not taken, letters/digits/-/_ only. */
export function validateEnvironmentName(name: string, existing: readonly string[]): string | null {
  const n = name.trim();
  if (!n) return 'Enter a name.';
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(n)) return 'Use letters, digits, - and _ (up to 40 characters).';
  if (existing.includes(n)) return `“${n}” already exists.`;
  return null;
}
