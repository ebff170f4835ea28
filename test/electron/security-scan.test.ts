/** scripts/security-scan.mjs: how Electronegativity's report is judged (the scan itself runs in .ci/run). */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { judge, parseCsv, REVIEWED } from '../../scripts/security-scan.mjs';

const REPORT = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","5:0","default-src 'self'; style-src 'self' 'unsafe-inline'","One or more CSP directives detected seems to be vulnerable",https://example.invalid/a
PRELOAD_JS_CHECK,"MEDIUM","FIRM","electron/main/window.ts","29:6","preload: o.preloadPath,","Review the use of preload scripts",https://example.invalid/b
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","electron/main/window.ts","30:6","contextIsolation: false,","Review the use of the contextIsolation option",https://example.invalid/c
PRELOAD_JS_CHECK,"HIGH","FIRM","electron/main/window.ts","29:6","x","made-up high finding on a reviewed check",https://example.invalid/d
`;

describe('security scan judgement', () => {
  it('parses quoted CSV fields with commas and semicolons inside', () => {
    const rows = parseCsv(REPORT) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ issue: 'CSP_GLOBAL_CHECK', severity: 'LOW', filename: 'renderer/index.html', location: '5:0' });
    expect(rows[1]!.sample).toBe('preload: o.preloadPath,');
  });

  it('accepts only reviewed findings, and never a HIGH one', () => {
    const { ok, bad } = judge(parseCsv(REPORT)) as { ok: { issue: string }[]; bad: { issue: string; severity: string }[] };
    expect(ok.map((f) => f.issue)).toEqual(['CSP_GLOBAL_CHECK', 'PRELOAD_JS_CHECK']);
    expect(bad.map((f) => [f.issue, f.severity])).toEqual([
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH'],
      ['PRELOAD_JS_CHECK', 'HIGH'],
    ]);
    for (const r of REVIEWED as { reason: string }[]) expect(r.reason.length).toBeGreaterThan(20);
  });
});
