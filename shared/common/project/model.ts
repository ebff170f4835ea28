/**
 * The project file (`*.connector.json`): the consultant's document. No secrets, ever:
 * environments carry a username and a keychain reference, never a password.
 */
import type { HttpMethod, Role, Field } from '../spec/model';

export const CURRENT_SCHEMA_VERSION = 1;

export interface EndpointRef {
  method: HttpMethod;
  path: string;
  /** fetch / update / attachment: the path or query parameter that carries the record ID. */
  idParam?: string;
  /** create: where the created record's ID is found in the response (dot path; empty = auto-detect). */
  recordIdPath?: string;
  /** Request content type to use when the operation offers several. */
  contentType?: string;
  /**
   * Fixed values for the operation's other path / query parameters (not the record ID), e.g.
   * `{ "collection_id": "support" }` for `/collections/{collection_id}/tickets/{ticket_id}`.
   */
  params?: Record<string, string>;
}

export interface Environment {
  baseUrl: string;
  username: string;
  /** Keychain account reference (service `connector-studio`); never the secret itself. */
  credentialRef?: string;
}

export type ActionType = 'sync' | 'set_static' | 'array_map' | 'range_map' | 'date_convert' | 'concat' | 'custom';
export const ACTION_TYPES: readonly ActionType[] = ['sync', 'set_static', 'array_map', 'range_map', 'date_convert', 'concat', 'custom'];

export interface ConcatPart {
  type: 'field' | 'static';
  value: string;
}

/** The broker's documented mapping shape (reference §2). */
export interface Mapping {
  id?: string;
  source?: string;
  target: string;
  action: ActionType;
  default?: unknown;
  value?: unknown;
  mappings?: { compare: unknown; value: unknown }[];
  ranges?: { compare: number; value: unknown }[];
  input_format?: string;
  output_format?: string;
  timezone_in?: string;
  timezone_out?: string;
  parts?: ConcatPart[];
  script?: string;
}

export type Direction = 'outbound' | 'inbound';

export interface SampleRecord {
  name: string;
  direction: Direction;
  record: unknown;
}

export interface Project {
  schemaVersion: number;
  /** Stable identity (used for keychain references and the workspace database). */
  id?: string;
  name: string;
  spec: { path: string; sha256: string };
  endpoints: Partial<Record<Role, EndpointRef>>;
  environments: Record<string, Environment>;
  mappings: { outbound: Mapping[]; inbound: Mapping[] };
  /** Fields last refreshed from the live metadata endpoint, per environment. */
  fields?: { refreshedAt: string; source: 'metadata' | 'spec'; fields: Field[] };
  /** Optional Jsonnet adapter: metadata response (`$.input`) → array of field descriptors. */
  metadataAdapter?: string;
  samples?: SampleRecord[];
}
