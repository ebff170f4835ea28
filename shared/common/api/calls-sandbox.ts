import { z } from 'zod';
import { call } from './define';
import type { Field } from '../spec/model';
import { ProjectInput } from './calls-mapping';

export type ConnectionCategory = 'ok' | 'auth' | 'not-found' | 'timeout' | 'tls' | 'network' | 'bad-response';

/** What `test-connection` prints. */
export interface TestConnectionResult {
  ok: boolean;
  status: number | null;
  category: ConnectionCategory;
  message: string;
  exchange?: HttpExchange;
}

export interface HttpExchange {
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  durationMs: number;
  attempts: number;
  error?: string;
}

/** What `send` prints. */
export interface SendResult {
  request: HttpExchange['request'];
  response: NonNullable<HttpExchange['response']>;
  recordId: string | null;
  durationMs: number;
}

export interface FieldComparison {
  path: string;
  status: 'both' | 'spec-only' | 'live-only' | 'type-differs';
  specType: string | null;
  liveType: string | null;
}

export interface CredentialStatus {
  env: string;
  username: string;
  stored: boolean;
  where: 'keychain' | 'session' | null;
  keychain: { available: boolean; message: string | null };
}

const ProjectRef = { project: ProjectInput, projectPath: z.string().nullable(), env: z.string().default('sandbox') };

export const sandboxCalls = {
  'credentials.status': call<CredentialStatus>()(z.object(ProjectRef).strict()),
  /** Stores the password (keychain, or session memory when `sessionOnly`); it never comes back to the renderer. */
  'credentials.set': call<CredentialStatus>()(
    z.object({ ...ProjectRef, username: z.string(), password: z.string().min(1), sessionOnly: z.boolean().optional() }).strict(),
  ),
  'credentials.delete': call<CredentialStatus>()(z.object(ProjectRef).strict()),
  'sandbox.testConnection': call<TestConnectionResult>()(z.object(ProjectRef).strict()),
  'sandbox.refreshFields': call<{ source: 'metadata' | 'spec'; fields: Field[]; comparison: FieldComparison[] }>()(
    z.object(ProjectRef).strict(),
  ),
  'sandbox.send': call<SendResult>()(
    z.object({
      ...ProjectRef,
      operation: z.enum(['create', 'fetch', 'update', 'attachment']),
      input: z.unknown().optional(),
      id: z.string().optional(),
      file: z.object({ name: z.string(), contentType: z.string(), base64: z.string() }).optional(),
    }).strict(),
  ),
};

export interface SandboxProgressEvent {
  operation: string;
  message: string;
}
