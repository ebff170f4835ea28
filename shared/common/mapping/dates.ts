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
 *   (DST overlap) resolves as dayjs' timezone plugin does (documented and tested).
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

/** Replace X / x tokens (outside brackets) with the Unix value as an escaped literal. */
function substituteUnix(format: string, ms: number): string {
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
    } else if (c === 'X') out += `[${Math.floor(ms / 1000)}]`;
    else if (c === 'x') out += `[${ms}]`;
    else out += c;
  }
  return out;
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
  const wall = dayjs.utc(text, inputFormat, true);
  if (!wall.isValid()) throw new DateConvertError(`"${value}" does not match the input format "${inputFormat}"`);
  if (zoneIn === 'UTC' || zoneIn === 'Etc/UTC') return wall.valueOf();
  return dayjs.tz(wall.format('YYYY-MM-DDTHH:mm:ss.SSS'), zoneIn).valueOf();
}

export function formatInstant(ms: number, outputFormat: string, zoneOut: string): string | number {
  if (!isValidTimeZone(zoneOut)) throw new DateConvertError(`unknown time zone "${zoneOut}"`);
  if (outputFormat === 'X') return Math.floor(ms / 1000);
  if (outputFormat === 'x') return ms;
  const fmt = substituteUnix(outputFormat, ms);
  const d = zoneOut === 'UTC' || zoneOut === 'Etc/UTC' ? dayjs.utc(ms) : dayjs(ms).tz(zoneOut);
  return d.format(fmt);
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
