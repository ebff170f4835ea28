/** array_map editor logic: seeding from enums and flagging what is not covered. */
import { strictEquals } from '../../../../../shared/common/mapping/engine';
import { normaliseName } from '../../../../../shared/common/mapping/automap';

export interface ValueMapRow {
  compare: unknown;
  value: unknown;
}

/**
 * Rows for a new value map. With a source enum: one row per source value, its value the target
 * enum entry with the same normalised name (or '' to fill in). Otherwise one row per target enum
 * value, compare pre-filled with the same text (the common identity case) for the user to adjust.
 */
export function seedValueMap(targetEnum: readonly unknown[] | null, sourceEnum: readonly unknown[] | null): ValueMapRow[] {
  const target = targetEnum ?? [];
  if (sourceEnum && sourceEnum.length > 0) {
    return sourceEnum.map((s) => {
      const hit = target.find((t) => normaliseName(String(t)) === normaliseName(String(s)));
      return { compare: s, value: hit ?? '' };
    });
  }
  return target.map((t) => ({ compare: t, value: t }));
}

export type RowFlag = 'value-not-allowed' | 'duplicate-compare' | 'empty-compare' | 'shadowed';

export interface ValueMapAnalysis {
  /** Per row: what is wrong with it (empty = fine). */
  rows: RowFlag[][];
  /** Known source values (source enum or the sample value) no row matches: they get the default. */
  unmappedSource: unknown[];
  /** Target enum values no row produces (information, not an error). */
  unusedTarget: unknown[];
  /** Index of the row the sample value hits, or null (default). */
  sampleRow: number | null;
}

export const ROW_FLAG_TEXT: Record<RowFlag, string> = {
  'value-not-allowed': 'value is not one of the target’s allowed values',
  'duplicate-compare': 'same compare as an earlier row: this row never matches',
  'empty-compare': 'empty compare: matches only an empty string',
  shadowed: 'never reached',
};

export function analyseValueMap(
  rows: readonly ValueMapRow[],
  ctx: { targetEnum?: readonly unknown[] | null; sourceEnum?: readonly unknown[] | null; sample?: unknown },
): ValueMapAnalysis {
  const targetEnum = ctx.targetEnum && ctx.targetEnum.length > 0 ? ctx.targetEnum : null;
  const flags = rows.map((row, i): RowFlag[] => {
    const f: RowFlag[] = [];
    if (targetEnum && !targetEnum.some((t) => strictEquals(t, row.value))) f.push('value-not-allowed');
    if (rows.slice(0, i).some((r) => strictEquals(r.compare, row.compare))) f.push('duplicate-compare');
    if (row.compare === '') f.push('empty-compare');
    return f;
  });
  const matches = (v: unknown) => rows.some((r) => strictEquals(r.compare, v));
  const known = [...(ctx.sourceEnum ?? [])];
  if (ctx.sample !== undefined && !known.some((k) => strictEquals(k, ctx.sample))) known.push(ctx.sample);
  const unmappedSource = known.filter((v) => v !== undefined && !matches(v));
  const unusedTarget = (targetEnum ?? []).filter((t) => !rows.some((r) => strictEquals(r.value, t)));
  const sampleIndex = ctx.sample === undefined ? -1 : rows.findIndex((r) => strictEquals(r.compare, ctx.sample));
  return { rows: flags, unmappedSource, unusedTarget, sampleRow: sampleIndex < 0 ? null : sampleIndex };
}

export function moveRow<T>(rows: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= rows.length || to >= rows.length) return [...rows];
  const out = [...rows];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}
