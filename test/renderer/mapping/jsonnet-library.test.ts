import { describe, expect, it } from 'vitest';
import { completionContext, inputChildren, lookupLibrary, STD_FUNCTIONS, UTIL_FUNCTIONS } from '../../../renderer/src/monaco/jsonnet-library';

describe('Jsonnet completion data', () => {
  it('lists the 14 documented $.util functions', () => {
    expect(UTIL_FUNCTIONS.map((f) => f.name)).toEqual([
      'lookup_field',
      'lookup_custom_field',
      'array_map',
      'range_map',
      'date_convert',
      'date_time_format_fn_utc',
      'date_add',
      'array_sum',
      'object_map_array',
      'results_values',
      'results_values_unique',
      'results_group_by',
      'is_expense_approved_fn',
      'sum_expense_field',
    ]);
  });

  it('has a signature and a one-line description for every std function, each name once', () => {
    const names = STD_FUNCTIONS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of STD_FUNCTIONS) {
      expect(f.doc.length).toBeGreaterThan(8);
      expect(f.doc).not.toContain('\n');
    }
    // The functions the broker's docs use in their examples are all there.
    for (const n of ['asciiUpper', 'asciiLower', 'split', 'length', 'stripChars', 'filter', 'map', 'round', 'toString', 'parseInt', 'isNumber', 'trace']) {
      expect(names).toContain(n);
    }
    expect(lookupLibrary('std.split')?.signature).toBe('split(str, c)');
    expect(lookupLibrary('$.util.lookup_field')?.namespace).toBe('$.util');
    expect(lookupLibrary('std.nope')).toBeNull();
  });

  it('knows what to complete from the text before the cursor', () => {
    expect(completionContext('local x = std.asc')).toEqual({ kind: 'std', prefix: 'asc' });
    expect(completionContext('$.util.')).toEqual({ kind: 'util', prefix: '' });
    expect(completionContext('x + $.input.location.ci')).toEqual({ kind: 'input', path: 'location', prefix: 'ci' });
    expect(completionContext('$.input.contacts[0].')).toEqual({ kind: 'input', path: 'contacts[]', prefix: '' });
    expect(completionContext('$.input.')).toEqual({ kind: 'input', path: '', prefix: '' });
    expect(completionContext('$.in')).toEqual({ kind: 'root', prefix: 'in' });
    expect(completionContext('local a = 1;')).toEqual({ kind: 'none' });
  });

  it('offers the children of a source path, arrays marked', () => {
    const keys = ['title', 'location', 'location.city', 'location.zip', 'contacts', 'contacts[].email', 'contacts[].name'];
    expect(inputChildren(keys, '')).toEqual([
      { name: 'title', key: 'title', isArray: false },
      { name: 'location', key: 'location', isArray: false },
      { name: 'contacts', key: 'contacts', isArray: true },
    ]);
    expect(inputChildren(keys, 'location').map((c) => c.name)).toEqual(['city', 'zip']);
    expect(inputChildren(keys, 'contacts[]').map((c) => c.name)).toEqual(['email', 'name']);
  });
});
