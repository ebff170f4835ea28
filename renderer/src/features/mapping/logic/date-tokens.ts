/** date_convert editor data: moment-style tokens (as the broker's docs use) and common formats. */
import { convertDate } from '../../../../../shared/common/mapping/dates';

export const DATE_TOKENS: readonly { token: string; meaning: string }[] = [
  { token: 'YYYY', meaning: '4-digit year' },
  { token: 'YY', meaning: '2-digit year' },
  { token: 'MM', meaning: 'month 01–12' },
  { token: 'M', meaning: 'month 1–12' },
  { token: 'MMM', meaning: 'month Jan' },
  { token: 'MMMM', meaning: 'month January' },
  { token: 'DD', meaning: 'day 01–31' },
  { token: 'D', meaning: 'day 1–31' },
  { token: 'HH', meaning: 'hour 00–23' },
  { token: 'hh', meaning: 'hour 01–12' },
  { token: 'h', meaning: 'hour 1–12' },
  { token: 'mm', meaning: 'minute' },
  { token: 'ss', meaning: 'second' },
  { token: 'SSS', meaning: 'millisecond' },
  { token: 'A', meaning: 'AM/PM' },
  { token: 'Z', meaning: 'offset +01:00' },
  { token: 'ZZ', meaning: 'offset +0100' },
  { token: 'X', meaning: 'Unix seconds' },
  { token: 'x', meaning: 'Unix milliseconds' },
  { token: '[T]', meaning: 'literal text' },
];

export const COMMON_FORMATS: readonly string[] = [
  'YYYY-MM-DD HH:mm:ss',
  'YYYY-MM-DDTHH:mm:ssZ',
  'YYYY-MM-DD',
  'MM/DD/YYYY',
  'MM/DD/YYYY hh:mm A',
  'MM/DD/YYYY h:mm:ss A',
  'DD.MM.YYYY HH:mm',
  'h:mm A',
  'X',
  'x',
];

export type SampleConversion = { ok: true; value: string | number } | { ok: false; error: string } | { ok: null };

/** The live sample conversion shown under the editor (the engine's own date code). */
export function convertSample(sample: unknown, input: string, output: string, zoneIn: string, zoneOut: string): SampleConversion {
  if (sample === undefined || sample === null || sample === '') return { ok: null };
  try {
    return { ok: true, value: convertDate(sample, input, output, zoneIn || 'UTC', zoneOut || 'UTC') };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** All IANA zones the runtime knows, UTC first. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const zones = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin'];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}
