/**
 * date_convert: moment-style tokens through dayjs (customParseFormat, utc, timezone,
 * advancedFormat). Isomorphic: dayjs uses the runtime's Intl time-zone data.
 *
 * Semantics (docs/mapping-semantics.md §date_convert):
 * - `input_format` "X" / "x": the value is Unix seconds / milliseconds (number or digit string);
 *   `timezone_in` is irrelevant.
 * - An input format with a `Z`/`ZZ` token: the offset in the value fixes the instant (a literal
 *   "Z" is accepted as +00:00, as moment does); `timezone_in` is ignored.
 * - Otherwise the value is a wall-clock time in `timezone_in` (default UTC), parsed strictly.
 *   A wall-clock time that does not exist (DST gap) moves forward by the gap; an ambiguous one
 *   (DST overlap) is the earlier instant (Temporal's "compatible" rule; tested).
 * - Output is formatted in `timezone_out` (default UTC). `output_format` "X" / "x" alone gives a
 *   number; inside a longer format they print the Unix value as digits.
 */
import dayjs from 'dayjs';
import advancedFormat from 'dayjs/plugin/advancedFormat.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(customParseFormat);
dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(advancedFormat);

export class DateConvertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateConvertError';
  }
}

const zoneCache = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok;
}

/** Format tokens outside [bracketed] literals. */
function hasToken(format: string, re: RegExp): boolean {
  return re.test(format.replace(/\[[^\]]*\]/g, ''));
}

/**
 * Rewrite a format outside its [bracketed] literals: `token(format, i)` returns the replacement
 * for the character at i and how many characters it consumed, or null to keep that character.
 */
function rewriteOutsideBrackets(format: string, token: (format: string, i: number) => [string, number] | null): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '[') {
      const end = format.indexOf(']', i);
      if (end === -1) {
        out += format.slice(i);
        break;
      }
      out += format.slice(i, end + 1);
      i = end;
      continue;
    }
    const hit = token(format, i);
    if (hit) {
      out += hit[0];
      i += hit[1] - 1;
    } else out += c;
  }
  return out;
}

/** Replace X / x tokens (outside brackets) with the Unix value as an escaped literal. */
function substituteUnix(format: string, ms: number): string {
  return rewriteOutsideBrackets(format, (f, i) =>
    f[i] === 'X' ? [`[${Math.floor(ms / 1000)}]`, 1] : f[i] === 'x' ? [`[${ms}]`, 1] : null,
  );
}

// Zone offsets through cached Intl.DateTimeFormat instances: dayjs' `.tz()` goes through
// toLocaleString on every call (~1 ms each), which made date_convert the slowest built-in action.
const dtfCache = new Map<string, Intl.DateTimeFormat>();

/** Offset of `zone` from UTC at instant `ms`, in minutes (east positive). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  let dtf = dtfCache.get(zone);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    dtfCache.set(zone, dtf);
  }
  const f: Record<string, string> = {};
  for (const part of dtf.formatToParts(new Date(ms))) f[part.type] = part.value;
  let year = Number(f.year);
  if (f.era === 'BC' || f.era === 'B') year = 1 - year;
  const wall = Date.UTC(year, Number(f.month) - 1, Number(f.day), Number(f.hour) % 24, Number(f.minute), Number(f.second));
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return Math.round((wall - whole) / 60000);
}

/**
 * The instant of a wall-clock time in `zone` (wall clock given as if it were UTC), with
 * Temporal's "compatible" disambiguation: a time in a DST gap moves forward by the gap, an
 * ambiguous time (the repeated hour) is the earlier instant. (dayjs' own tz() seeds its search
 * with today's offset, so its answer for the repeated hour depends on the date it runs.)
 */
function wallToInstant(wallMs: number, zone: string): number {
  const before = zoneOffsetMinutes(zone, wallMs - 86_400_000);
  const after = zoneOffsetMinutes(zone, wallMs + 86_400_000);
  const c1 = wallMs - before * 60000;
  const c2 = wallMs - after * 60000;
  const ok1 = zoneOffsetMinutes(zone, c1) === before;
  const ok2 = zoneOffsetMinutes(zone, c2) === after;
  if (ok1 && ok2) return Math.min(c1, c2);
  if (ok2 && !ok1) return c2;
  return c1; // valid with the earlier offset, or in a gap: the earlier offset lands after it
}

function offsetText(min: number, colon: boolean): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}

/** Replace Z / ZZ tokens (outside brackets) with the offset as an escaped literal. */
function substituteOffset(format: string, min: number): string {
  return rewriteOutsideBrackets(format, (f, i) => {
    if (f[i] !== 'Z') return null;
    return f[i + 1] === 'Z' ? [`[${offsetText(min, false)}]`, 2] : [`[${offsetText(min, true)}]`, 1];
  });
}

type Part = 'Y' | 'M' | 'D' | 'H' | 'm' | 's' | 'S';
const numericFormats = new Map<string, { re: RegExp; parts: Part[] } | null>();

/**
 * Formats made only of YYYY MM DD HH mm ss SSS and non-letter separators (the FN timestamp
 * format among them) are parsed with one cached regex: customParseFormat's strict mode builds
 * its matcher on every call. Anything else goes to dayjs.
 */
