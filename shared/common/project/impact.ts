/**
 * The impact of a new version of a project's spec on what the consultant built, computed before
 * anything is overwritten: endpoints whose operation disappeared, outbound targets (create/update
 * request fields) and inbound sources (fetch response fields) that are gone, mapped targets whose
 * type changed, and request fields that became required.
 */
import type { SpecImpact } from '../api/calls-project';
import type { Field } from '../spec/model';
import type { Project } from './model';

/** The parts of one spec version the impact depends on (null: that operation has no JSON body). */
export interface SpecSide {
  operations: readonly { method: string; path: string }[];
  createRequest: readonly Field[] | null;
  updateRequest: readonly Field[] | null;
  fetchResponse: readonly Field[] | null;
}

/** `lines[0].sku` and `$.lines.0.sku` both become `lines[].sku`, the field-path form. */
export function normalizeFieldPath(path: string): string {
  return path
    .replace(/^\$\.?/, '')
    .replace(/\[\d+\]/g, '[]')
    .replace(/\.(\d+)(?=\.|$)/g, '[]');
}

function lookup(fields: readonly Field[] | null, path: string): Field | 'container' | null {
  if (!fields) return null;
  const p = normalizeFieldPath(path);
  const exact = fields.find((f) => f.path === p);
  if (exact) return exact;
  return fields.some((f) => f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[]`)) ? 'container' : null;
}

function outboundFields(side: SpecSide): (readonly Field[])[] {
  return [side.createRequest, side.updateRequest].filter((f): f is readonly Field[] => f !== null);
}

function findIn(lists: (readonly Field[])[], path: string): Field | 'container' | null {
  let container = false;
  for (const list of lists) {
    const hit = lookup(list, path);
    if (hit && hit !== 'container') return hit;
    if (hit === 'container') container = true;
  }
  return container ? 'container' : null;
}

/**
 * Compares `before` (the spec the project was built on; null when no copy of it is known) with
 * `after` (the spec now on disk or the new one chosen).
 */
export function computeSpecImpact(project: Project, before: SpecSide | null, after: SpecSide): SpecImpact {
  const impact: SpecImpact = { targetsRemoved: [], typesChanged: [], newlyRequired: [], operationsMissing: [], sourcesRemoved: [], baseline: before ? 'previous-spec' : 'none' };
  const available = new Set(after.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`));
  for (const [role, ep] of Object.entries(project.endpoints)) {
    if (ep && !available.has(`${ep.method.toUpperCase()} ${ep.path}`)) {
      impact.operationsMissing.push({ role, method: ep.method, path: ep.path });
    }
  }

  const afterOut = outboundFields(after);
  const beforeOut = before ? outboundFields(before) : [];
  for (const m of project.mappings.outbound) {
    if (!m.target || afterOut.length === 0) continue;
    const now = findIn(afterOut, m.target);
    const then = before ? findIn(beforeOut, m.target) : null;
    if (!now) {
      if (!before || beforeOut.length === 0 || then) impact.targetsRemoved.push({ direction: 'outbound', target: m.target });
    } else if (now !== 'container' && then && then !== 'container' && then.type !== now.type) {
      impact.typesChanged.push({ direction: 'outbound', target: m.target, before: then.type, after: now.type });
    }
  }

  if (after.fetchResponse) {
    for (const m of project.mappings.inbound) {
      const sources = [m.source, ...(m.parts ?? []).filter((p) => p.type === 'field').map((p) => p.value)];
      for (const source of sources) {
        if (!source) continue;
        const now = lookup(after.fetchResponse, source);
        const then = before ? lookup(before.fetchResponse, source) : null;
        if (!now && (!before || !before.fetchResponse || then)) {
          impact.sourcesRemoved!.push({ direction: 'inbound', source, target: m.target });
        } else if (now && now !== 'container' && then && then !== 'container' && then.type !== now.type) {
          impact.typesChanged.push({ direction: 'inbound', target: m.target, before: then.type, after: now.type });
        }
      }
    }
  }

  if (before && after.createRequest) {
    const was = new Map((before.createRequest ?? []).map((f) => [f.path, f.required]));
    for (const f of after.createRequest) {
      if (f.required && was.get(f.path) !== true) impact.newlyRequired.push(f.path);
    }
  }
  return impact;
}
