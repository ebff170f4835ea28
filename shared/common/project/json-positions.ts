/**
 * A strict JSON parser (RFC 8259) that also records where every value and every object key
 * starts, keyed by JSON pointer. It exists so that a schema violation in a project file can be
 * reported as `file:line:column` at the offending key, which JSON.parse cannot do.
 *
 * Lines and columns are 1-based; columns count UTF-16 code units (as editors do).
 */

export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

export interface PositionedJson {
  value: unknown;
  /** JSON pointer → position of the value. */
  values: Map<string, TextPosition>;
  /** JSON pointer of an object member → position of its key. */
  keys: Map<string, TextPosition>;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: TextPosition,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Converts an offset to a 1-based line and column. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

export function parseJsonWithPositions(text: string): PositionedJson {
  const values = new Map<string, TextPosition>();
  const keys = new Map<string, TextPosition>();
  let i = 0;
  // Line bookkeeping done incrementally: positions are requested in increasing order.
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  const pos = (offset: number): TextPosition => {
    for (; scanned < offset; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    return { line, column: offset - lineStart + 1, offset };
  };
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, positionAt(text, at));
  };
  const describe = (at: number): string =>
    at >= text.length ? 'end of file' : `'${text[at] === '\n' ? '\\n' : text[at]}'`;
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunkStart = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunkStart, i);
        i++;
        return out;
      }
      if (c < 32) fail('control character in string (escape it)');
      if (c === 92) {
        out += text.slice(chunkStart, i);
        const e = text[i + 1];
        switch (e) {
          case '"': out += '"'; i += 2; break;
          case '\\': out += '\\'; i += 2; break;
          case '/': out += '/'; i += 2; break;
          case 'b': out += '\b'; i += 2; break;
          case 'f': out += '\f'; i += 2; break;
          case 'n': out += '\n'; i += 2; break;
          case 'r': out += '\r'; i += 2; break;
          case 't': out += '\t'; i += 2; break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 6;
            break;
          }
          default:
            fail(`invalid escape '\\${e ?? ''}'`);
        }
        chunkStart = i;
        continue;
      }
      i++;
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail(`unexpected ${describe(i)}`);
    i += m[0].length;
    return Number(m[0]);
  };

  const parseValue = (pointer: string, depth: number): unknown => {
    if (depth > 512) fail('nesting too deep');
    ws();
    values.set(pointer, pos(i));
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
        const keyAt = i;
        const key = parseString();
        const child = `${pointer}/${escapePointerToken(key)}`;
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate key "${key}"`, keyAt);
        keys.set(child, pos(keyAt));
        ws();
        if (text[i] !== ':') fail(`expected ':' after "${key}", found ${describe(i)}`);
        i++;
        const v = parseValue(child, depth + 1);
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') fail('trailing comma');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected ',' or '}', found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(`${pointer}/${arr.length}`, depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('trailing comma');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected ',' or ']', found ${describe(i)}`);
      }
    }
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    return fail(`unexpected ${describe(i)}`);
  };

  if (text.charCodeAt(0) === 0xfeff) i = 1; // tolerate a UTF-8 BOM
  const value = parseValue('', 0);
  ws();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
  return { value, values, keys };
}
