import { describe, expect, it } from 'vitest';
import {
  acceptSuggestions,
  nameSimilarity,
  nameTokens,
  normaliseName,
  suggestMappings,
  typeCompatibility,
} from '../../../shared/common/mapping/automap';
import type { Mapping } from '../../../shared/common/project/model';
import { field, JOB_CREATE, WORK_ORDER } from './fixtures';

describe('name normalisation', () => {
  it('splits camelCase, snake_case and kebab-case the same way', () => {
    expect(nameTokens('postalCode')).toEqual(['postal', 'code']);
    expect(nameTokens('postal_code')).toEqual(['postal', 'code']);
    expect(nameTokens('HTTPStatus-code')).toEqual(['http', 'status', 'code']);
    expect(normaliseName('PostalCode')).toBe(normaliseName('postal_code'));
    expect(normaliseName('Notes')).toBe(normaliseName('note'));
  });

  it('scores the same leaf above synonyms above partial overlap, and unrelated names 0', () => {
    const same = nameSimilarity('location.city', 'site.address.city').score;
    const syn = nameSimilarity('location.zip', 'site.address.postal').score;
    const none = nameSimilarity('pay.base.units', 'title').score;
    expect(same).toBeGreaterThan(syn);
    expect(syn).toBeGreaterThan(0);
    expect(none).toBe(0);
  });
});

describe('type compatibility', () => {
  it('is 1 for equal types, lower for safe widening, 0 for lossy or structural mismatches', () => {
    expect(typeCompatibility('string', 'string')).toBe(1);
    expect(typeCompatibility('integer', 'number')).toBeGreaterThan(0.8);
    expect(typeCompatibility('number', 'string')).toBeGreaterThan(0);
    expect(typeCompatibility('string', 'number')).toBe(0);
    expect(typeCompatibility('object', 'string')).toBe(0);
    expect(typeCompatibility('string|null', 'string')).toBe(1);
  });
});

describe('suggestMappings', () => {
  it('suggests by name and type, one source per target, best first', () => {
    const s = suggestMappings(WORK_ORDER, JOB_CREATE, []);
    const pairs = s.map((x) => `${x.source}→${x.target}`);
    expect(pairs).toContain('title→title');
    expect(pairs).toContain('location.city→site.address.city');
    expect(pairs).toContain('location.country→site.address.country');
    expect(pairs).toContain('location.address1→site.address.line1');
    expect(pairs).toContain('location.zip→site.address.postal_code');
    // status.name is not a number, and `description` (object) is not a leaf.
    expect(pairs.some((p) => p.endsWith('→estimated_hours'))).toBe(false);
    expect(pairs.some((p) => p.startsWith('description→'))).toBe(false);
    const targets = s.map((x) => x.target);
    expect(new Set(targets).size).toBe(targets.length);
    const scores = s.map((x) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('marks enum targets as value maps instead of plain syncs', () => {
    const s = suggestMappings(WORK_ORDER, JOB_CREATE, []);
    expect(s.find((x) => x.target === 'priority')).toMatchObject({ source: 'priority', action: 'array_map' });
    const p = suggestMappings(
      [field('prio', 'string', { enum: ['low', 'high'] })],
      [field('prio', 'string', { enum: ['low', 'normal', 'high'] })],
      [],
    );
    expect(p[0]?.action).toBe('sync');
  });

  it('never suggests a target the user already mapped (or an object above it)', () => {
    const existing: Mapping[] = [
      { target: 'title', action: 'set_static', value: 'Fixed' },
      { target: 'site.address', action: 'custom', script: '{}' },
    ];
    const s = suggestMappings(WORK_ORDER, JOB_CREATE, existing);
    expect(s.some((x) => x.target === 'title')).toBe(false);
    expect(s.some((x) => x.target.startsWith('site.address.'))).toBe(false);
  });

  it('accepting appends and never replaces, even for a stale suggestion', () => {
    const existing: Mapping[] = [{ target: 'title', action: 'set_static', value: 'Fixed' }];
    const out = acceptSuggestions(
      existing,
      [
        { source: 'title', target: 'title', score: 1, reason: '', action: 'sync' },
        { source: 'priority', target: 'priority', score: 0.9, reason: '', action: 'array_map' },
      ],
      JOB_CREATE,
    );
    expect(out[0]).toBe(existing[0]);
    expect(out).toHaveLength(2);
    expect(out[1]).toEqual({
      source: 'priority',
      target: 'priority',
      action: 'array_map',
      mappings: ['low', 'normal', 'high', 'urgent'].map((v) => ({ compare: v, value: v })),
    });
  });
});
