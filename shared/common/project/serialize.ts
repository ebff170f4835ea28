/**
 * Stable, diff-friendly serialisation of a project file: a fixed order for the keys the model
 * knows, alphabetical order for any other structural key, 2-space indentation and a trailing
 * newline. Opaque user data (sample records, static values, defaults, compare values) keeps its
 * own key order: it mirrors the payloads the consultant pasted and is already deterministic.
 */
import { ROLES } from '../spec/model';
import type { Project } from './model';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** How to order and descend into an object at a given place in the document. */
interface Shape {
  order: readonly string[];
  /** Shape of each known key's value (object → Shape, array → items' Shape via `items`). */
  children?: Record<string, Shape | 'opaque'>;
  /** For maps keyed by user names (environments, endpoints): the shape of every value. */
  values?: Shape;
  /** For arrays: the shape of every item. */
  items?: Shape;
}

const FIELD: Shape = {
  order: ['path', 'type', 'required', 'nullable', 'enum', 'const', 'format', 'readOnly', 'writeOnly', 'description', 'cycle'],
  children: { enum: 'opaque', const: 'opaque' },
};

const MAPPING: Shape = {
  order: [
    'id', 'source', 'target', 'action', 'default', 'value', 'mappings', 'ranges',
    'input_format', 'output_format', 'timezone_in', 'timezone_out', 'parts', 'script',
  ],
  children: {
    default: 'opaque',
    value: 'opaque',
    mappings: { order: [], items: { order: ['compare', 'value'], children: { compare: 'opaque', value: 'opaque' } } },
    ranges: { order: [], items: { order: ['compare', 'value'], children: { compare: 'opaque', value: 'opaque' } } },
    parts: { order: [], items: { order: ['type', 'value'] } },
  },
};

/** `params` is keyed by parameter names: alphabetical (no known order), values are strings. */
const ENDPOINT: Shape = { order: ['method', 'path', 'idParam', 'recordIdPath', 'contentType', 'params'], children: { params: { order: [] } } };

const PROJECT: Shape = {
  order: [
    'schemaVersion', 'id', 'name', 'spec', 'endpoints', 'environments', 'mappings', 'fields',
    'metadataAdapter', 'samples',
  ],
  children: {
    spec: { order: ['path', 'sha256'] },
    endpoints: { order: ROLES, values: ENDPOINT },
    environments: { order: ['sandbox', 'production'], values: { order: ['baseUrl', 'username', 'credentialRef'] } },
    mappings: {
      order: ['outbound', 'inbound'],
      children: { outbound: { order: [], items: MAPPING }, inbound: { order: [], items: MAPPING } },
    },
    fields: { order: ['refreshedAt', 'source', 'fields'], children: { fields: { order: [], items: FIELD } } },
    samples: { order: [], items: { order: ['name', 'direction', 'record'], children: { record: 'opaque' } } },
  },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function orderKeys(obj: Record<string, unknown>, order: readonly string[]): string[] {
  const present = Object.keys(obj).filter((k) => obj[k] !== undefined);
  const known = order.filter((k) => present.includes(k));
  const rest = present.filter((k) => !order.includes(k)).sort();
  return [...known, ...rest];
}

/** Copy a JSON-compatible value, dropping undefined members (JSON.stringify would anyway). */
function copyOpaque(v: unknown): Json {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : copyOpaque(x)));
  if (isPlainObject(v)) {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = copyOpaque(x);
    return out;
  }
  return v as Json;
}

function normalise(v: unknown, shape: Shape | 'opaque' | undefined): Json {
  if (shape === 'opaque') return copyOpaque(v);
  if (Array.isArray(v)) {
    const items = shape?.items;
    return v.map((x) => (x === undefined ? null : normalise(x, items)));
  }
  if (isPlainObject(v)) {
    const out: { [k: string]: Json } = {};
    for (const k of orderKeys(v, shape?.order ?? [])) {
      const child = shape?.children?.[k] ?? shape?.values;
      out[k] = normalise(v[k], child);
    }
    return out;
  }
  return v as Json;
}

/** The object a project serialises to (same key order as the text). */
export function normaliseProject(project: Project | Record<string, unknown>): Json {
  return normalise(project, PROJECT);
}

/** Pretty, stable text of a project file; ends with a newline. */
export function serializeProject(project: Project | Record<string, unknown>): string {
  return `${JSON.stringify(normaliseProject(project), null, 2)}\n`;
}
