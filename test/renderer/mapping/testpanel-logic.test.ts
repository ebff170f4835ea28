import { describe, expect, it } from 'vitest';
import { apiMessage, diffSentReturned, normaliseValidationPath, redactHeaders, statusText } from '../../../renderer/src/features/testpanel/logic';

describe('sent vs returned diff', () => {
  it('reports dropped, changed and added fields at their paths', () => {
    const sent = { title: 'Fix POS', site: { address: { city: 'Springfield', zip: '1' } }, tags: ['a', 'b'], when: '2026-03-10T14:00:00Z' };
    const returned = { id: 'job_1', title: 'Fix POS', site: { address: { city: 'Springfield' } }, tags: ['a'], when: '2026-03-10T14:00:00.000Z' };
    expect(diffSentReturned(sent, returned)).toEqual([
      { path: 'site.address.zip', kind: 'dropped', sent: '1' },
      { path: 'tags[1]', kind: 'dropped', sent: 'b' },
      { path: 'when', kind: 'changed', sent: '2026-03-10T14:00:00Z', returned: '2026-03-10T14:00:00.000Z' },
      { path: 'id', kind: 'added', returned: 'job_1' },
    ]);
  });

  it('is empty when the API returns exactly what was sent', () => {
    expect(diffSentReturned({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } })).toEqual([]);
  });

  it('treats a type change as changed, not equal', () => {
    expect(diffSentReturned({ n: 1 }, { n: '1' })).toEqual([{ path: 'n', kind: 'changed', sent: 1, returned: '1' }]);
  });
});

describe('redaction and messages', () => {
  it('never shows an Authorization value in clear', () => {
    const h = redactHeaders({ Authorization: 'Basic ZGVtbzpkZW1vLXNhbmRib3gtcGFzcw==', 'content-type': 'application/json', Cookie: 'sid=1' });
    expect(h).toEqual({ Authorization: 'Basic [redacted]', 'content-type': 'application/json', Cookie: '[redacted]' });
    expect(JSON.stringify(h)).not.toContain('ZGVtbz');
    expect(redactHeaders({ authorization: 'Basic [REDACTED]' }).authorization).toBe('Basic [REDACTED]');
  });

  it('extracts the API message and details from a 400 body', () => {
    expect(apiMessage({ error: 'validation_failed', message: 'body is invalid', details: [{ path: 'site.address.city', message: 'is required' }] })).toBe(
      'body is invalid; site.address.city: is required',
    );
    expect(apiMessage('plain text')).toBe('plain text');
    expect(apiMessage(null)).toBeNull();
    expect(statusText(401)).toBe('authentication failed');
    expect(statusText(400)).toBe('validation failed');
  });

  it('turns JSON-pointer validation paths into dot paths', () => {
    expect(normaliseValidationPath('/site/address/city')).toBe('site.address.city');
    expect(normaliseValidationPath('/line_items/0/sku')).toBe('line_items[0].sku');
    expect(normaliseValidationPath('priority')).toBe('priority');
    expect(normaliseValidationPath('')).toBe('');
  });
});
