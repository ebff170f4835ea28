/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes a bundle's signature covers.
 *
 * - Objects: members sorted by their names as sequences of UTF-16 code units; members whose
 *   value is `undefined` are left out (as JSON.stringify does), so optional model fields that
 *   are present-but-undefined do not change the signed bytes.
 * - Numbers: the ECMAScript Number-to-String algorithm (shortest round-trip digits, exponent
 *   from 1e21 and below 1e-6); -0 is "0"; NaN and the infinities are refused (I-JSON).
 * - Strings: only `"`, `\` and the C0 controls are escaped; lone surrogates are refused.
 */

/** Thrown for values RFC 8785 cannot represent; `path` is a JSON path to the value. */
export class CanonicalJsonError extends Error {
  readonly path: string;
  constructor(message: string, path: string) {
    super(`${message} at ${path}`);
    this.name = 'CanonicalJsonError';
    this.path = path;
  }
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/** Serialises one string as RFC 8785 (and ECMAScript's JSON.stringify) prescribe. */
export function canonicalString(value: string, path = '$'): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) {
      out += short;
    } else if (unit < 0x20) {
      out += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new CanonicalJsonError('lone surrogate in string', path);
      out += value[i]! + value[i + 1]!;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      throw new CanonicalJsonError('lone surrogate in string', path);
    } else {
      out += value[i]!;
    }
  }
  return `${out}"`;
}

/** Serialises one number with the ECMAScript Number-to-String algorithm (RFC 8785 §3.2.2.3). */
export function canonicalNumber(value: number, path = '$'): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(`${String(value)} is not valid JSON`, path);
  if (Object.is(value, -0)) return '0';
  // String(number) is the engine's implementation of ECMAScript's Number::toString(10),
  // which is exactly the serialisation RFC 8785 adopts.
  return String(value);
}

/** Orders member names by their UTF-16 code units (not by code point, not by locale). */
export function compareUtf16(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function memberPath(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function serialise(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return canonicalNumber(value, path);
    case 'string':
      return canonicalString(value, path);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`a ${typeof value} is not valid JSON`, path);
  }
  if (Array.isArray(value)) {
    const parts = value.map((item, i) => {
      if (item === undefined) throw new CanonicalJsonError('undefined is not valid JSON', `${path}[${i}]`);
      return serialise(item, `${path}[${i}]`);
    });
    return `[${parts.join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new CanonicalJsonError('only plain objects can be canonicalised', path);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort(compareUtf16);
  const members = keys.map((k) => `${canonicalString(k, path)}:${serialise(record[k], memberPath(path, k))}`);
  return `{${members.join(',')}}`;
}

/** The RFC 8785 canonical form of a JSON value, as a string (encode it as UTF-8 to sign). */
export function canonicalize(value: unknown): string {
  return serialise(value, '$');
}
