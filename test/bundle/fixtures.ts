/** A small project on a copy of the demo sandbox spec, in a temp folder. */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Project } from '../../shared/common/project/model';

export const repoRoot = resolve(__dirname, '..', '..');
export const demoSpec = join(repoRoot, 'resources', 'demo', 'sandbox.openapi.yaml');

export interface ProjectFixture {
  dir: string;
  home: string;
  projectPath: string;
  specPath: string;
  project: Project;
  cleanup(): void;
}

export function sampleProject(specSha256: string, id = 'prj_bundle_fixture'): Project {
  return {
    schemaVersion: 1,
    id,
    name: 'Bundle fixture',
    spec: { path: 'sandbox.openapi.yaml', sha256: specSha256 },
    endpoints: {
      metadata: { method: 'GET', path: '/jobs/metadata' },
      fetch: { method: 'GET', path: '/jobs/{jobId}', idParam: 'jobId' },
      create: { method: 'POST', path: '/jobs', recordIdPath: 'id' },
      update: { method: 'PATCH', path: '/jobs/{jobId}', idParam: 'jobId' },
    },
    environments: { sandbox: { baseUrl: 'http://127.0.0.1:9/', username: 'demo' } },
    mappings: {
      outbound: [
        { id: 'm1', source: 'title', target: 'title', action: 'sync' },
        { id: 'm2', target: 'priority', action: 'set_static', value: 'high' },
        { id: 'm3', source: 'id', target: 'external_ref', action: 'custom', script: 'std.toString($.input.id)' },
        { id: 'm4', source: 'location.city', target: 'site.address.city', action: 'sync', default: 'Unknown' },
      ],
      inbound: [{ id: 'i1', source: 'status', target: 'status', action: 'array_map', mappings: [{ compare: 'done', value: 'complete' }] }],
    },
  };
}

export function makeFixture(): ProjectFixture {
  const dir = mkdtempSync(join(tmpdir(), 'studio-bundle-'));
  const specPath = join(dir, 'sandbox.openapi.yaml');
  copyFileSync(demoSpec, specPath);
  const sha = createHash('sha256').update(readFileSync(specPath)).digest('hex');
  const project = sampleProject(sha);
  const projectPath = join(dir, 'fixture.connector.json');
  writeFileSync(projectPath, `${JSON.stringify(project, null, 2)}\n`);
  return { dir, home: join(dir, 'home'), projectPath, specPath, project, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
