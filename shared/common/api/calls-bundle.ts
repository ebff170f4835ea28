import { z } from 'zod';
import { call } from './define';
import { ProjectInput } from './calls-mapping';

export interface SecretFinding {
  path: string;
  reason: string;
}

export interface ExportResult {
  file: string | null;
  keyId: string;
  sha256: string;
  /** status 0 with `error` when the broker could not be reached at all. */
  pushed: { status: number; body?: unknown; error?: string } | null;
  scan: { clean: boolean; findings: SecretFinding[] };
  summary: { endpoints: number; outbound: number; inbound: number; createdAt: string };
}

export interface ExportLogEntry {
  id: number;
  projectPath: string;
  exportedAt: string;
  outcome: 'ok' | 'refused' | 'failed';
  file: string | null;
  pushUrl: string | null;
  pushStatus: number | null;
  keyId: string | null;
  sha256: string | null;
  message: string | null;
}

export interface VerifyResult {
  valid: boolean;
  keyId: string;
  /** null when valid, else one of: unsupported-version, malformed-bundle, malformed-signature, wrong-key, payload-changed. */
  reason: string | null;
  /** A sentence saying what was found. */
  message?: string;
}

export const bundleCalls = {
  'bundle.export': call<ExportResult>()(
    z.object({ project: ProjectInput, projectPath: z.string(), out: z.string().optional(), pushUrl: z.string().url().optional() }).strict(),
  ),
  'bundle.verify': call<VerifyResult>()(
    z.object({ path: z.string(), publicKey: z.record(z.string(), z.unknown()).optional() }).strict(),
  ),
  'bundle.publicKey': call<{ jwk: Record<string, unknown>; keyId: string }>()(z.object({}).strict()),
  /** Every export attempt (newest first), for one project or all. */
  'bundle.log': call<ExportLogEntry[]>()(z.object({ projectPath: z.string().min(1).optional() }).strict()),
};
