import type { Mapping } from '../../../../../shared/common/project/model';
import type { FieldNode } from '../../../../../shared/common/mapping/canvas';
import { Button } from '../../../components/Button';
import { analyseValueMap, moveRow, ROW_FLAG_TEXT, seedValueMap, type ValueMapRow } from '../logic/value-map';
import { describeValue, valueTypeForField } from '../logic/typed-value';
import { TypedValueInput } from './inputs';

/** array_map: compare → value table, seeded from the target's enum; problems flagged per row. */
export function ValueMapEditor({
  mapping,
  target,
  source,
  sample,
  onChange,
}: {
  mapping: Mapping;
  target: FieldNode | undefined;
  source: FieldNode | undefined;
  sample: unknown;
  onChange(label: string, next: Mapping): void;
}) {
  const rows: ValueMapRow[] = mapping.mappings ?? [];
  const targetEnum = target?.enum ?? null;
  const a = analyseValueMap(rows, { targetEnum, sourceEnum: source?.enum ?? null, sample });
  const set = (label: string, next: ValueMapRow[]) => onChange(label, { ...mapping, mappings: next });
  const valueType = valueTypeForField(target?.type);
  const listId = `enum-${mapping.target}`;
  return (
    <div className="editor-block">
      <table className="vmap" aria-label="Value map">
        <thead>
          <tr>
            <th scope="col">When source equals</th>
            <th scope="col" aria-label="maps to" />
            <th scope="col">Write</th>
            <th scope="col" aria-label="Row actions" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const flags = a.rows[i] ?? [];
            return (
              <tr key={i} className={`${a.sampleRow === i ? 'is-hit' : ''}${flags.length > 0 ? ' is-flagged' : ''}`}>
                <td>
                  <TypedValueInput label={`Row ${i + 1} compare`} value={row.compare} onChange={(v) => set('Edit value map', rows.map((r, j) => (j === i ? { ...r, compare: v } : r)))} />
                </td>
                <td className="vmap__arrow" aria-hidden="true">
                  →
                </td>
                <td>
                  <TypedValueInput
                    label={`Row ${i + 1} value`}
                    value={row.value}
                    defaultType={valueType}
                    onChange={(v) => set('Edit value map', rows.map((r, j) => (j === i ? { ...r, value: v } : r)))}
                  />
                  {flags.length > 0 ? (
                    <div className="flag" role="note">
                      ⚠ {flags.map((f) => ROW_FLAG_TEXT[f]).join('; ')}
                    </div>
                  ) : null}
                </td>
                <td className="vmap__actions">
                  <Button size="small" variant="ghost" aria-label={`Move row ${i + 1} up`} disabled={i === 0} onClick={() => set('Reorder value map', moveRow(rows, i, i - 1))}>
                    ↑
                  </Button>
                  <Button size="small" variant="ghost" aria-label={`Remove row ${i + 1}`} onClick={() => set('Remove value-map row', rows.filter((_, j) => j !== i))}>
                    ✕
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {targetEnum ? (
        <datalist id={listId}>
          {targetEnum.map((v) => (
            <option key={String(v)} value={String(v)} />
          ))}
        </datalist>
      ) : null}
      <div className="row">
        <Button size="small" onClick={() => set('Add value-map row', [...rows, { compare: '', value: targetEnum?.[0] ?? '' }])}>
          + Row
        </Button>
        {targetEnum && rows.length === 0 ? (
          <Button size="small" onClick={() => set('Seed value map', seedValueMap(targetEnum, source?.enum ?? null))}>
            Seed from target values
          </Button>
        ) : null}
        {a.unmappedSource.length > 0 ? (
          <Button
            size="small"
            onClick={() => set('Add unmapped values', [...rows, ...a.unmappedSource.map((v) => ({ compare: v, value: targetEnum?.[0] ?? '' }))])}
          >
            Add {a.unmappedSource.length} unmapped
          </Button>
        ) : null}
      </div>
      {a.unmappedSource.length > 0 ? (
        <p className="flag" role="status" aria-label="Unmapped source values">
          Unmapped source values (they get the default): {a.unmappedSource.map((v) => describeValue(v)).join(', ')}
        </p>
      ) : null}
      {a.unusedTarget.length > 0 ? (
        <p className="faint">Target values never produced: {a.unusedTarget.map((v) => describeValue(v)).join(', ')}</p>
      ) : null}
      {sample !== undefined ? (
        <p className="muted">
          Sample {describeValue(sample)} → {a.sampleRow === null ? 'no row matches (default)' : `row ${a.sampleRow + 1}`}
        </p>
      ) : null}
    </div>
  );
}
