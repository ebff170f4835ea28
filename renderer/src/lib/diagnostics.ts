import type { Diagnostic, Severity } from '../../../shared/common/spec/model';

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Load and lint diagnostics together: duplicates dropped, by severity then position. */
export function mergeDiagnostics(...lists: (readonly Diagnostic[] | null | undefined)[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const list of lists) {
    for (const d of list ?? []) {
      const key = `${d.file ?? ''}|${d.line}|${d.column}|${d.code}|${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
  }
  return out.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.line - b.line ||
      a.column - b.column,
  );
}

export function countBySeverity(list: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}

export function filterDiagnostics(list: readonly Diagnostic[], severities: ReadonlySet<Severity>, query: string): Diagnostic[] {
  const q = query.trim().toLowerCase();
  return list.filter(
    (d) => severities.has(d.severity) && (!q || d.message.toLowerCase().includes(q) || d.code.toLowerCase().includes(q) || d.path.join('.').toLowerCase().includes(q)),
  );
}

/** Monaco marker data (numbers are monaco.MarkerSeverity: Error 8, Warning 4, Info 2, Hint 1). */
export interface MarkerData {
  severity: 8 | 4 | 2 | 1;
  message: string;
  source: string;
  code: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

const MARKER_SEVERITY: Record<Severity, MarkerData['severity']> = { error: 8, warning: 4, info: 2, hint: 1 };

/** Diagnostics of the root document as editor markers (other files' diagnostics are skipped). */
export function toMarkers(list: readonly Diagnostic[], lineLengths?: (line: number) => number): MarkerData[] {
  return list
    .filter((d) => !d.file)
    .map((d) => {
      const line = Math.max(1, d.line);
      const column = Math.max(1, d.column);
      const end = lineLengths ? Math.max(column + 1, lineLengths(line) + 1) : column + 1;
      return {
        severity: MARKER_SEVERITY[d.severity],
        message: d.message,
        source: d.source,
        code: d.code,
        startLineNumber: line,
        startColumn: column,
        endLineNumber: line,
        endColumn: end,
      };
    });
}
