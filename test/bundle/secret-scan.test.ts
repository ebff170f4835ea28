import { describe, expect, it } from 'vitest';
import { buildBundlePayload } from '../../shared/common/bundle/format';
import { scanForSecrets } from '../../shared/common/bundle/secret-scan';
import { sampleProject } from './fixtures/project';

const STORED = 'Tr0ub4dor&3-horse';

function payloadWith(mutate: (p: ReturnType<typeof sampleProject>) => void): unknown {
  const project = sampleProject('a'.repeat(64));
  mutate(project);
  return buildBundlePayload({
    project,
    specSha256: 'a'.repeat(64),
    operations: [],
    utilLibsonnetSha256: 'b'.repeat(64),
    appVersion: '0.1.0',
    author: 'ada',
    createdAt: '2026-12-03T10:00:00.000Z',
    credentialRefs: { sandbox: 'project:prj_bundle_fixture:sandbox' },
  });
}

describe('secret scan', () => {
  it('finds nothing in a clean bundle payload', () => {
    expect(scanForSecrets(payloadWith(() => {}), [{ value: STORED, label: 'the stored password' }])).toEqual([]);
  });

  it.each([
    {
      case: 'the stored password inside a custom script',
      mutate: (p: ReturnType<typeof sampleProject>) => (p.mappings.outbound[2]!.script = `"${STORED}"`),
      path: '$.mappings.outbound.mappings[2].script',
      reason: 'the stored password',
    },
    {
      case: 'the stored password inside a static value',
      mutate: (p: ReturnType<typeof sampleProject>) => (p.mappings.outbound[1]!.value = `x${STORED}x`),
      path: '$.mappings.outbound.mappings[1].value',
      reason: 'the stored password',
    },
    {
      case: 'a Basic authorization header value',
      mutate: (p: ReturnType<typeof sampleProject>) => (p.mappings.inbound[0]!.default = 'Basic ZGVtbzpzZWNyZXQ='),
      path: '$.mappings.inbound.mappings[0].default',
      reason: 'a Basic authorization header value',
    },
    {
      case: 'a bearer token in a base URL comment-ish string',
      mutate: (p: ReturnType<typeof sampleProject>) => (p.environments.sandbox!.baseUrl = 'http://h/?auth=Bearer abcdefghijklmnop.qrs'),
      path: '$.credentials[0].baseUrl',
      reason: 'a bearer token',
    },
    {
      case: 'a password member inside a static object value',
      mutate: (p: ReturnType<typeof sampleProject>) => (p.mappings.outbound[1]!.value = { user: 'u', password: 'hunter22' }),
      path: '$.mappings.outbound.mappings[1].value.password',
      reason: 'a "password" member with a value',
    },
    {
      case: 'password": written in Jsonnet text',
      mutate: (p: ReturnType<typeof sampleProject>) => (p.mappings.outbound[2]!.script = '{ "password": "letmein" }'),
      path: '$.mappings.outbound.mappings[2].script',
      reason: 'a password or API key value written in the text',
    },
    {
      case: 'a PEM private key',
      mutate: (p: ReturnType<typeof sampleProject>) => (p.metadataAdapter = '// -----BEGIN RSA PRIVATE KEY-----\nMIIE...'),
      path: '$.metadataAdapter',
      reason: 'a PEM private key',
    },
    {
      case: 'an AWS access key ID',
      mutate: (p: ReturnType<typeof sampleProject>) => (p.mappings.outbound[1]!.value = 'AKIAIOSFODNN7EXAMPLE'),
      path: '$.mappings.outbound.mappings[1].value',
      reason: 'an AWS access key ID',
    },
    {
      case: 'a fixed value mapped to a password target',
      mutate: (p: ReturnType<typeof sampleProject>) => p.mappings.outbound.push({ target: 'auth.password', action: 'set_static', value: 'x' }),
      path: '$.mappings.outbound.mappings[4]',
      reason: 'a fixed value mapped to the credential-like field "auth.password"',
    },
  ])('finds $case and names where', ({ mutate, path, reason }) => {
    const findings = scanForSecrets(payloadWith(mutate), [{ value: STORED, label: 'the stored password' }]);
    expect(findings).toContainEqual({ path, reason });
  });

  it('never puts the secret itself into a finding', () => {
    const findings = scanForSecrets(payloadWith((p) => (p.mappings.outbound[2]!.script = `"${STORED}"`)), [{ value: STORED, label: 'pw' }]);
    expect(findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(findings)).not.toContain(STORED);
  });

  it('flags a private JWK anywhere in the payload', () => {
    const findings = scanForSecrets({ a: [{ kty: 'OKP', crv: 'Ed25519', x: 'abc', d: 'def' }] });
    expect(findings).toContainEqual({ path: '$.a[0]', reason: 'a private key (JWK with a "d" member)' });
  });
});
