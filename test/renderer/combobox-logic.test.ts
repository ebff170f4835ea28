import { describe, expect, it } from 'vitest';
import { filterOptions, moveActive } from '../../renderer/src/lib/filter-options';

const options = [
  { value: 'GET /jobs/{id}', label: '/jobs/{id}', description: 'Fetch a job', keywords: 'GET getJob jobs' },
  { value: 'POST /jobs', label: '/jobs', description: 'Create a job', keywords: 'POST createJob jobs' },
  { value: 'GET /customers/{customer}', label: '/customers/{customer}', description: 'Retrieve a customer', keywords: 'GET GetCustomersCustomer' },
];

describe('combobox search', () => {
  it.each([
    { query: '', expected: 3 },
    { query: '   ', expected: 3 },
    { query: 'jobs', expected: 2 },
    { query: 'post jobs', expected: 1 },
    { query: 'CUSTOMER retrieve', expected: 1 },
    { query: 'delete', expected: 0 },
  ])('"$query" matches $expected option(s): every term, any field, any case', ({ query, expected }) => {
    expect(filterOptions(options, query)).toHaveLength(expected);
  });

  it('keeps the original order (best suggestion first)', () => {
    expect(filterOptions(options, 'job').map((o) => o.value)).toEqual(['GET /jobs/{id}', 'POST /jobs']);
  });
});

describe('combobox keyboard movement', () => {
  it.each([
    { current: -1, key: 'ArrowDown', expected: 0 },
    { current: 0, key: 'ArrowDown', expected: 1 },
    { current: 4, key: 'ArrowDown', expected: 0 },
    { current: 0, key: 'ArrowUp', expected: 4 },
    { current: 3, key: 'ArrowUp', expected: 2 },
    { current: 2, key: 'Home', expected: 0 },
    { current: 2, key: 'End', expected: 4 },
    { current: 1, key: 'PageDown', expected: 4 },
    { current: 3, key: 'PageUp', expected: 0 },
  ] as const)('$key from $current in 5 options → $expected', ({ current, key, expected }) => {
    expect(moveActive(current, 5, key)).toBe(expected);
  });

  it('has no active option in an empty list', () => {
    expect(moveActive(0, 0, 'ArrowDown')).toBe(-1);
  });
});
