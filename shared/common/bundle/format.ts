/**
 * The signed bundle: what the broker needs from a project, resolved and self-contained.
 *
 * File layout (`*.bundle.json`): `{ format, version, payload, signature }`. `payload` is
 * readable JSON; the signature is a JWS (EdDSA / Ed25519) with the unencoded-payload option
 * (RFC 7797, `b64: false`, `crit: ["b64"]`) over the payload's RFC 8785 canonical bytes, so
 * re-serialising the file (pretty-printing, reordering keys) never breaks it, and any change to
 * a value does. The protected header carries `kid` (the key's RFC 7638 thumbprint) and the
 * public `jwk`, for offline verification; the broker verifies against the key registered with it.
 */
import type { Mapping, Project } from '../project/model';
import type { OperationSummary } from '../spec/model';

export const BUNDLE_FORMAT = 'connector-studio.bundle';
export const BUNDLE_VERSION = 1;

export interface BundleParameter {
  name: string;
  in: string;
  required: boolean;
  type: string;
}

export interface BundleEndpoint {
  method: string;
  path: string;
  parameters: BundleParameter[];
  idParam: string | null;
  recordIdPath: string | null;
  contentType: string | null;
  /** Fixed values of the other path / query parameters (present only when the project sets some). */
  params?: Record<string, string>;
}

export interface BundleDirection {
  /** The broker's mapping shape; custom actions carry their Jsonnet source in `script`. */
  mappings: Mapping[];
}

export interface BundleCredentialRef {
  environment: string;
  baseUrl: string;
  username: string;
  /** The keychain account the password lives under: a reference, never the secret. */
  credentialRef: string | null;
}

export interface BundlePayload {
  bundleVersion: number;
  project: { id: string | null; name: string };
  createdAt: string;
  author: string;
  appVersion: string;
  spec: { fileName: string; sha256: string };
  utilLibsonnet: { sha256: string };
  endpoints: Record<string, BundleEndpoint>;
  mappings: { outbound: BundleDirection; inbound: BundleDirection };
  metadataAdapter: string | null;
  credentials: BundleCredentialRef[];
}

export interface BundleSignature {
  /** base64url of the protected header JSON: { alg: "EdDSA", b64: false, crit: ["b64"], kid, jwk }. */
  protected: string;
  /** base64url of the 64-byte Ed25519 signature. */
  signature: string;
}

export interface BundleFile {
  format: string;
  version: number;
  payload: BundlePayload;
  signature: BundleSignature;
}

export interface BundleInputs {
  project: Project;
  specSha256: string;
  /** Operations of the spec (with parameters) as inspect reports them. */
  operations: readonly OperationSummary[];
  utilLibsonnetSha256: string;
  appVersion: string;
  author: string;
  createdAt: string;
  /** Keychain account of each environment (the reference the broker's operator resolves). */
  credentialRefs: Record<string, string | null>;
}

function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

function direction(list: readonly Mapping[]): BundleDirection {
  return { mappings: list.map((m) => ({ ...m })) };
}

/** Resolves the project into the bundle's payload (pure: every outside fact comes in `inputs`). */
export function buildBundlePayload(inputs: BundleInputs): BundlePayload {
  const { project } = inputs;
  const endpoints: Record<string, BundleEndpoint> = {};
  for (const [role, ep] of Object.entries(project.endpoints)) {
    if (!ep) continue;
    const op = inputs.operations.find((o) => o.method.toUpperCase() === ep.method.toUpperCase() && o.path === ep.path);
    endpoints[role] = {
      method: ep.method.toUpperCase(),
      path: ep.path,
      parameters: (op?.parameters ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header')
        .map((p) => ({ name: p.name, in: p.in, required: p.required, type: p.type })),
      idParam: ep.idParam ?? null,
      recordIdPath: ep.recordIdPath ?? null,
      contentType: ep.contentType ?? null,
      ...(ep.params && Object.keys(ep.params).length > 0 ? { params: { ...ep.params } } : {}),
    };
  }
  const credentials = Object.keys(project.environments)
    .sort()
    .map((name) => {
      const env = project.environments[name]!;
      return { environment: name, baseUrl: env.baseUrl, username: env.username, credentialRef: inputs.credentialRefs[name] ?? env.credentialRef ?? null };
    });
  return {
    bundleVersion: BUNDLE_VERSION,
    project: { id: project.id ?? null, name: project.name },
    createdAt: inputs.createdAt,
    author: inputs.author,
    appVersion: inputs.appVersion,
    spec: { fileName: fileName(project.spec.path), sha256: inputs.specSha256 },
    utilLibsonnet: { sha256: inputs.utilLibsonnetSha256 },
    endpoints,
    mappings: { outbound: direction(project.mappings.outbound), inbound: direction(project.mappings.inbound) },
    metadataAdapter: project.metadataAdapter ?? null,
    credentials,
  };
}
