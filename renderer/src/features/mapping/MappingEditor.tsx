/**
 * The inspector for one mapping: source, target, action, the action's own editor, the default
 * value, and what the mapping produced for the sample (from the live preview's trace).
 */
import type { TraceEntry } from '../../../../shared/common/api/calls-mapping';
import { ACTION_TYPES, type Mapping } from '../../../../shared/common/project/model';
import { readPath, type FieldNode } from '../../../../shared/common/mapping/canvas';
import { Button } from '../../components/Button';
import { ConcatEditor } from './editors/ConcatEditor';
import { CustomEditor } from './editors/CustomEditor';
import { DateEditor } from './editors/DateEditor';
import { CommitInput, TypedValueInput } from './editors/inputs';
import { RangeEditor } from './editors/RangeEditor';
import { ValueMapEditor } from './editors/ValueMapEditor';
import { ACTION_LABELS, withAction, withDefault } from './logic/edits';
import { describeValue, valueTypeForField } from './logic/typed-value';


const USES_SOURCE = new Set<Mapping['action']>(['sync', 'array_map', 'range_map', 'date_convert', 'custom']);

export function MappingEditor({
  mapping,
  index,
  target,
  source,
  sourceKeys,
  sample,
  trace,
  error,
  stale,
  onChange,
  onDelete,
  onClose,
}: {
  mapping: Mapping;
  index: number;
  target: FieldNode | undefined;
  source: FieldNode | undefined;
  sourceKeys: readonly string[];
  sample: unknown;
  trace: TraceEntry | undefined;
  error: string | undefined;
  /** The preview is being recomputed: the sample result may be out of date. */
  stale: boolean;
  onChange(label: string, next: Mapping): void;
  onDelete(): void;
  onClose(): void;
}) {
  const sourceValue = mapping.source ? readPath(sample, mapping.source) : undefined;
  const ctx = { target, source };
  return (
    <section className="inspector" aria-label={`Mapping ${mapping.target}`}>
      <header className="inspector__head">
        <h2 className="inspector__title">
          <span className="mono">{mapping.source ?? '—'}</span> <span aria-hidden="true">→</span> <span className="mono">{mapping.target}</span>
        </h2>
        <div className="row">
          <Button size="small" variant="danger" onClick={onDelete} aria-label="Delete mapping">
            Delete
          </Button>
          <Button size="small" variant="ghost" onClick={onClose} aria-label="Close mapping editor">
            ✕
          </Button>
        </div>
      </header>
      <div className="inspector__body">
        <div className="grid-2">
          <label className="field">
            <span className="field__label">Action</span>
            <select className="select" aria-label="Action" value={mapping.action} onChange={(e) => onChange(`Change action to ${ACTION_LABELS[e.target.value as Mapping['action']]}`, withAction(mapping, e.target.value as Mapping['action'], ctx))}>
              {ACTION_TYPES.map((a) => (
                <option key={a} value={a}>
                  {ACTION_LABELS[a]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">Target path</span>
            <CommitInput className="mono" aria-label="Target path" value={mapping.target} onCommit={(t) => t.trim() && onChange('Change target', { ...mapping, target: t.trim() })} />
          </label>
          {USES_SOURCE.has(mapping.action) ? (
            <label className="field">
              <span className="field__label">Source path</span>
              <CommitInput
                className="mono"
                list="source-paths-all"
                aria-label="Source path"
                value={mapping.source ?? ''}
                onCommit={(t) => {
                  const next = { ...mapping };
                  if (t.trim()) next.source = t.trim();
                  else delete next.source;
                  onChange('Change source', next);
                }}
              />
              <datalist id="source-paths-all">
                {sourceKeys.map((k) => (
                  <option key={k} value={k.replace(/\[\]/g, '[0]')} />
                ))}
              </datalist>
            </label>
          ) : null}
          <div className="field">
            <span className="field__label">Target field</span>
            <span className="muted mono">
              {target ? `${target.type}${target.format ? ` (${target.format})` : ''}${target.required ? ' · required' : ''}${target.enum ? ` · ${target.enum.length} allowed values` : ''}` : 'not in the target schema'}
            </span>
          </div>
        </div>

        {mapping.action === 'sync' ? (
          <p className="muted">Copies the source value unchanged{sourceValue !== undefined ? <> — sample: <span className="mono">{describeValue(sourceValue)}</span></> : null}.</p>
        ) : null}
        {mapping.action === 'set_static' ? (
          <div className="field">
            <span className="field__label">Static value</span>
            <TypedValueInput label="Static value" value={mapping.value} defaultType={valueTypeForField(target?.type)} onChange={(v) => onChange('Edit static value', { ...mapping, value: v })} />
            {target?.enum ? <span className="field__hint">Allowed: {target.enum.map((v) => describeValue(v)).join(', ')}</span> : null}
          </div>
        ) : null}
        {mapping.action === 'array_map' ? <ValueMapEditor mapping={mapping} target={target} source={source} sample={sourceValue} onChange={onChange} /> : null}
        {mapping.action === 'range_map' ? <RangeEditor mapping={mapping} target={target} sample={sourceValue} onChange={onChange} /> : null}
        {mapping.action === 'date_convert' ? <DateEditor mapping={mapping} sample={sourceValue} onChange={onChange} /> : null}
        {mapping.action === 'concat' ? <ConcatEditor mapping={mapping} sourceKeys={sourceKeys} sample={sample} onChange={onChange} /> : null}
        {mapping.action === 'custom' ? (
          <CustomEditor mapping={mapping} index={index} sample={sample} onChange={onChange} />
        ) : null}

        {mapping.action !== 'set_static' ? (
          <div className="field">
            <span className="field__label">
              Default <span className="faint">(when the source is missing, null or empty)</span>
            </span>
            <div className="row default-row">
              {mapping.default === undefined ? (
                <Button size="small" onClick={() => onChange('Add default', withDefault(mapping, target?.enum?.[0] ?? ''))}>
                  + Default value
                </Button>
              ) : (
                <>
                  <TypedValueInput label="Default value" value={mapping.default} defaultType={valueTypeForField(target?.type)} onChange={(v) => onChange('Edit default', withDefault(mapping, v))} />
                  <Button size="small" variant="ghost" aria-label="Remove default" onClick={() => onChange('Remove default', withDefault(mapping, undefined))}>
                    ✕
                  </Button>
                </>
              )}
            </div>
          </div>
        ) : null}

        <div className={`inspector__result${stale ? ' is-stale' : ''}`} role="status" aria-label="Sample result" aria-busy={stale || undefined}>
          {stale && !trace ? (
            <span className="faint">Updating the sample result…</span>
          ) : error ? (
            <span className="flag">Error: {error}</span>
          ) : trace ? (
            <span>
              Sample: <span className="mono">{describeValue(trace.sourceValue)}</span> → <strong className="mono">{describeValue(trace.value, 100)}</strong>
              {trace.usedDefault ? <span className="faint"> (default)</span> : null}
            </span>
          ) : (
            <span className="faint">Not written for the sample (no value and no default)</span>
          )}
          {trace?.note && !error ? <span className="faint"> — {trace.note}</span> : null}
        </div>
      </div>
    </section>
  );
}
