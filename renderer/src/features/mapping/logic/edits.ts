/**
 * Mapping-list edits as pure functions (the store records each one for undo/redo). Every
 * function returns a new list and never mutates its input.
 */
import type { ActionType, Mapping } from '../../../../../shared/common/project/model';
import type { FieldNode } from '../../../../../shared/common/mapping/canvas';
import { fieldKey } from '../../../../../shared/common/mapping/canvas';
import { seedValueMap } from './value-map';

export const ACTION_LABELS: Record<ActionType, string> = {
  sync: 'Sync',
  set_static: 'Set static',
  array_map: 'Value map',
  range_map: 'Range map',
  date_convert: 'Date convert',
  concat: 'Concat',
  custom: 'Custom Jsonnet',
};

/** Keys that belong to one action only (cleared when the action changes). */
const PARAM_KEYS = ['value', 'mappings', 'ranges', 'input_format', 'output_format', 'timezone_in', 'timezone_out', 'parts', 'script'] as const;

export interface FieldContext {
  target?: FieldNode | undefined;
  source?: FieldNode | undefined;
}

function isDateLike(n: FieldNode | undefined): boolean {
  return Boolean(n && (n.format === 'date-time' || n.format === 'date' || /date|_at$|time|utc/i.test(n.key)));
}

/** A mapping for a new connection: sync, or a better first guess from the field types. */
export function newConnection(source: string, target: string, ctx: FieldContext = {}): Mapping {
  const base: Mapping = { source, target, action: 'sync' };
  if (ctx.target?.enum && ctx.target.enum.length > 0 && !(ctx.source?.enum && ctx.source.enum.every((v) => ctx.target?.enum?.includes(v)))) {
    return withAction(base, 'array_map', ctx);
  }
  return base;
}

/** Changes the action, keeping source, target, default and id, and seeding sensible parameters. */
export function withAction(m: Mapping, action: ActionType, ctx: FieldContext = {}): Mapping {
  if (m.action === action) return m;
  const next: Mapping = { ...m, action };
  for (const k of PARAM_KEYS) delete next[k];
  switch (action) {
    case 'set_static':
      next.value = ctx.target?.enum?.[0] ?? '';
      break;
    case 'array_map':
      next.mappings = seedValueMap(ctx.target?.enum ?? null, ctx.source?.enum ?? null);
      break;
    case 'range_map':
      next.ranges = [];
      break;
    case 'date_convert':
      next.input_format = 'YYYY-MM-DD HH:mm:ss';
      next.output_format = ctx.target?.format === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm:ssZ';
      next.timezone_in = 'UTC';
      next.timezone_out = 'UTC';
      break;
    case 'concat':
      next.parts = m.source ? [{ type: 'field', value: m.source }] : [];
      break;
    case 'custom':
      next.script = m.source ? `$.util.lookup_field($.input, '${m.source.replace(/'/g, "\\'")}', null)\n` : '// $.input is the source record\nnull\n';
      break;
    case 'sync':
      break;
  }
  // Actions without a source read nothing: keep the source only where it is used.
  if (action === 'set_static' || action === 'concat') delete next.source;
  if (action === 'custom' && !m.source) delete next.source;
  return next;
}

export { isDateLike };

/** Connects `source` to `target`: an existing mapping of that target is re-pointed (concat gains a part). */
export function connect(list: readonly Mapping[], source: string, target: string, ctx: FieldContext = {}): { list: Mapping[]; index: number; created: boolean } {
  const tKey = fieldKey(target);
  const index = list.findIndex((m) => fieldKey(m.target) === tKey);
  if (index < 0) return { list: [...list, newConnection(source, target, ctx)], index: list.length, created: true };
  const existing = list[index] as Mapping;
  let updated: Mapping;
  if (existing.action === 'concat') {
    const parts = existing.parts ?? [];
    updated = { ...existing, parts: [...parts, ...(parts.length > 0 ? [{ type: 'static' as const, value: ' ' }] : []), { type: 'field', value: source }] };
  } else if (existing.action === 'set_static') {
    updated = { ...withAction(existing, 'sync', ctx), source };
  } else if (existing.action === 'custom') {
    updated = { ...existing, source };
  } else {
    updated = { ...existing, source };
  }
  return { list: list.map((m, i) => (i === index ? updated : m)), index, created: false };
}

export function updateAt(list: readonly Mapping[], index: number, next: Mapping): Mapping[] {
  return list.map((m, i) => (i === index ? next : m));
}

export function removeAt(list: readonly Mapping[], index: number): Mapping[] {
  return list.filter((_, i) => i !== index);
}

/** A new source-less mapping for a target (static, concat or custom), from the coverage list. */
export function addForTarget(list: readonly Mapping[], target: string, action: 'set_static' | 'concat' | 'custom', ctx: FieldContext = {}): { list: Mapping[]; index: number } {
  const m = withAction({ target, action: 'sync' }, action, ctx);
  return { list: [...list, m], index: list.length };
}

/** Sets or clears the default (undefined removes the key). */
export function withDefault(m: Mapping, value: unknown): Mapping {
  const next = { ...m };
  if (value === undefined) delete next.default;
  else next.default = value;
  return next;
}
