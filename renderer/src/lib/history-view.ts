/** Helpers for the History view (pure). */
import type { ProjectDiff, RevisionSummary } from '../../../shared/common/api/calls-project';

export function diffCount(diff: ProjectDiff): number {
  return diff.endpoints.length + diff.environments.length + diff.mappings.length + diff.other.length;
}

/** By default compare the previous revision with the newest one. */
export function defaultDiffPair(revisions: readonly RevisionSummary[]): { from: number; to: number } | null {
  if (revisions.length < 2) return null;
  const sorted = [...revisions].sort((a, b) => b.revision - a.revision);
  return { from: sorted[1]!.revision, to: sorted[0]!.revision };
}

/** A one-line rendering of a changed value (objects as compact JSON, long values cut). */
export function showValue(value: unknown, max = 240): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
