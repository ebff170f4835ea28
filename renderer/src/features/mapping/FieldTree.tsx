/**
 * One side of the canvas: a virtualised, collapsible, filterable field tree (500+ fields stay
 * smooth: only the visible rows are in the DOM). Keyboard: ↑/↓ move, ←/→ collapse/expand,
 * Enter/Space select (source: arm for connecting; target: connect or open its mapping).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useImperativeHandle, useRef, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import type { FieldRow, Side } from '../../../../shared/common/mapping/canvas';

export const ROW_HEIGHT = 26;

export interface FieldTreeHandle {
  scrollToKey(key: string): void;
  focusKey(key: string): void;
}

export interface FieldTreeProps {
  side: Side;
  label: string;
  rows: readonly FieldRow[];
  filter: string;
  onFilter(text: string): void;
  onToggle(key: string): void;
  onScroll(scrollTop: number, height: number): void;
  /** Keys with at least one mapping. */
  mapped: ReadonlySet<string>;
  /** Keys with a mapping somewhere below them (shown on collapsed rows). */
  partial?: ReadonlySet<string>;
  /** Required keys without a mapping (target side). */
  missing?: ReadonlySet<string>;
  /** Highlighted key (armed source / selected mapping's ends). */
  active: ReadonlySet<string>;
  focused: string | null;
  onFocusKey(key: string): void;
  onActivate(key: string): void;
  onPointerDownRow?(key: string, e: PointerEvent<HTMLDivElement>): void;
  handle?: Ref<FieldTreeHandle>;
  footer?: string;
}

function typeLabel(type: string): string {
  return type.replace(/\|null$/, '?');
}

