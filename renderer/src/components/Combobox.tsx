import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { filterOptions, moveActive, type SearchableOption } from '../lib/filter-options';

export interface ComboOption extends SearchableOption {
  /** Rendered before the label (e.g. an HTTP method tag). */
  prefix?: ReactNode;
  /** Rendered after the label (e.g. a score badge). */
  suffix?: ReactNode;
  /** Text shown in the closed input when chosen (defaults to the label). */
  display?: string;
}

export interface ComboboxProps {
  options: readonly ComboOption[];
  value: string | null;
  onChange(value: string | null): void;
  /** Accessible name when no <label htmlFor> points at `id`. */
  ariaLabel?: string;
  id?: string;
  describedBy?: string;
  placeholder?: string;
  /** Offer a "none" entry that clears the value. */
  clearable?: boolean;
  noneLabel?: string;
}

const NONE = '\u0000none';

/**
 * A searchable single-select (ARIA 1.2 combobox with a listbox popup): type to filter,
 * arrows/Home/End/PageUp/PageDown to move, Enter to choose, Escape to close. Long lists are
 * virtualised, so a 2,000-operation spec stays smooth.
 */
export function Combobox({ options, value, onChange, ariaLabel, id, describedBy, placeholder, clearable, noneLabel = '— none —' }: ComboboxProps) {
  const autoId = useId();
  const inputId = id ?? `${autoId}-input`;
  const listId = `${autoId}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const selected = options.find((o) => o.value === value) ?? null;
  const all = useMemo<ComboOption[]>(
    () => (clearable ? [{ value: NONE, label: noneLabel }, ...options] : [...options]),
    [options, clearable, noneLabel],
  );
  const filtered = useMemo(() => filterOptions(all, query), [all, query]);

  const virtualizer = useVirtualizer({
    count: open ? filtered.length : 0,
    getScrollElement: () => listRef.current,
    estimateSize: (i) => (filtered[i]?.description ? 42 : 28),
    overscan: 8,
  });

  useEffect(() => {
    if (open && active >= 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, open, virtualizer]);

  const openList = () => {
    if (open) return;
    setOpen(true);
    setQuery('');
    const index = all.findIndex((o) => o.value === (value ?? (clearable ? NONE : '')));
    setActive(index);
  };

  const choose = (option: ComboOption | undefined) => {
    if (!option) return;
    onChange(option.value === NONE ? null : option.value);
    setOpen(false);
    setQuery('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
      case 'PageDown':
      case 'PageUp':
        e.preventDefault();
        if (!open) {
          openList();
          return;
        }
        setActive((a) => moveActive(a, filtered.length, e.key as 'ArrowDown'));
        return;
      case 'Home':
      case 'End':
        if (!open) return;
        e.preventDefault();
        setActive(moveActive(active, filtered.length, e.key));
        return;
      case 'Enter':
        if (open) {
          e.preventDefault();
          choose(filtered[active]);
        }
        return;
      case 'Escape':
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          setQuery('');
        }
        return;
      case 'Tab':
        setOpen(false);
        setQuery('');
        return;
    }
  };

  const activeId = open && active >= 0 && active < filtered.length ? `${autoId}-opt-${active}` : undefined;

  return (
    <div className="combobox">
      <input
        ref={inputRef}
        id={inputId}
        className="input combobox__input"
        role="combobox"
        aria-label={ariaLabel}
        aria-describedby={describedBy}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder ?? 'Search…'}
        value={open ? query : (selected?.display ?? selected?.label ?? '')}
        onChange={(e) => {
          if (!open) setOpen(true);
          setQuery(e.target.value);
          setActive(0);
        }}
        onClick={openList}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setQuery('');
        }}
      />
      <span className="combobox__caret" aria-hidden="true">
        ▼
      </span>
      <ul ref={listRef} id={listId} role="listbox" className="combobox__list" hidden={!open} aria-label={ariaLabel}>
        {open && filtered.length === 0 ? <li className="combobox__empty">No match for “{query}”</li> : null}
        {open && filtered.length > 0 ? (
          <li role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            <ul role="presentation" className="list-plain">
              {virtualizer.getVirtualItems().map((item) => {
                const option = filtered[item.index];
                if (!option) return null;
                const isSelected = option.value === value || (value === null && option.value === NONE);
                return (
                  <li
                    key={option.value}
                    id={`${autoId}-opt-${item.index}`}
                    role="option"
                    aria-selected={isSelected}
                    data-active={item.index === active}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="combobox__option"
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseEnter={() => setActive(item.index)}
                    onClick={() => choose(option)}
                  >
                    <span className="combobox__option-label">
                      {option.prefix}
                      <span className="mono" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: 1 }}>
                        {option.label}
                      </span>
                      {option.suffix}
                    </span>
                    {option.description ? <span className="combobox__option-desc">{option.description}</span> : null}
                  </li>
                );
              })}
            </ul>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
