/**
 * The mapping canvas: source fields left, target fields right, connections between them, and
 * the inspector for the selected mapping. The domain mapping list (project.mappings[direction])
 * is the source of truth; trees, connections and coverage are derived from it
 * (shared/common/mapping/canvas.ts). Every edit goes through the store's applyMappingEdit, so
 * it is undoable and autosaved.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Mapping } from '../../../../shared/common/project/model';
import {
  allNodes,
  buildFieldTree,
  coverage,
  deriveCanvas,
  fieldKey,
  mappingPathFor,
  sourceKeysOf,
  visibleRows,
  type FieldNode,
} from '../../../../shared/common/mapping/canvas';
import { acceptSuggestions, suggestMappings, type Suggestion } from '../../../../shared/common/mapping/automap';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Banner, EmptyState, Spinner } from '../../components/Feedback';
import { useProject } from '../../store/project';
import { useUi } from '../../store/ui';
import { setJsonnetInputFields } from '../../monaco/jsonnet';
import { Connections, ACTION_SHORT, type ScrollInfo } from './Connections';
import { FieldTree, type FieldTreeHandle } from './FieldTree';
import { MappingEditor } from './MappingEditor';
import { ACTION_LABELS, addForTarget, connect, removeAt, updateAt } from './logic/edits';
import { usePreviewRunner, useSampleRecord, useSession } from './session';
import { useMappingFields } from './useMappingFields';
import './mapping.css';

const CONN_WIDTH = 170;
const EMPTY: Mapping[] = [];

function parentKeys(nodes: readonly FieldNode[]): string[] {
  return allNodes(nodes)
    .filter((n) => n.children.length > 0)
    .map((n) => n.key);
}

/** Collapse state: big trees start collapsed; `toggled` holds the keys the user flipped. */
function useCollapse(tree: readonly FieldNode[], fieldCount: number) {
  const [toggled, setToggled] = useState<Set<string>>(new Set());
  const startCollapsed = fieldCount > 60;
  const collapsed = useMemo(() => {
    if (!startCollapsed) return toggled;
    const out = new Set(parentKeys(tree));
    for (const k of toggled) out.delete(k);
    return out;
  }, [tree, toggled, startCollapsed]);
  const toggle = useCallback((key: string) => {
    setToggled((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  const reveal = useCallback(
    (key: string) => {
      // Expand every ancestor of key.
      const segs = key.split('.');
      setToggled((prev) => {
        const next = new Set(prev);
        for (let i = 1; i < segs.length; i++) {
          const anc = segs.slice(0, i).join('.').replace(/\[\]$/, '');
          const isCollapsed = startCollapsed ? !prev.has(anc) : prev.has(anc);
          if (isCollapsed) {
            if (next.has(anc)) next.delete(anc);
            else next.add(anc);
          }
        }
        return next;
      });
    },
    [startCollapsed],
  );
  return { collapsed, toggle, reveal };
}

export function MappingView() {
  const doc = useProject((s) => s.doc);
  const applyMappingEdit = useProject((s) => s.applyMappingEdit);
  const undo = useProject((s) => s.undo);
  const redo = useProject((s) => s.redo);
  const canUndo = useProject((s) => s.canUndo);
  const canRedo = useProject((s) => s.canRedo);
  const notify = useUi((s) => s.notify);
  const direction = useSession((s) => s.direction);
  const operation = useSession((s) => s.operation);
  const selected = useSession((s) => s.selected);
  const select = useSession((s) => s.select);
  const preview = useSession((s) => s.preview);
  const inputVersion = useSession((s) => s.inputVersion);
  usePreviewRunner();
  const sample = useSampleRecord();
  const fields = useMappingFields(direction, operation, sample);
  const mappings = doc?.project.mappings[direction] ?? EMPTY;

  const sourceTree = useMemo(() => buildFieldTree(fields.source), [fields.source]);
  const targetTree = useMemo(() => buildFieldTree(fields.target), [fields.target]);
  const sourceNodes = useMemo(() => new Map(allNodes(sourceTree).map((n) => [n.key, n] as const)), [sourceTree]);
  const targetNodes = useMemo(() => new Map(allNodes(targetTree).map((n) => [n.key, n] as const)), [targetTree]);
  const sourceKeys = useMemo(() => [...sourceNodes.keys()], [sourceNodes]);
  useEffect(() => setJsonnetInputFields(sourceKeys), [sourceKeys]);

  const srcCollapse = useCollapse(sourceTree, fields.source.length);
  const tgtCollapse = useCollapse(targetTree, fields.target.length);
  const [srcFilter, setSrcFilter] = useState('');
  const [tgtFilter, setTgtFilter] = useState('');
  const sourceRows = useMemo(() => visibleRows(sourceTree, srcCollapse.collapsed, srcFilter), [sourceTree, srcCollapse.collapsed, srcFilter]);
  const targetRows = useMemo(() => visibleRows(targetTree, tgtCollapse.collapsed, tgtFilter), [targetTree, tgtCollapse.collapsed, tgtFilter]);
  const model = useMemo(() => deriveCanvas(mappings, sourceRows, targetRows), [mappings, sourceRows, targetRows]);
  const cov = useMemo(() => coverage(mappings, fields.target), [mappings, fields.target]);

  const [srcScroll, setSrcScroll] = useState<ScrollInfo>({ top: 0, height: 400 });
  const [tgtScroll, setTgtScroll] = useState<ScrollInfo>({ top: 0, height: 400 });
  const onSrcScroll = useCallback((top: number, height: number) => setSrcScroll({ top, height }), []);
  const onTgtScroll = useCallback((top: number, height: number) => setTgtScroll({ top, height }), []);
  const srcHandle = useRef<FieldTreeHandle>(null);
  const tgtHandle = useRef<FieldTreeHandle>(null);

  const [armed, setArmed] = useState<string | null>(null);
  const [srcFocus, setSrcFocus] = useState<string | null>(null);
  const [tgtFocus, setTgtFocus] = useState<string | null>(null);
  const [pendingTarget, setPendingTarget] = useState<string | null>(null);
  const [automap, setAutomap] = useState<Suggestion[] | null>(null);

  // Keep the selection valid when the list changes (undo/redo, delete).
  useEffect(() => {
    if (selected !== null && selected >= mappings.length) select(null);
  }, [mappings.length, selected, select]);

  const editList = useCallback(
    (label: string, fn: (list: Mapping[]) => Mapping[]) => {
      applyMappingEdit(label, (all) => {
        const next = fn(all[direction]);
        return next === all[direction] ? all : { ...all, [direction]: next };
      });
    },
    [applyMappingEdit, direction],
  );

  const connectKeys = useCallback(
    (sourceKey: string, targetKey: string) => {
      const tNode = targetNodes.get(targetKey);
      if (tNode && tNode.children.length > 0 && tNode.type === 'object') {
        notify('info', `${targetKey} is an object: connect to one of its fields, or use a custom Jsonnet mapping that builds the object`);
      }
      let index = 0;
      const source = mappingPathFor(sourceKey);
      const target = mappingPathFor(targetKey);
      editList(`Map ${source} → ${target}`, (list) => {
        const r = connect(list, source, target, { target: tNode, source: sourceNodes.get(sourceKey) });
        index = r.index;
        return r.list;
      });
      select(index);
      setArmed(null);
      setPendingTarget(null);
    },
    [editList, notify, select, sourceNodes, targetNodes],
  );

  // ---- drag from a source row to a target row ----
  const [ghost, setGhost] = useState<{ x1: number; y1: number; x2: number; y2: number; over: string | null } | null>(null);
  const onPointerDownRow = useCallback(
    (key: string, e: ReactPointerEvent<HTMLDivElement>) => {
      if (e.button !== 0) return;
      const rect = e.currentTarget.getBoundingClientRect();
      const start = { x: e.clientX, y: e.clientY };
      let moved = false;
      let over: string | null = null;
      const onMove = (ev: PointerEvent) => {
        if (!moved && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < 5) return;
        moved = true;
        const el = document.elementFromPoint(ev.clientX, ev.clientY)?.closest<HTMLElement>('[data-side="target"]');
        over = el?.dataset.fieldKey ?? null;
        setGhost({ x1: rect.right, y1: rect.top + rect.height / 2, x2: ev.clientX, y2: ev.clientY, over });
      };
      const onUp = (ev: PointerEvent) => {
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', onUp);
        setGhost(null);
        if (!moved) return;
        const el = document.elementFromPoint(ev.clientX, ev.clientY)?.closest<HTMLElement>('[data-side="target"]');
        const dropKey = el?.dataset.fieldKey ?? over;
        if (dropKey) connectKeys(key, dropKey);
      };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
    },
    [connectKeys],
  );

  const activateSource = useCallback((key: string) => setArmed((a) => (a === key ? null : key)), []);
  const activateTarget = useCallback(
    (key: string) => {
      if (armed) {
        connectKeys(armed, key);
        return;
      }
      const i = mappings.findIndex((m) => fieldKey(m.target) === key);
      if (i >= 0) {
        select(i);
        setPendingTarget(null);
      } else {
        select(null);
        setPendingTarget(key);
      }
    },
    [armed, connectKeys, mappings, select],
  );

  const revealTarget = (key: string) => {
    setTgtFilter('');
    tgtCollapse.reveal(key);
    setPendingTarget(key);
    select(null);
    setTimeout(() => tgtHandle.current?.focusKey(key), 30);
  };

  const selectedMapping = selected !== null ? mappings[selected] : undefined;
  const activeSource = useMemo(() => {
    const s = new Set<string>();
    if (armed) s.add(armed);
    if (selectedMapping) for (const k of sourceKeysOf(selectedMapping)) s.add(k);
    return s;
  }, [armed, selectedMapping]);
  const activeTarget = useMemo(() => {
    const s = new Set<string>();
    if (selectedMapping) s.add(fieldKey(selectedMapping.target));
    if (pendingTarget) s.add(pendingTarget);
    return s;
  }, [selectedMapping, pendingTarget]);
  const mappedSource = useMemo(() => new Set(mappings.flatMap(sourceKeysOf)), [mappings]);
  const mappedTarget = useMemo(() => new Set(mappings.map((m) => fieldKey(m.target))), [mappings]);
  const missing = useMemo(() => new Set(cov.unmapped), [cov.unmapped]);
  const ancestorsOf = (keys: Iterable<string>) => {
    const out = new Set<string>();
    for (const k of keys) {
      const segs = k.split('.');
      for (let i = 1; i < segs.length; i++) out.add(segs.slice(0, i).join('.').replace(/\[\]$/, ''));
    }
    return out;
  };
  const partialSource = useMemo(() => ancestorsOf(mappedSource), [mappedSource]);
  const partialTarget = useMemo(() => ancestorsOf(mappedTarget), [mappedTarget]);
  const errorsByIndex = useMemo(() => {
    const out = new Map<number, string>();
    const errs = preview.result?.errors ?? [];
    for (const e of errs) {
      const i = mappings.findIndex((m) => m.target === e.target);
      if (i >= 0 && !out.has(i)) out.set(i, `${e.line !== undefined ? `${e.line}:${e.column ?? 1} ` : ''}${e.message}`);
    }
    return out;
  }, [preview.result, mappings]);
  const errorSet = useMemo(() => new Set(errorsByIndex.keys()), [errorsByIndex]);

  if (!doc) {
    return (
      <section className="view" aria-labelledby="mapping-title">
        <h1 id="mapping-title">Mapping</h1>
        <EmptyState title="No project open">Open a project (or the demo project) to map its fields.</EmptyState>
      </section>
    );
  }

  // Built-in actions are exact in the instant pass; a custom script's value waits for the engine.
  const stale = preview.version < inputVersion || (selectedMapping?.action === 'custom' && !preview.complete);
  const trace = selected !== null && !stale ? preview.result?.trace.find((t) => t.mappingIndex === selected) : undefined;
  const requiredPct = cov.required.length === 0 ? 1 : cov.mapped.length / cov.required.length;

  return (
    <section className="view view--full mapview" aria-labelledby="mapping-title">
      <div className="mapview__bar" role="toolbar" aria-label="Mapping tools">
        <h1 id="mapping-title" className="mapview__title">
          Mapping
        </h1>
        <div className="seg" role="radiogroup" aria-label="Direction">
          {(['outbound', 'inbound'] as const).map((d) => (
            <button key={d} type="button" role="radio" aria-checked={direction === d} className="seg__btn" onClick={() => useSession.getState().setDirection(d)}>
              {d === 'outbound' ? 'Outbound (work order → API)' : 'Inbound (API → work order)'}
            </button>
          ))}
        </div>
        <div className="seg" role="radiogroup" aria-label="Operation">
          {(['create', 'update'] as const).map((o) => (
            <button
              key={o}
              type="button"
              role="radio"
              aria-checked={operation === o}
              className="seg__btn"
              disabled={direction === 'inbound'}
              title={direction === 'inbound' ? 'Inbound maps into the work order; create/update applies to outbound' : undefined}
              onClick={() => useSession.getState().setOperation(o)}
            >
              {o === 'create' ? 'Create' : 'Update'}
            </button>
          ))}
        </div>
        <span className="mapview__spacer" />
        <CoverageMeter required={cov.required.length} mapped={cov.mapped.length} unmapped={cov.unmapped} pct={requiredPct} onPick={revealTarget} />
        <Button size="small" onClick={() => setAutomap(suggestMappings(fields.source, fields.target, mappings))} disabled={fields.loading}>
          Auto-map…
        </Button>
        <Button size="small" variant="ghost" aria-label="Undo mapping edit" title="Undo (Ctrl/Cmd+Z)" disabled={!canUndo} onClick={() => undo()}>
          ↶
        </Button>
        <Button size="small" variant="ghost" aria-label="Redo mapping edit" title="Redo (Shift+Ctrl/Cmd+Z)" disabled={!canRedo} onClick={() => redo()}>
          ↷
        </Button>
      </div>
      {fields.error ? <Banner tone="error" title="Fields could not be loaded:">{fields.error}</Banner> : null}
      {armed ? (
        <div className="mapview__hint" role="status">
          Connecting from <span className="mono">{armed}</span>: choose a target field (click, or Enter in the target tree). Esc cancels.
        </div>
      ) : null}
      <div
        className="mapview__main"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && armed) {
            setArmed(null);
            e.stopPropagation();
          }
        }}
      >
        <div className="mapview__canvas" style={{ gridTemplateColumns: `minmax(200px, 1fr) ${CONN_WIDTH}px minmax(200px, 1fr)` }}>
          <div className="mapview__colhead">
            <span>Source</span>
            <span className="faint">{direction === 'outbound' ? 'work order' : 'external record'} · {fields.source.length} fields</span>
          </div>
          <div className="mapview__colhead mapview__colhead--mid">{mappings.length} mappings</div>
          <div className="mapview__colhead">
            <span>Target</span>
            <span className="faint">
              {direction === 'outbound' ? `${operation} request` : 'work order'} · {fields.target.length} fields
              {fields.targetSource ? ` · ${fields.targetSource}` : ''}
            </span>
          </div>
          {fields.loading && fields.source.length === 0 && fields.target.length === 0 ? (
            <div className="mapview__loading">
              <Spinner label="Loading fields…" />
            </div>
          ) : (
            <>
              <FieldTree
                side="source"
                label="Source fields"
                rows={sourceRows}
                filter={srcFilter}
                onFilter={setSrcFilter}
                onToggle={srcCollapse.toggle}
                onScroll={onSrcScroll}
                mapped={mappedSource}
                partial={partialSource}
                active={activeSource}
                focused={srcFocus}
                onFocusKey={setSrcFocus}
                onActivate={activateSource}
                onPointerDownRow={onPointerDownRow}
                handle={srcHandle}
              />
              <div className="mapview__conns">
                <div className="mapview__conns-spacer" />
                <Connections
                  model={model}
                  mappings={mappings}
                  width={CONN_WIDTH}
                  source={srcScroll}
                  target={tgtScroll}
                  selected={selected}
                  errors={errorSet}
                  onSelect={(i) => {
                    select(i);
                    setPendingTarget(null);
                  }}
                  onExpandTarget={(key, indices) => {
                    if (tgtCollapse.collapsed.has(key)) tgtCollapse.toggle(key);
                    else select(indices[0] ?? null);
                  }}
                />
              </div>
              <FieldTree
                side="target"
                label="Target fields"
                rows={targetRows}
                filter={tgtFilter}
                onFilter={setTgtFilter}
                onToggle={tgtCollapse.toggle}
                onScroll={onTgtScroll}
                mapped={mappedTarget}
                partial={partialTarget}
                missing={missing}
                active={activeTarget}
                focused={tgtFocus}
                onFocusKey={setTgtFocus}
                onActivate={activateTarget}
                handle={tgtHandle}
              />
            </>
          )}
        </div>
        <aside className="mapview__side">
          {selectedMapping && selected !== null ? (
            <MappingEditor
              key={`${direction}:${selected}`}
              mapping={selectedMapping}
              index={selected}
              target={targetNodes.get(fieldKey(selectedMapping.target))}
              source={selectedMapping.source ? sourceNodes.get(fieldKey(selectedMapping.source)) : undefined}
              sourceKeys={sourceKeys}
              sample={sample}
              trace={trace}
              error={stale ? undefined : errorsByIndex.get(selected)}
              stale={stale}
              onChange={(label, next) => editList(label, (list) => updateAt(list, selected, next))}
              onDelete={() => {
                editList(`Delete mapping ${selectedMapping.target}`, (list) => removeAt(list, selected));
                select(null);
              }}
              onClose={() => select(null)}
            />
          ) : (
            <Overview
              mappings={mappings}
              offscreen={model.offscreen}
              errors={errorsByIndex}
              unmapped={cov.unmapped}
              pendingTarget={pendingTarget}
              targetNode={pendingTarget ? targetNodes.get(pendingTarget) : undefined}
              onSelect={(i) => {
                select(i);
                setPendingTarget(null);
              }}
              onReveal={revealTarget}
              onCreate={(target, action) => {
                let index = 0;
                editList(`Add ${ACTION_LABELS[action]} for ${target}`, (list) => {
                  const r = addForTarget(list, mappingPathFor(target), action, { target: targetNodes.get(target) });
                  index = r.index;
                  return r.list;
                });
                select(index);
                setPendingTarget(null);
              }}
            />
          )}
        </aside>
      </div>
      {ghost ? (
        <svg className="drag-ghost" aria-hidden="true">
          <path d={`M ${ghost.x1} ${ghost.y1} C ${(ghost.x1 + ghost.x2) / 2} ${ghost.y1}, ${(ghost.x1 + ghost.x2) / 2} ${ghost.y2}, ${ghost.x2} ${ghost.y2}`} className={ghost.over ? 'is-over' : ''} />
        </svg>
      ) : null}
      <AutoMapDialog
        suggestions={automap}
        onClose={() => setAutomap(null)}
        onApply={(accepted) => {
          editList(`Auto-map ${accepted.length} field${accepted.length === 1 ? '' : 's'}`, (list) => acceptSuggestions(list, accepted, fields.target));
          notify('success', `Mapped ${accepted.length} field${accepted.length === 1 ? '' : 's'} (undo with Ctrl/Cmd+Z)`);
          setAutomap(null);
        }}
      />
    </section>
  );
}

function CoverageMeter({ required, mapped, unmapped, pct, onPick }: { required: number; mapped: number; unmapped: string[]; pct: number; onPick(key: string): void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="coverage">
      <button
        type="button"
        className={`coverage__btn${required === 0 ? ' is-empty' : unmapped.length > 0 ? ' is-incomplete' : ''}`}
        data-state={required === 0 ? 'empty' : unmapped.length > 0 ? 'incomplete' : 'complete'}
        aria-expanded={open}
        aria-label={`Required targets mapped: ${mapped} of ${required}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="coverage__bar" aria-hidden="true">
          <span style={{ width: `${required === 0 ? 0 : Math.round(pct * 100)}%` }} />
        </span>
        <span>
          Required {mapped}/{required}
        </span>
      </button>
      {open ? (
        <div className="coverage__pop" role="dialog" aria-label="Unmapped required targets">
          {required === 0 ? (
            <p className="muted">No required targets: nothing in this operation's request body is required.</p>
          ) : unmapped.length === 0 ? (
            <p className="muted">Every required target is mapped.</p>
          ) : (
            <ul>
              {unmapped.map((k) => (
                <li key={k}>
                  <button
                    type="button"
                    className="linklike mono"
                    onClick={() => {
                      setOpen(false);
                      onPick(k);
                    }}
                  >
                    {k}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}

function Overview({
  mappings,
  offscreen,
  errors,
  unmapped,
  pendingTarget,
  targetNode,
  onSelect,
  onReveal,
  onCreate,
}: {
  mappings: readonly Mapping[];
  offscreen: readonly number[];
  errors: ReadonlyMap<number, string>;
  unmapped: readonly string[];
  pendingTarget: string | null;
  targetNode: FieldNode | undefined;
  onSelect(i: number): void;
  onReveal(key: string): void;
  onCreate(target: string, action: 'set_static' | 'concat' | 'custom'): void;
}) {
  const hidden = new Set(offscreen);
  return (
    <div className="overview">
      {pendingTarget ? (
        <div className="overview__pending" aria-label={`Map ${pendingTarget}`}>
          <h2>
            Map <span className="mono">{pendingTarget}</span>
          </h2>
          <p className="muted">
            {targetNode ? `${targetNode.type}${targetNode.required ? ', required' : ''}${targetNode.enum ? `, one of ${targetNode.enum.map(String).join(' · ')}` : ''}. ` : ''}
            Drag a source field onto it, or select a source and press Enter — or fill it without a source:
          </p>
          <div className="row">
            <Button size="small" onClick={() => onCreate(pendingTarget, 'set_static')}>
              Static value
            </Button>
            <Button size="small" onClick={() => onCreate(pendingTarget, 'concat')}>
              Concat
            </Button>
            <Button size="small" onClick={() => onCreate(pendingTarget, 'custom')}>
              Custom Jsonnet
            </Button>
          </div>
        </div>
      ) : null}
      {unmapped.length > 0 ? (
        <div className="overview__section">
          <h2>Unmapped required ({unmapped.length})</h2>
          <ul className="overview__list">
            {unmapped.map((k) => (
              <li key={k}>
                <button type="button" className="linklike mono is-missing" onClick={() => onReveal(k)}>
                  {k}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="overview__section">
        <h2>Mappings ({mappings.length})</h2>
        {mappings.length === 0 ? (
          <p className="muted">
            No mappings yet. Drag a source field onto a target field, or use Auto-map. Keyboard: focus a source field, press Enter, then a target field and Enter.
          </p>
        ) : (
          <ul className="mlist" aria-label="All mappings">
            {mappings.map((m, i) => {
              const src = m.source ?? (m.action === 'concat' ? (m.parts ?? []).map((p) => (p.type === 'field' ? p.value : JSON.stringify(p.value))).join(' + ') : m.action === 'set_static' ? JSON.stringify(m.value) : '');
              return (
                <li key={i}>
                  <button type="button" className={`mlist__item${errors.has(i) ? ' is-error' : ''}`} onClick={() => onSelect(i)} aria-label={`Edit mapping ${m.target}`}>
                    <span className={`chip chip--${m.action} chip--static`}>{ACTION_SHORT[m.action]}</span>
                    <span className="mono mlist__src">{src || '—'}</span>
                    <span aria-hidden="true">→</span>
                    <span className="mono mlist__tgt">{m.target}</span>
                    {hidden.has(i) ? <span className="faint" title="A field of this mapping is hidden by a filter or not in the schema">◌</span> : null}
                    {errors.has(i) ? <span className="flag">{errors.get(i)}</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}

function AutoMapDialog({ suggestions, onClose, onApply }: { suggestions: Suggestion[] | null; onClose(): void; onApply(accepted: Suggestion[]): void }) {
  const [off, setOff] = useState<Set<string>>(new Set());
  useEffect(() => setOff(new Set()), [suggestions]);
  const list = suggestions ?? [];
  const accepted = list.filter((s) => !off.has(s.target));
  return (
    <Dialog
      open={suggestions !== null}
      title="Auto-map suggestions"
      onClose={onClose}
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={accepted.length === 0} onClick={() => onApply(accepted)}>
            Map {accepted.length} field{accepted.length === 1 ? '' : 's'}
          </Button>
        </>
      }
    >
      {list.length === 0 ? (
        <p className="muted">No suggestions: every target with a similarly named, type-compatible source is already mapped.</p>
      ) : (
        <>
          <p className="muted">By normalised name and type compatibility. Targets you already mapped are never touched.</p>
          <table className="table automap">
            <thead>
              <tr>
                <th scope="col">Use</th>
                <th scope="col">Source</th>
                <th scope="col">Target</th>
                <th scope="col">Action</th>
                <th scope="col">Score</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.target}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Map ${s.source} to ${s.target}`}
                      checked={!off.has(s.target)}
                      onChange={(e) =>
                        setOff((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.delete(s.target);
                          else next.add(s.target);
                          return next;
                        })
                      }
                    />
                  </td>
                  <td className="mono">{s.source}</td>
                  <td className="mono">{s.target}</td>
                  <td>{ACTION_LABELS[s.action]}</td>
                  <td className="mono">{Math.round(s.score * 100)}%</td>
                  <td className="muted">{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Dialog>
  );
}
