/** Search for the combobox: every whitespace-separated term must appear in the option's text. */
export interface SearchableOption {
  value: string;
  label: string;
  description?: string;
  keywords?: string;
}

export function optionText(o: SearchableOption): string {
  return `${o.label} ${o.description ?? ''} ${o.keywords ?? ''}`.toLowerCase();
}

export function filterOptions<T extends SearchableOption>(options: readonly T[], query: string): T[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...options];
  return options.filter((o) => {
    const text = optionText(o);
    return terms.every((t) => text.includes(t));
  });
}

/** Next active index for arrow/home/end keys, wrapping at both ends; -1 when the list is empty. */
export function moveActive(current: number, count: number, key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp'): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, Math.max(0, current) + 10);
    case 'PageUp':
      return Math.max(0, current - 10);
  }
}
