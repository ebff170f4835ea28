import { z } from 'zod';
import { call } from './define';
import type { Project } from '../project/model';
import type { HttpExchange } from './calls-sandbox';
import { ProjectInput } from './calls-mapping';

export interface ProjectState {
  path: string;
  project: Project;
  /** Saved revision number in the workspace database (0 = never saved there). */
  revision: number;
  /** True when unsaved work from an autosave newer than the file was restored. */
  recovered: boolean;
  /** sha256 of the spec file now on disk differs from the one recorded in the project. */
  specChanged: boolean;
}

export interface RevisionSummary {
  id: number;
  revision: number;
  savedAt: string;
  summary: string;
}

export interface ProjectDiff {
  endpoints: { role: string; before: unknown; after: unknown }[];
  environments: { name: string; before: unknown; after: unknown }[];
  mappings: { direction: string; target: string; change: 'added' | 'removed' | 'changed'; before: unknown; after: unknown }[];
  other: { key: string; before: unknown; after: unknown }[];
}

export interface SpecImpact {
  targetsRemoved: { direction: string; target: string }[];
  typesChanged: { direction: string; target: string; before: string; after: string }[];
  newlyRequired: string[];
  operationsMissing: { role: string; method: string; path: string }[];
  /** Inbound mappings whose source field is gone from the fetch response. */
  sourcesRemoved?: { direction: string; source: string; target: string }[];
  /** 'previous-spec' when the spec the project was saved with was known (a snapshot), else 'none'. */
  baseline?: 'previous-spec' | 'none';
}

export interface WorkspaceSettings {
  author: string;
  /** Where the author comes from: the setting, CONNECTOR_STUDIO_AUTHOR, or the OS user name. */
  authorSource: 'settings' | 'environment' | 'os';
}

export interface TestRunSummary {
  id: number;
  environment: string | null;
  operation: string;
  startedAt: string;
  durationMs: number | null;
  status: number | null;
  ok: boolean;
  exchange: HttpExchange;
}

export interface RecentEntry {
  path: string;
  name: string;
  kind: 'project' | 'spec';
  openedAt: string;
}

export const projectCalls = {
  'project.new': call<ProjectState>()(
    z.object({ path: z.string().min(1), name: z.string().min(1), specPath: z.string().min(1) }).strict(),
  ),
  'project.open': call<ProjectState>()(z.object({ path: z.string().min(1) }).strict()),
  /** Copies the demo project to the studio home (first time), starts the embedded demo sandbox, opens it. */
  'project.openDemo': call<ProjectState & { sandbox: { baseUrl: string; username: string; hint: string } }>()(
    z.object({}).strict(),
  ),
  /** Save; with `previousPath` (save as), the spec path is rebased so it still points at the same spec file. */
  'project.save': call<{ path: string; revision: number }>()(
    z.object({ path: z.string().min(1), project: ProjectInput, summary: z.string().optional(), previousPath: z.string().min(1).optional() }).strict(),
  ),
  'project.autosave': call<{ savedAt: string }>()(z.object({ path: z.string().min(1), project: ProjectInput }).strict()),
  'project.history': call<RevisionSummary[]>()(z.object({ path: z.string().min(1) }).strict()),
  'project.revision': call<Project>()(z.object({ path: z.string().min(1), revision: z.number().int() }).strict()),
  'project.diff': call<ProjectDiff>()(
    z.object({ path: z.string().min(1), from: z.number().int(), to: z.number().int() }).strict(),
  ),
  'project.specImpact': call<SpecImpact>()(
    z.object({ path: z.string().min(1), project: ProjectInput, newSpecPath: z.string().optional() }).strict(),
  ),
  'workspace.recent': call<RecentEntry[]>()(z.object({}).strict()),
  /** Workspace settings; `author` (recorded in bundles) is set when given. Returns the effective values. */
  'workspace.settings': call<WorkspaceSettings>()(z.object({ author: z.string().trim().min(1).max(200).optional() }).strict()),
  /** The project's test-run history, newest first (requests and responses with secrets redacted). */
  'project.testRuns': call<TestRunSummary[]>()(z.object({ path: z.string().min(1), limit: z.number().int().min(1).max(500).optional() }).strict()),
};
