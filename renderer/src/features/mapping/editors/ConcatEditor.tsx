import { useState, type KeyboardEvent } from 'react';
import type { ConcatPart, Mapping } from '../../../../../shared/common/project/model';
import { Button } from '../../../components/Button';
import { addPart, movePart, previewConcat, removePart, updatePart } from '../logic/concat';
import { describeValue } from '../logic/typed-value';
import { CommitInput } from './inputs';

/** concat: ordered parts (source fields and static text chips); drag or Alt+↑/↓ to reorder. */
export function ConcatEditor({
  mapping,
  sourceKeys,
  sample,
  onChange,
}: {
  mapping: Mapping;
  sourceKeys: readonly string[];
  sample: unknown;
  onChange(label: string, next: Mapping): void;
}) {
  const parts = mapping.parts ?? [];
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const set = (label: string, next: ConcatPart[]) => onChange(label, { ...mapping, parts: next });
  const preview = previewConcat(parts, sample, mapping.default);
  const onKey = (i: number) => (e: KeyboardEvent<HTMLLIElement>) => {
    if (!e.altKey) return;
    if (e.key === 'ArrowUp' && i > 0) set('Reorder concat', movePart(parts, i, i - 1));
    else if (e.key === 'ArrowDown' && i < parts.length - 1) set('Reorder concat', movePart(parts, i, i + 1));
    else return;
    e.preventDefault();
  };
  return (
    <div className="editor-block">
      <datalist id="source-paths">
        {sourceKeys.map((k) => (
          <option key={k} value={k.replace(/\[\]/g, '[0]')} />
        ))}
      </datalist>
      <ol className="parts" aria-label="Concat parts">
        {parts.map((p, i) => (
          <li
            key={i}
            className={`part part--${p.type}${dragFrom === i ? ' is-dragging' : ''}`}
            draggable
            tabIndex={0}
            aria-label={`Part ${i + 1}: ${p.type} ${p.value}`}
            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
            onKeyDown={onKey(i)}
            onDragStart={(e) => {
              setDragFrom(i);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(i));
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const from = Number(e.dataTransfer.getData('text/plain'));
              if (Number.isInteger(from) && from !== i) set('Reorder concat', movePart(parts, from, i));
              setDragFrom(null);
            }}
            onDragEnd={() => setDragFrom(null)}
          >
            <span className="part__grip" aria-hidden="true">
              ⠿
            </span>
            <span className="part__kind">{p.type === 'field' ? 'field' : 'text'}</span>
            {p.type === 'field' ? (
              <CommitInput className="mono part__value" list="source-paths" aria-label={`Part ${i + 1} source path`} value={p.value} onCommit={(t) => set('Edit concat part', updatePart(parts, i, { value: t }))} />
            ) : (
              <>
                <CommitInput className="part__value part__static" aria-label={`Part ${i + 1} text`} value={p.value} onCommit={(t) => set('Edit concat part', updatePart(parts, i, { value: t }))} />
                {p.value !== '' && p.value.trim() === '' ? (
                  <span className="part__ws" title={`${p.value.length} space character(s)`}>
                    {'␣'.repeat(Math.min(p.value.length, 4))}
                  </span>
                ) : null}
              </>
            )}
            <Button size="small" variant="ghost" aria-label={`Move part ${i + 1} up`} disabled={i === 0} onClick={() => set('Reorder concat', movePart(parts, i, i - 1))}>
              ↑
            </Button>
            <Button size="small" variant="ghost" aria-label={`Move part ${i + 1} down`} disabled={i === parts.length - 1} onClick={() => set('Reorder concat', movePart(parts, i, i + 1))}>
              ↓
            </Button>
            <Button size="small" variant="ghost" aria-label={`Remove part ${i + 1}`} onClick={() => set('Remove concat part', removePart(parts, i))}>
              ✕
            </Button>
          </li>
        ))}
      </ol>
      <div className="row">
        <Button size="small" onClick={() => set('Add concat field', addPart(parts, { type: 'field', value: sourceKeys[0]?.replace(/\[\]/g, '[0]') ?? '' }))}>
          + Field
        </Button>
        {[' ', ', ', ' - ', '/'].map((s) => (
          <Button key={s} size="small" aria-label={`Add text "${s}"`} onClick={() => set('Add concat text', addPart(parts, { type: 'static', value: s }))}>
            + “{s}”
          </Button>
        ))}
        <Button size="small" onClick={() => set('Add concat text', addPart(parts, { type: 'static', value: '' }))}>
          + Text
        </Button>
      </div>
      <p className="muted" role="status" aria-label="Concat preview">
        Sample → {preview.error ? <span className="flag">{preview.error}</span> : <strong className="mono">{describeValue(preview.value, 120)}</strong>}
      </p>
    </div>
  );
}
