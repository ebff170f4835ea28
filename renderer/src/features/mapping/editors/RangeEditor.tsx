import { useState } from 'react';
import type { Mapping } from '../../../../../shared/common/project/model';
import type { FieldNode } from '../../../../../shared/common/mapping/canvas';
import { Button } from '../../../components/Button';
import { analyseRanges, bucketFor, intervalLabel, nextThreshold, sortRanges, type RangeRow } from '../logic/range-map';
import { describeValue, parseTypedValue, valueTypeForField } from '../logic/typed-value';
import { CommitInput, TypedValueInput } from './inputs';

/** range_map: thresholds kept sorted; a sample value shows which bucket it falls in. */
export function RangeEditor({
  mapping,
  target,
  sample,
  onChange,
}: {
  mapping: Mapping;
  target: FieldNode | undefined;
  sample: unknown;
  onChange(label: string, next: Mapping): void;
}) {
  const sorted = sortRanges(mapping.ranges ?? []);
  const [probe, setProbe] = useState('');
  const probeValue = probe.trim() === '' ? sample : probe;
  const bucket = bucketFor(sorted, probeValue);
  const flags = analyseRanges(sorted);
  const set = (label: string, next: RangeRow[]) => onChange(label, { ...mapping, ranges: sortRanges(next) });
  return (
    <div className="editor-block">
      <table className="vmap" aria-label="Ranges">
        <thead>
          <tr>
            <th scope="col">Up to (≤)</th>
            <th scope="col">Interval</th>
            <th scope="col">Write</th>
            <th scope="col" aria-label="Row actions" />
          </tr>
        </thead>
        <tbody>
          {sorted.map((r, i) => (
            <tr key={`${i}-${r.compare}`} className={`${bucket.row === i ? 'is-hit' : ''}${(flags[i] ?? []).length ? ' is-flagged' : ''}`}>
              <td>
                <CommitInput
                  className="mono"
                  style={{ width: 80 }}
                  aria-label={`Threshold ${i + 1}`}
                  value={String(r.compare)}
                  validate={(t) => {
                    const p = parseTypedValue(t, 'number');
                    return p.ok ? null : p.error;
                  }}
                  onCommit={(t) => set('Edit range', sorted.map((x, j) => (j === i ? { ...x, compare: Number(t) } : x)))}
                />
              </td>
              <td className="faint mono">
                {intervalLabel(sorted, i)}
                {(flags[i] ?? []).length ? <div className="flag">⚠ duplicate threshold: never reached</div> : null}
              </td>
              <td>
                <TypedValueInput label={`Range ${i + 1} value`} value={r.value} defaultType={valueTypeForField(target?.type)} onChange={(v) => set('Edit range', sorted.map((x, j) => (j === i ? { ...x, value: v } : x)))} />
              </td>
              <td>
                <Button size="small" variant="ghost" aria-label={`Remove range ${i + 1}`} onClick={() => set('Remove range', sorted.filter((_, j) => j !== i))}>
                  ✕
                </Button>
              </td>
            </tr>
          ))}
          <tr className={bucket.row === null && probeValue !== undefined ? 'is-hit' : ''}>
            <td className="faint">above</td>
            <td className="faint mono">{sorted.length ? `x > ${sorted[sorted.length - 1]?.compare}` : 'any'}</td>
            <td className="faint">the default {mapping.default !== undefined ? describeValue(mapping.default) : '(none: target left out)'}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <div className="row">
        <Button size="small" onClick={() => set('Add range', [...sorted, { compare: nextThreshold(sorted), value: target?.enum?.[0] ?? '' }])}>
          + Range
        </Button>
        <label className="row" style={{ gap: 6 }}>
          <span className="muted">Try a value</span>
          <input className="input mono" style={{ width: 90 }} aria-label="Try a value" placeholder={sample === undefined ? '' : String(sample)} value={probe} onChange={(e) => setProbe(e.target.value)} />
        </label>
      </div>
      <p className="muted" role="status" aria-label="Range preview">
        {bucket.row === null ? bucket.reason : `${bucket.reason} → ${describeValue(sorted[bucket.row]?.value)}`}
      </p>
    </div>
  );
}
