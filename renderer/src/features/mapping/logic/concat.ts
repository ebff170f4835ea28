/** concat editor logic: parts list operations and the preview (the engine's own semantics). */
import type { ConcatPart } from '../../../../../shared/common/project/model';
import { applyMappings } from '../../../../../shared/common/mapping/engine';
import { moveRow } from './value-map';

export function addPart(parts: readonly ConcatPart[], part: ConcatPart, at = parts.length): ConcatPart[] {
  const out = [...parts];
  out.splice(Math.max(0, Math.min(at, out.length)), 0, part);
  return out;
}

export function removePart(parts: readonly ConcatPart[], index: number): ConcatPart[] {
  return parts.filter((_, i) => i !== index);
}

export function updatePart(parts: readonly ConcatPart[], index: number, patch: Partial<ConcatPart>): ConcatPart[] {
  return parts.map((p, i) => (i === index ? { ...p, ...patch } : p));
}

/** Moves a part (drag and drop, or Alt+Arrow on the keyboard). */
export function movePart(parts: readonly ConcatPart[], from: number, to: number): ConcatPart[] {
  return moveRow(parts, from, to);
}

/** What the concat produces for a sample record (through the engine). */
export function previewConcat(parts: readonly ConcatPart[], sample: unknown, fallback?: unknown): { value: unknown; error: string | null } {
  const m = { target: 'preview', action: 'concat' as const, parts: [...parts], ...(fallback !== undefined ? { default: fallback } : {}) };
  const r = applyMappings([m], sample ?? {});
  return { value: r.output['preview'], error: r.errors[0]?.message ?? null };
}
