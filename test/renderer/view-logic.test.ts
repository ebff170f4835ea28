import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../shared/common/spec/model';
import type { FieldComparison } from '../../shared/common/api/calls-sandbox';
import { countBySeverity, filterDiagnostics, mergeDiagnostics, toMarkers } from '../../renderer/src/lib/diagnostics';
import { describeSaveState } from '../../renderer/src/lib/format';
import { countComparison, filterComparison, sortComparison, validateEnvironmentName } from '../../renderer/src/lib/fields-compare';
import { defaultDiffPair, diffCount, showValue } from '../../renderer/src/lib/history-view';

const d = (severity: Diagnostic['severity'], line: number, message: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  source: 'spectral',
  code: 'rule',
  severity,
  message,
  path: [],
  line,
  column: 3,
  ...extra,
});

describe('diagnostics list', () => {
  it('merges load and lint diagnostics without duplicates, errors first, then by position', () => {
    const load = [d('warning', 40, 'unresolved ref', { source: 'connector', code: 'ref' })];
    const lint = [d('warning', 10, 'no tags'), d('error', 90, 'bad type'), d('warning', 40, 'unresolved ref', { source: 'connector', code: 'ref' })];
    expect(mergeDiagnostics(load, lint).map((x) => `${x.severity}@${x.line}`)).toEqual(['error@90', 'warning@10', 'warning@40']);
  });

  it('counts and filters by severity and text', () => {
    const list = [d('error', 1, 'Schema is invalid'), d('warning', 2, 'Operation must have tags', { code: 'operation-tags' }), d('info', 3, 'hello')];
    expect(countBySeverity(list)).toEqual({ error: 1, warning: 1, info: 1, hint: 0 });
    expect(filterDiagnostics(list, new Set(['error', 'warning']), '')).toHaveLength(2);
    expect(filterDiagnostics(list, new Set(['error', 'warning', 'info']), 'TAGS')).toHaveLength(1);
  });

  it('becomes editor markers for the root file only, with Monaco severities', () => {
    const markers = toMarkers([d('error', 7, 'x'), d('hint', 0, 'y'), d('warning', 2, 'z', { file: 'other.yaml' })], () => 20);
    expect(markers).toEqual([
      { severity: 8, message: 'x', source: 'spectral', code: 'rule', startLineNumber: 7, startColumn: 3, endLineNumber: 7, endColumn: 21 },
      { severity: 1, message: 'y', source: 'spectral', code: 'rule', startLineNumber: 1, startColumn: 3, endLineNumber: 1, endColumn: 21 },
    ]);
  });
});

describe('save state line', () => {
  const base = { hasDoc: true, dirty: false, saveStatus: 'idle', saveAt: null, autosaveStatus: 'idle', autosaveAt: null, autosaveError: null } as const;
  it.each([
    { case: 'no project', input: { ...base, hasDoc: false }, text: 'No project open', tone: 'muted' },
    { case: 'clean', input: base, text: 'All changes saved', tone: 'muted' },
    { case: 'saving', input: { ...base, saveStatus: 'saving' }, text: 'Saving…', tone: 'muted' },
    { case: 'save failed', input: { ...base, dirty: true, saveStatus: 'error' }, text: 'Save failed', tone: 'err' },
    { case: 'dirty, autosave pending', input: { ...base, dirty: true, autosaveStatus: 'pending' }, text: 'Unsaved · autosaving…', tone: 'warn' },
    { case: 'autosave failed', input: { ...base, dirty: true, autosaveStatus: 'error', autosaveError: 'disk full' }, text: 'Autosave failed: disk full', tone: 'err' },
  ] as const)('$case', ({ input, text, tone }) => {
    expect(describeSaveState(input)).toEqual({ text, tone });
  });

  it('says when the last autosave happened', () => {
    expect(describeSaveState({ ...base, dirty: true, autosaveStatus: 'saved', autosaveAt: '2026-12-03T10:00:00Z' }).text).toMatch(/^Unsaved · autosaved \d/);
  });
});

describe('spec vs live comparison', () => {
  const rows: FieldComparison[] = [
    { path: 'title', status: 'both', specType: 'string', liveType: 'string' },
    { path: 'priority', status: 'type-differs', specType: 'integer', liveType: 'string' },
    { path: 'custom_1', status: 'live-only', specType: null, liveType: 'string' },
    { path: 'legacy', status: 'spec-only', specType: 'string', liveType: null },
    { path: 'a_field', status: 'both', specType: 'string', liveType: 'string' },
  ];
  it('shows differences first', () => {
    expect(sortComparison(rows).map((r) => r.path)).toEqual(['priority', 'custom_1', 'legacy', 'a_field', 'title']);
  });
  it('counts and filters by status and path', () => {
    expect(countComparison(rows)).toEqual({ both: 2, 'spec-only': 1, 'live-only': 1, 'type-differs': 1 });
    expect(filterComparison(rows, new Set(['both']), '').map((r) => r.path)).toEqual(['title', 'a_field']);
    expect(filterComparison(rows, new Set(['both', 'live-only']), 'CUSTOM').map((r) => r.path)).toEqual(['custom_1']);
  });
  it.each([
    { name: 'staging', error: null },
    { name: ' ', error: 'Enter a name.' },
    { name: 'sandbox', error: '“sandbox” already exists.' },
    { name: 'has space', error: 'Use letters, digits, - and _ (up to 40 characters).' },
  ])('environment name "$name"', ({ name, error }) => {
    expect(validateEnvironmentName(name, ['sandbox', 'production'])).toBe(error);
  });
});

describe('history helpers', () => {
  it('compares the previous revision with the newest by default', () => {
    const revs = [1, 3, 2].map((revision) => ({ id: revision, revision, savedAt: '', summary: '' }));
    expect(defaultDiffPair(revs)).toEqual({ from: 2, to: 3 });
    expect(defaultDiffPair(revs.slice(0, 1))).toBeNull();
  });
  it('counts changes and shows values on one line', () => {
    expect(diffCount({ endpoints: [{ role: 'fetch', before: 1, after: 2 }], environments: [], mappings: [], other: [] })).toBe(1);
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
