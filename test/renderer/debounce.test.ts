import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from '../../renderer/src/lib/debounce';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once with the last arguments after the quiet period', () => {
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 1000);
    d(1);
    vi.advanceTimersByTime(600);
    d(2);
    vi.advanceTimersByTime(600);
    expect(calls).toEqual([]);
    expect(d.pending()).toBe(true);
    vi.advanceTimersByTime(400);
    expect(calls).toEqual([2]);
    expect(d.pending()).toBe(false);
  });

  it('flush runs a pending call at once and only once; cancel drops it', () => {
    const calls: string[] = [];
    const d = debounce((s: string) => calls.push(s), 1000);
    d.flush();
    expect(calls).toEqual([]);
    d('x');
    d.flush();
    expect(calls).toEqual(['x']);
    vi.advanceTimersByTime(2000);
    expect(calls).toEqual(['x']);
    d('y');
    d.cancel();
    vi.advanceTimersByTime(2000);
    expect(calls).toEqual(['x']);
  });
});
