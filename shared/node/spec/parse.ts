/**
 * Bytes → text → JSON value, with explicit errors: encoding problems, syntax errors with a
 * 1-based `file:line:column`. YAML is read with the YAML 1.2 core schema (js-yaml CORE_SCHEMA):
 * `yes`/`off`/`NO` and unquoted dates stay strings, only true/false are booleans.
 */
import jsYaml from 'js-yaml';
import { StudioError } from '../../common/api/define';

export type SourceFormat = 'json' | 'yaml';

/** Find the first byte where a buffer stops being valid UTF-8 (or -1). */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i] as number;
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function lineColOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: end - last };
}

export function decodeBytes(buf: Uint8Array, file: string): string {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw new StudioError('encoding', 'the file is UTF-16 encoded; save it as UTF-8', { file, line: 1, column: 1 });
  }
  if (buf.length >= 4 && ((buf[0] === 0 && buf[1] !== 0 && buf[2] === 0) || (buf[0] !== 0 && buf[1] === 0 && buf[3] === 0))) {
    throw new StudioError('encoding', 'the file looks UTF-16 encoded (no byte order mark); save it as UTF-8', { file, line: 1, column: 1 });
  }
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  const body = buf.subarray(start);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, Math.max(0, bad)));
    const pos = lineColOf(prefix, prefix.length);
    const byte = body[bad];
    throw new StudioError(
      'encoding',
      `invalid UTF-8 byte 0x${(byte ?? 0).toString(16).padStart(2, '0')} at byte offset ${bad + start}; the file must be UTF-8`,
      { file, line: pos.line, column: pos.column },
    );
  }
}

export function detectFormat(text: string, nameHint: string): SourceFormat {
  const first = text.match(/^\s*(\S)/)?.[1];
  if (first === '{' || first === '[') return 'json';
  if (/\.json$/i.test(nameHint) && first !== undefined && first !== '-' && !/^[A-Za-z_"']/.test(first)) return 'json';
  return 'yaml';
}

function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const lc = message.match(/line (\d+) column (\d+)/);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = message.match(/position (\d+)/);
  if (pos) return lineColOf(text, Number(pos[1]));
  return lineColOf(text, text.length);
}

export function parseText(text: string, file: string, format: SourceFormat): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (err) {
      const raw = err instanceof Error ? err.message : String(err);
      const where = jsonErrorPosition(text, raw);
      const message = raw.replace(/,? ?"(?:[^"\\]|\\.)*"(?:\.\.\.)? is not valid JSON/, '').replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, '');
      throw new StudioError('unparseable', `JSON syntax error: ${message.trim() || 'invalid JSON'}`, { file, ...where });
    }
  }
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file, json: true });
  } catch (err) {
    if (err instanceof jsYaml.YAMLException) {
      const mark = err.mark as { line?: number; column?: number } | undefined;
      return rethrowYaml(err.reason || err.message, file, (mark?.line ?? 0) + 1, (mark?.column ?? 0) + 1);
    }
    throw new StudioError('unparseable', `YAML syntax error: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
}

function rethrowYaml(reason: string, file: string, line: number, column: number): never {
  throw new StudioError('unparseable', `YAML syntax error: ${reason}`, { file, line, column });
}
