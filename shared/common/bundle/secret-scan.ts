/**
 * The export's last line of defence: look through a bundle payload for anything that is, or
 * looks like, a credential, and say where (a JSON path) and what kind — never the value itself.
 */
import type { SecretFinding } from '../api/calls-bundle';

/** A secret value known to belong to the project (a stored password), with how to name it. */
export interface KnownSecret {
  value: string;
  label: string;
}

interface Pattern {
  test: RegExp;
  reason: string;
}

const PATTERNS: readonly Pattern[] = [
  { test: /\bBasic\s+[A-Za-z0-9+/]{6,}={0,2}/, reason: 'a Basic authorization header value' },
  { test: /\bBearer\s+[A-Za-z0-9\-._~+/]{12,}=*/, reason: 'a bearer token' },
  { test: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, reason: 'a PEM private key' },
  { test: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, reason: 'an AWS access key ID' },
  { test: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{20,}/i, reason: 'an AWS secret access key' },
  {
    test: /["']?\b(?:password|passwd|pwd|client_secret|api[_-]?key|secret)\b["']?\s*[:=]\s*["'][^"'\s]{1,}["']/i,
    reason: 'a password or API key value written in the text',
  },
  { test: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, reason: 'a JSON Web Token' },
];

const SECRET_MEMBER = /^(?:password|passwd|pwd|secret|client_secret|api[_-]?key|access_token|refresh_token|token|private_key)$/i;
const SECRET_TARGET = /(?:^|[._\-\s[\]])(?:password|passwd|pwd|secret|api[_-]?key|token)(?:$|[._\-\s[\]])/i;

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function scanString(s: string, path: string, known: readonly KnownSecret[], out: SecretFinding[]): void {
  for (const k of known) {
    if (k.value.length >= 4 && s.includes(k.value)) out.push({ path, reason: k.label });
  }
  for (const p of PATTERNS) {
    if (p.test.test(s)) out.push({ path, reason: p.reason });
  }
}

function isNonEmpty(v: unknown): boolean {
  return v !== null && v !== undefined && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0);
}

function walk(value: unknown, path: string, known: readonly KnownSecret[], out: SecretFinding[]): void {
  if (typeof value === 'string') {
    scanString(value, path, known, out);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, childPath(path, i), known, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  if (typeof obj.kty === 'string' && typeof obj.d === 'string') {
    out.push({ path, reason: 'a private key (JWK with a "d" member)' });
  }
  // A mapping that writes a constant into a password-like target field carries a credential.
  if (
    typeof obj.target === 'string' &&
    SECRET_TARGET.test(obj.target) &&
    obj.action === 'set_static' &&
    (isNonEmpty(obj.value) || isNonEmpty(obj.default))
  ) {
    out.push({ path, reason: `a fixed value mapped to the credential-like field "${obj.target}"` });
  }
  for (const [k, v] of Object.entries(obj)) {
    const p = childPath(path, k);
    scanString(k, p, known, out);
    if (SECRET_MEMBER.test(k) && isNonEmpty(v)) out.push({ path: p, reason: `a "${k}" member with a value` });
    walk(v, p, known, out);
  }
}

/** Every place in `value` that holds a known secret or something shaped like a credential. */
export function scanForSecrets(value: unknown, known: readonly KnownSecret[] = []): SecretFinding[] {
  const out: SecretFinding[] = [];
  walk(value, '$', known, out);
  const seen = new Set<string>();
  return out.filter((f) => {
    const key = `${f.path}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
