/**
 * The middle band of the canvas: connections between visible source and target rows, drawn
 * from the derived CanvasModel, with one action chip per mapping (a button: click or Enter to
 * edit). Ends outside the viewport are pinned to the band's top or bottom edge.
 */
import type { CanvasModel } from '../../../../shared/common/mapping/canvas';
import type { Mapping } from '../../../../shared/common/project/model';
import { ROW_HEIGHT } from './FieldTree';
import { ACTION_LABELS } from './logic/edits';

export interface ScrollInfo {
  top: number;
  height: number;
}

export const ACTION_SHORT: Record<Mapping['action'], string> = {
  sync: '=',
  set_static: 'static',
  array_map: 'map',
  range_map: 'range',
  date_convert: 'date',
  concat: 'concat',
  custom: '{ }',
};

function rowY(row: number, scroll: ScrollInfo): { y: number; clipped: boolean } {
  const y = row * ROW_HEIGHT + ROW_HEIGHT / 2 - scroll.top;
  if (y < 0) return { y: 2, clipped: true };
  if (y > scroll.height) return { y: scroll.height - 2, clipped: true };
  return { y, clipped: false };
}

export function Connections({
  model,
  mappings,
  width,
  source,
  target,
  selected,
  errors,
  onSelect,
  onExpandTarget,
}: {
  model: CanvasModel;
  mappings: readonly Mapping[];
  width: number;
  source: ScrollInfo;
  target: ScrollInfo;
  selected: number | null;
  errors: ReadonlySet<number>;
  onSelect(index: number): void;
  /** Expands a collapsed target row (several mappings folded into it). */
  onExpandTarget(key: string, indices: number[]): void;
}) {
  const height = Math.max(source.height, target.height);
  const nodeRow = new Map(model.nodes.map((n) => [n.id, n.row] as const));
  const chipX = width - 58;
  const chips = new Map<number, { y: number; clipped: boolean; to: string }>();
  const paths = model.edges.map((e) => {
    const tRow = nodeRow.get(e.to) ?? 0;
    const t = rowY(tRow, target);
    if (!chips.has(e.mappingIndex)) chips.set(e.mappingIndex, { ...t, to: e.to });
    const sel = e.mappingIndex === selected;
    const cls = `conn${sel ? ' is-selected' : ''}${e.folded ? ' is-folded' : ''}${errors.has(e.mappingIndex) ? ' is-error' : ''}`;
    if (e.from === null) {
      return <path key={e.id} className={`${cls} conn--stub`} d={`M ${chipX - 24} ${t.y} H ${chipX}`} />;
    }
    const s = rowY(nodeRow.get(e.from) ?? 0, source);
    const mid = chipX / 2;
    const d = `M 0 ${s.y} C ${mid} ${s.y}, ${mid} ${t.y}, ${chipX} ${t.y}`;
    const clipped = (s.clipped || t.clipped) && !sel ? ' is-clipped' : '';
    return (
      <g key={e.id}>
        <path className="conn__hit" d={d} onClick={() => onSelect(e.mappingIndex)} />
        <path className={`${cls}${clipped}`} d={d} />
      </g>
    );
  });
  // One chip per mapping; mappings folded into the same collapsed row share one count chip.
  const byTarget = new Map<string, number[]>();
  for (const [index, pos] of chips) {
    if (pos.clipped) continue;
    byTarget.set(pos.to, [...(byTarget.get(pos.to) ?? []), index]);
  }
  const nodeKey = new Map(model.nodes.map((n) => [n.id, n.key] as const));
  return (
    <div className="conns" style={{ width, height }}>
      <svg className="conns__svg" width={width} height={height} aria-hidden="true">
        {paths}
      </svg>
      {[...byTarget.entries()].map(([to, indices]) => {
        const first = indices[0] ?? 0;
        const pos = chips.get(first);
        if (!pos) return null;
        if (indices.length > 1) {
          const key = nodeKey.get(to) ?? '';
          const hasSel = selected !== null && indices.includes(selected);
          return (
            <button
              key={to}
              type="button"
              className={`chip chip--group${hasSel ? ' is-selected' : ''}${indices.some((i) => errors.has(i)) ? ' is-error' : ''}`}
              style={{ top: pos.y - 9, left: chipX }}
              aria-label={`${indices.length} mappings into ${key}: expand`}
              title={`${indices.length} mappings into ${key} — click to expand`}
              onClick={() => onExpandTarget(key, indices)}
            >
              ×{indices.length}
            </button>
          );
        }
        const index = first;
        const m = mappings[index];
        if (!m) return null;
        const src = m.source ?? (m.action === 'concat' ? (m.parts ?? []).filter((p) => p.type === 'field').map((p) => p.value).join(' + ') : '');
        return (
          <button
            key={index}
            type="button"
            className={`chip chip--${m.action}${index === selected ? ' is-selected' : ''}${errors.has(index) ? ' is-error' : ''}`}
            style={{ top: pos.y - 9, left: chipX }}
            aria-label={`Edit mapping ${src ? `${src} → ` : ''}${m.target} (${ACTION_LABELS[m.action]})`}
            aria-pressed={index === selected}
            title={`${ACTION_LABELS[m.action]}: ${src ? `${src} → ` : ''}${m.target}`}
            onClick={() => onSelect(index)}
          >
            {ACTION_SHORT[m.action]}
          </button>
        );
      })}
    </div>
  );
}
