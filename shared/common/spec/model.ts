/**
 * The normalised spec model: Swagger 2.0, OpenAPI 3.0 and 3.1 all become this shape.
 * Owned by the spec engine (shared/node/spec loads, shared/common/spec computes).
 */
export type SpecFormat = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A lint or load diagnostic; line and column are 1-based positions in `file` (the spec by default). */
export interface Diagnostic {
  source: 'spectral' | 'connector';
  code: string;
  severity: Severity;
  message: string;
  path: string[];
  line: number;
  column: number;
  /** Set when the position is in another file than the root document (multi-file specs). */
  file?: string;
}

/** A flattened body field, exactly as CLI.md `fields` prints it. */
export interface Field {
  path: string;
  type: string;
  required: boolean;
  nullable: boolean;
  enum: unknown[] | null;
  const?: unknown;
  format: string | null;
  readOnly: boolean;
  writeOnly: boolean;
  description: string | null;
  cycle: string | null;
}

export interface FieldsResult {
  operation: string;
  part: 'request' | 'response';
  contentType: string | null;
  fields: Field[];
  /** Set when a pathological schema hit the field-count safety limit. */
  truncated?: boolean;
}

export type Role = 'metadata' | 'fetch' | 'create' | 'update' | 'attachment';
export const ROLES: readonly Role[] = ['metadata', 'fetch', 'create', 'update', 'attachment'];

export interface Candidate {
  method: HttpMethod;
  path: string;
  score: number;
  /** Human-readable reasons for the score, shown in the endpoint picker. */
  reasons?: string[];
  /** Suggested ID parameter (fetch/update/attachment). */
  idParam?: string | null;
  /** Suggested response path of the created record's ID (create). */
  recordIdPath?: string | null;
}

export type Roles = Record<Role, Candidate[]>;

export interface ParameterSummary {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie' | 'body' | 'formData';
  required: boolean;
  type: string;
  format: string | null;
  description: string | null;
}

export interface OperationSummary {
  method: HttpMethod;
  path: string;
  operationId: string | null;
  summary: string | null;
  tags: string[];
  parameters?: ParameterSummary[];
  /** Request body content types (Swagger 2.0 body/formData mapped to consumes). */
  requestContentTypes?: string[];
}

export interface WebhookSummary {
  name: string;
  method: HttpMethod;
  operationId: string | null;
}

export interface ServerSummary {
  /** URL with variables replaced by their defaults. */
  url: string;
  /** The template as written. */
  template: string;
  description: string | null;
  variables: Record<string, { default: string; enum: string[] | null }>;
}

/** What `inspect` prints, plus the server details the UI needs. */
export interface InspectResult {
  format: SpecFormat;
  title: string;
  version: string;
  servers: string[];
  basicAuth: boolean;
  operations: OperationSummary[];
  webhooks: WebhookSummary[];
  roles: Roles;
}