const Row = memo(function Row({
  row,
  side,
  top,
  isMapped,
  isPartial,
  isMissing,
  isActive,
  isFocused,
  onToggle,
  onFocusKey,
  onActivate,
  onPointerDownRow,
}: {
  row: FieldRow;
  side: Side;
  top: number;
  isMapped: boolean;
  isPartial: boolean;
  isMissing: boolean;
  isActive: boolean;
  isFocused: boolean;
  onToggle(key: string): void;
  onFocusKey(key: string): void;
  onActivate(key: string): void;
  onPointerDownRow?: ((key: string, e: PointerEvent<HTMLDivElement>) => void) | undefined;
}) {
  const n = row.node;
  const enumText = n.enum && n.enum.length > 0 ? n.enum.map((v) => String(v)).join(' · ') : null;
  return (
    <div
      role="treeitem"
      aria-label={n.key}
      aria-level={row.depth + 1}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={isActive}
      tabIndex={isFocused ? 0 : -1}
      data-side={side}
      data-field-key={n.key}
      className={`ftree__row${isActive ? ' is-active' : ''}${isMissing ? ' is-missing' : ''}${row.match ? ' is-match' : ''}${n.synthetic ? ' is-synthetic' : ''}`}
      style={{ transform: `translateY(${top}px)`, paddingLeft: 6 + row.depth * 14 }}
      title={[n.key, n.description, enumText ? `one of: ${enumText}` : null].filter(Boolean).join('\n')}
      onFocus={() => onFocusKey(n.key)}
      onClick={() => onActivate(n.key)}
      onPointerDown={onPointerDownRow ? (e) => onPointerDownRow(n.key, e) : undefined}
    >
      {row.hasChildren ? (
        <button
          type="button"
          className="ftree__twisty"
          tabIndex={-1}
          aria-hidden="true"
          onPointerDown={(e) => e.stopPropagation()}
          onClick={(e) => {
            e.stopPropagation();
            onToggle(n.key);
          }}
        >
          {row.expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span className="ftree__twisty" aria-hidden="true" />
      )}
      <span className="ftree__name">{n.name}</span>
      {n.required ? (
        <span className="ftree__req" aria-hidden="true" title="required">
          *
        </span>
      ) : null}
      <span className="ftree__spacer" />
      {enumText ? (
        <span className="ftree__enum" aria-hidden="true" title={`one of: ${enumText}`}>
          enum {n.enum?.length}
        </span>
      ) : null}
      <span className="ftree__type" aria-hidden="true">
        {typeLabel(n.type)}
        {n.format ? `:${n.format}` : ''}
      </span>
      <span className={`ftree__dot${isMapped ? ' is-mapped' : isPartial ? ' is-partial' : ''}`} aria-hidden="true" />
    </div>
  );
});

export function FieldTree(props: FieldTreeProps) {
  const { rows, side, onScroll } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const report = useCallback(() => {
    const el = scrollRef.current;
    if (el) onScroll(el.scrollTop, el.clientHeight);
  }, [onScroll]);
  useEffect(() => {
    report();
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(report);
    ro.observe(el);
    return () => ro.disconnect();
  }, [report]);

  const indexOf = (key: string) => rows.findIndex((r) => r.node.key === key);
  const focusKey = (key: string) => {
    const i = indexOf(key);
    if (i < 0) return;
    virtual.scrollToIndex(i, { align: 'auto' });
    props.onFocusKey(key);
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-field-key="${CSS.escape(key)}"]`)?.focus();
    });
  };
  useImperativeHandle(props.handle, () => ({
    scrollToKey(key: string) {
      const i = indexOf(key);
      if (i >= 0) virtual.scrollToIndex(i, { align: 'center' });
    },
    focusKey,
  }));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = props.focused ?? rows[0]?.node.key;
    if (!current) return;
    const i = indexOf(current);
    const row = rows[i];
    const go = (j: number) => {
      const next = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (next) focusKey(next.node.key);
    };
    switch (e.key) {
      case 'ArrowDown':
        go(i + 1);
        break;
      case 'ArrowUp':
        go(i - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(rows.length - 1);
        break;
      case 'PageDown':
        go(i + 15);
        break;
      case 'PageUp':
        go(i - 15);
        break;
      case 'ArrowRight':
        if (row?.hasChildren && !row.expanded) props.onToggle(current);
        else go(i + 1);
        break;
      case 'ArrowLeft':
        if (row?.hasChildren && row.expanded) props.onToggle(current);
        else {
          // to the parent
          for (let j = i - 1; j >= 0; j--) {
            if ((rows[j]?.depth ?? 0) < (row?.depth ?? 0)) {
              go(j);
              break;
            }
          }
        }
        break;
      case 'Enter':
      case ' ':
        props.onActivate(current);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const focused = props.focused !== null && indexOf(props.focused) >= 0 ? props.focused : (rows[0]?.node.key ?? null);
  return (
    <div className={`ftree ftree--${side}`}>
      <div className="ftree__head">
        <input
          className="input ftree__search"
          type="search"
          aria-label={`Filter ${props.label.toLowerCase()}`}
          placeholder={`Filter ${props.label.toLowerCase()}…`}
          value={props.filter}
          onChange={(e) => props.onFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && rows[0]) {
              e.preventDefault();
              focusKey(focused ?? rows[0].node.key);
            }
          }}
        />
      </div>
      <div className="ftree__scroll" ref={scrollRef} onScroll={report}>
        <div role="tree" aria-label={props.label} aria-multiselectable="false" className="ftree__body" style={{ height: virtual.getTotalSize() }} onKeyDown={onKeyDown}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const k = row.node.key;
            return (
              <Row
                key={k}
                row={row}
                side={side}
                top={item.start}
                isMapped={props.mapped.has(k)}
                isPartial={!row.expanded && (props.partial?.has(k) ?? false)}
                isMissing={props.missing?.has(k) ?? false}
                isActive={props.active.has(k)}
                isFocused={k === focused}
                onToggle={props.onToggle}
                onFocusKey={props.onFocusKey}
                onActivate={props.onActivate}
                onPointerDownRow={props.onPointerDownRow}
              />
            );
          })}
        </div>
        {rows.length === 0 ? <div className="ftree__empty">{props.filter ? 'No field matches the filter' : 'No fields'}</div> : null}
      </div>
      {props.footer ? <div className="ftree__foot">{props.footer}</div> : null}
    </div>
  );
}
