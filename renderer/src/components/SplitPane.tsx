import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

export interface SplitPaneProps {
  left: ReactNode;
  right: ReactNode;
  /** Initial width of the left pane in px. */
  initial?: number;
  min?: number;
  max?: number;
  label: string;
}

/** Two panes side by side with a draggable, keyboard-operable separator (arrow keys, Home/End). */
export function SplitPane({ left, right, initial = 360, min = 200, max = 900, label }: SplitPaneProps) {
  const [width, setWidth] = useState(initial);
  const start = useRef<{ x: number; width: number } | null>(null);
  const clamp = (w: number) => Math.max(min, Math.min(max, w));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    start.current = { x: e.clientX, width };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (start.current) setWidth(clamp(start.current.width + e.clientX - start.current.x));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 64 : 16;
    if (e.key === 'ArrowLeft') setWidth((w) => clamp(w - step));
    else if (e.key === 'ArrowRight') setWidth((w) => clamp(w + step));
    else if (e.key === 'Home') setWidth(min);
    else if (e.key === 'End') setWidth(max);
    else return;
    e.preventDefault();
  };
  return (
    <div className="split">
      <div className="split__pane" style={{ width, flex: 'none' }}>
        {left}
      </div>
      <div
        className="split__handle"
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-orientation="vertical"
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={width}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (start.current = null)}
        onKeyDown={onKeyDown}
      />
      <div className="split__pane split__pane--rest">{right}</div>
    </div>
  );
}