function numericFormat(format: string): { re: RegExp; parts: Part[] } | null {
  let hit = numericFormats.get(format);
  if (hit !== undefined) return hit;
  const tokens: [string, Part][] = [['YYYY', 'Y'], ['MM', 'M'], ['DD', 'D'], ['HH', 'H'], ['mm', 'm'], ['ss', 's'], ['SSS', 'S']];
  let re = '^';
  const parts: Part[] = [];
  let ok = true;
  for (let i = 0; i < format.length && ok; ) {
    const t = tokens.find(([tok]) => format.startsWith(tok, i));
    if (t) {
      re += `(\\d{${t[0].length}})`;
      parts.push(t[1]);
      i += t[0].length;
    } else if (/[A-Za-z[\]]/.test(format[i]!)) ok = false;
    else {
      re += format[i]!.replace(/[.*+?^${}()|\\/-]/g, '\\$&');
      i++;
    }
  }
  hit = ok ? { re: new RegExp(`${re}$`), parts } : null;
  numericFormats.set(format, hit);
  return hit;
}

function parseNumeric(text: string, f: { re: RegExp; parts: Part[] }): number | null {
  const m = f.re.exec(text);
  if (!m) return null;
  const v: Record<Part, number> = { Y: 1970, M: 1, D: 1, H: 0, m: 0, s: 0, S: 0 };
  f.parts.forEach((p, i) => {
    v[p] = Number(m[i + 1]);
  });
  if (v.M < 1 || v.M > 12 || v.D < 1 || v.H > 23 || v.m > 59 || v.s > 59) return null;
  const ms = Date.UTC(v.Y, v.M - 1, v.D, v.H, v.m, v.s, v.S);
  const d = new Date(ms);
  if (d.getUTCDate() !== v.D || d.getUTCFullYear() !== v.Y) return null;
  return ms;
}

/** Parse `value` into an epoch-milliseconds instant. */
export function parseInstant(value: unknown, inputFormat: string, zoneIn: string): number {
  if (!isValidTimeZone(zoneIn)) throw new DateConvertError(`unknown time zone "${zoneIn}"`);
  if (inputFormat === 'X' || inputFormat === 'x') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!Number.isFinite(n)) throw new DateConvertError(`"${String(value)}" is not a Unix ${inputFormat === 'X' ? 'seconds' : 'milliseconds'} value`);
    return inputFormat === 'X' ? Math.round(n * 1000) : Math.round(n);
  }
  if (typeof value !== 'string') throw new DateConvertError(`expected a date string, got ${value === null ? 'null' : typeof value}`);
  const text = value.trim();
  if (hasToken(inputFormat, /Z/)) {
    const normal = text.replace(/Z$/, '+00:00');
    const d = dayjs(normal, inputFormat);
    if (!d.isValid() || !/[+-]\d\d:?\d\d/.test(normal)) {
      throw new DateConvertError(`"${value}" does not match the input format "${inputFormat}"`);
    }
    return d.valueOf();
  }
  const numeric = numericFormat(inputFormat);
  let wallMs: number | null;
  if (numeric) wallMs = parseNumeric(text, numeric);
  else {
    const wall = dayjs.utc(text, inputFormat, true);
    wallMs = wall.isValid() ? wall.valueOf() : null;
  }
  if (wallMs === null) throw new DateConvertError(`"${value}" does not match the input format "${inputFormat}"`);
  if (zoneIn === 'UTC' || zoneIn === 'Etc/UTC') return wallMs;
  return wallToInstant(wallMs, zoneIn);
}

export function formatInstant(ms: number, outputFormat: string, zoneOut: string): string | number {
  if (!isValidTimeZone(zoneOut)) throw new DateConvertError(`unknown time zone "${zoneOut}"`);
  if (outputFormat === 'X') return Math.floor(ms / 1000);
  if (outputFormat === 'x') return ms;
  const fmt = substituteUnix(outputFormat, ms);
  if (zoneOut === 'UTC' || zoneOut === 'Etc/UTC') return dayjs.utc(ms).format(fmt);
  // zone names/abbreviations (z, zzz) need the timezone plugin; everything else is the wall
  // clock formatted as UTC with the offset substituted for Z / ZZ.
  if (hasToken(fmt, /z/)) return dayjs(ms).tz(zoneOut).format(fmt);
  const off = zoneOffsetMinutes(zoneOut, ms);
  return dayjs.utc(ms + off * 60000).format(substituteOffset(fmt, off));
}

export function convertDate(
  value: unknown,
  inputFormat: string,
  outputFormat: string,
  zoneIn = 'UTC',
  zoneOut = 'UTC',
): string | number {
  return formatInstant(parseInstant(value, inputFormat, zoneIn || 'UTC'), outputFormat, zoneOut || 'UTC');
}

/** $.util.date_add: one calendar day later, same format; "" means the FN UTC format. */
export function addOneDay(value: unknown, inputFormat: string): string | number {
  const fmt = inputFormat || 'YYYY-MM-DD HH:mm:ss';
  const ms = parseInstant(value, fmt, 'UTC');
  const next = dayjs.utc(ms).add(1, 'day').valueOf();
  return formatInstant(next, fmt, 'UTC');
}
