import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import Database from 'better-sqlite3';
import type { ServerContext } from '../../shared/node/api/context';
import { createProjectHandlers } from '../../shared/node/api/handlers-project';
import type { Project } from '../../shared/common/project/model';

/** The parts of the demo spec the tests edit. */
interface SpecDoc {
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: {
      JobFields: { properties: Record<string, unknown> };
      JobCreate: { allOf: [unknown, { required: string[] }] };
    };
  };
}

const repoRoot = resolve(__dirname, '..', '..');
const demoSpec = join(repoRoot, 'resources', 'demo', 'sandbox.openapi.yaml');

interface Setup {
  dir: string;
  specPath: string;
  handlers: ReturnType<typeof createProjectHandlers>;
  close(): Promise<void>;
}

const setups: Setup[] = [];

function setup(): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'studio-life-'));
  const specPath = join(dir, 'sandbox.openapi.yaml');
  copyFileSync(demoSpec, specPath);
  const closers: (() => Promise<void> | void)[] = [];
  const ctx: ServerContext = {
    mode: 'cli',
    studioHome: join(dir, 'home'),
    appVersion: '0.1.0',
    emit: () => {},
    onClose: (fn) => closers.push(fn),
  };
  const s: Setup = {
    dir,
    specPath,
    handlers: createProjectHandlers(ctx),
    close: async () => {
      for (const fn of closers.splice(0).reverse()) await fn();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  setups.push(s);
  return s;
}

afterEach(async () => {
  for (const s of setups.splice(0)) await s.close();
});

function withEndpoints(p: Project): Project {
  return {
    ...p,
    endpoints: {
      fetch: { method: 'GET', path: '/jobs/{jobId}', idParam: 'jobId' },
      create: { method: 'POST', path: '/jobs', recordIdPath: 'id' },
      update: { method: 'PATCH', path: '/jobs/{jobId}', idParam: 'jobId' },
    },
    environments: { sandbox: { baseUrl: 'http://127.0.0.1:9', username: 'demo' } },
    mappings: {
      outbound: [
        { source: 'title', target: 'title', action: 'sync' },
        { source: 'notes', target: 'notes', action: 'sync' },
        { source: 'hours', target: 'estimated_hours', action: 'sync' },
      ],
      inbound: [{ source: 'status', target: 'status', action: 'sync' }],
    },
  };
}

describe('project lifecycle', () => {
  it('creates a project with a new id, a relative spec path and the spec hash; refuses to overwrite', async () => {
    const s = setup();
    const path = join(s.dir, 'sub', '..', 'acme.connector.json');
    const state = await s.handlers['project.new']({ path, name: 'Acme', specPath: s.specPath });
    expect(state.project.id).toMatch(/^prj_/);
    expect(state.project.spec).toEqual({
      path: 'sandbox.openapi.yaml',
      sha256: createHash('sha256').update(readFileSync(s.specPath)).digest('hex'),
    });
    expect(state.revision).toBe(1);
    const onDisk = JSON.parse(readFileSync(join(s.dir, 'acme.connector.json'), 'utf8')) as Project;
    expect(onDisk.id).toBe(state.project.id);
    const again = await s.handlers['project.new']({ path, name: 'Acme', specPath: s.specPath }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'conflict' });
    const other = await s.handlers['project.new']({ path: join(s.dir, 'b.connector.json'), name: 'B', specPath: s.specPath });
    expect(other.project.id).not.toBe(state.project.id);
    expect((await s.handlers['workspace.recent']({})).map((r) => r.name)).toEqual(['B', 'Acme']);
  });

  it('keeps autosaves out of the file, recovers them on open, and drops them on save', async () => {
    const s = setup();
    const path = join(s.dir, 'p.connector.json');
    const created = await s.handlers['project.new']({ path, name: 'P', specPath: s.specPath });
    const fileBefore = readFileSync(path, 'utf8');
    const edited = { ...withEndpoints(created.project), name: 'P (edited, unsaved)' };
    const typedInWrongPlace = structuredClone(edited) as unknown as { environments: { sandbox: Record<string, unknown> } };
    typedInWrongPlace.environments.sandbox.password = 'Wr0ng-Place-Pa55';
    await s.handlers['project.autosave']({ path, project: typedInWrongPlace as unknown as Record<string, unknown> });
    expect(readFileSync(path, 'utf8')).toBe(fileBefore);
    const dbBytes = ['', '-wal'].map((suffix) => {
      try {
        return readFileSync(join(s.dir, 'home', `workspace.db${suffix}`)).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(dbBytes.join('')).not.toContain('Wr0ng-Place-Pa55');
    // Make the file look older than the autosave regardless of clock granularity.
    utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const reopened = await s.handlers['project.open']({ path });
    expect(reopened.recovered).toBe(true);
    expect(reopened.project.name).toBe('P (edited, unsaved)');
    const saved = await s.handlers['project.save']({ path, project: reopened.project as unknown as Record<string, unknown> });
    expect(saved.revision).toBe(2);
    const clean = await s.handlers['project.open']({ path });
    expect(clean.recovered).toBe(false);
    expect(clean.project.name).toBe('P (edited, unsaved)');
  });

  it('prefers the file when it was saved after the autosave', async () => {
    const s = setup();
    const path = join(s.dir, 'p.connector.json');
    const created = await s.handlers['project.new']({ path, name: 'P', specPath: s.specPath });
    await s.handlers['project.autosave']({ path, project: { ...created.project, name: 'stale' } as unknown as Record<string, unknown> });
    utimesSync(path, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    const opened = await s.handlers['project.open']({ path });
    expect(opened.recovered).toBe(false);
    expect(opened.project.name).toBe('P');
  });

  it('records every save as a revision and diffs any two of them', async () => {
    const s = setup();
    const path = join(s.dir, 'p.connector.json');
    const created = await s.handlers['project.new']({ path, name: 'P', specPath: s.specPath });
    const v2 = withEndpoints(created.project);
    await s.handlers['project.save']({ path, project: v2 as unknown as Record<string, unknown> });
    const v3: Project = structuredClone(v2);
    v3.endpoints.update = { method: 'PATCH', path: '/jobs/{jobId}', idParam: 'id' };
    v3.environments.production = { baseUrl: 'https://api.example.test', username: 'ops' };
    v3.mappings.outbound[0] = { source: 'summary', target: 'title', action: 'sync' };
    v3.mappings.outbound.splice(1, 1);
    v3.mappings.inbound.push({ target: 'priority', action: 'set_static', value: 'low' });
    await s.handlers['project.save']({ path, project: v3 as unknown as Record<string, unknown>, summary: 'rework' });
    const history = await s.handlers['project.history']({ path });
    expect(history.map((h) => [h.revision, h.summary])).toEqual([
      [3, 'rework'],
      [2, expect.stringContaining('3 endpoints changed') as unknown as string],
      [1, 'Created'],
    ]);
    expect((await s.handlers['project.revision']({ path, revision: 2 })).mappings.outbound).toHaveLength(3);
    const diff = await s.handlers['project.diff']({ path, from: 2, to: 3 });
    expect(diff.endpoints).toEqual([
      { role: 'update', before: { method: 'PATCH', path: '/jobs/{jobId}', idParam: 'jobId' }, after: { method: 'PATCH', path: '/jobs/{jobId}', idParam: 'id' } },
    ]);
    expect(diff.environments).toEqual([{ name: 'production', before: null, after: { baseUrl: 'https://api.example.test', username: 'ops' } }]);
    expect(diff.mappings.map((m) => [m.direction, m.target, m.change])).toEqual([
      ['inbound', 'priority', 'added'],
      ['outbound', 'title', 'changed'],
      ['outbound', 'notes', 'removed'],
    ]);
    expect(diff.other).toEqual([]);
    const missing = await s.handlers['project.revision']({ path, revision: 42 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'not-found' });
  });

  it('shows the impact of a spec changed on disk before anything is overwritten', async () => {
    const s = setup();
    const path = join(s.dir, 'p.connector.json');
    const created = await s.handlers['project.new']({ path, name: 'P', specPath: s.specPath });
    const project = withEndpoints(created.project);
    await s.handlers['project.save']({ path, project: project as unknown as Record<string, unknown> });

    // A new version of the spec: notes removed, estimated_hours now a string, scheduled_date
    // required, status gone from responses, and the PATCH operation dropped.
    const doc = YAML.parse(readFileSync(s.specPath, 'utf8')) as SpecDoc;
    const fields = doc.components.schemas.JobFields.properties;
    delete fields.notes;
    delete fields.status;
    fields.estimated_hours = { type: 'string' };
    doc.components.schemas.JobCreate.allOf[1].required.push('scheduled_date');
    delete doc.paths['/jobs/{jobId}']!.patch;
    const specText = readFileSync(s.specPath, 'utf8');
    writeFileSync(s.specPath, YAML.stringify(doc));

    const opened = await s.handlers['project.open']({ path });
    expect(opened.specChanged).toBe(true);
    const impact = await s.handlers['project.specImpact']({ path, project: project as unknown as Record<string, unknown> });
    expect(impact.baseline).toBe('previous-spec');
    expect(impact.operationsMissing).toEqual([{ role: 'update', method: 'PATCH', path: '/jobs/{jobId}' }]);
    expect(impact.targetsRemoved).toEqual([{ direction: 'outbound', target: 'notes' }]);
    expect(impact.typesChanged).toEqual([{ direction: 'outbound', target: 'estimated_hours', before: 'number', after: 'string' }]);
    expect(impact.newlyRequired).toEqual(['scheduled_date']);
    expect(impact.sourcesRemoved).toEqual([{ direction: 'inbound', source: 'status', target: 'status' }]);
    // Nothing was overwritten: the project file still records the old spec hash.
    const file = JSON.parse(readFileSync(path, 'utf8')) as Project;
    expect(file.spec.sha256).toBe(createHash('sha256').update(specText).digest('hex'));
  });

  it('compares a newly chosen spec file with the one still on disk', async () => {
    const s = setup();
    const path = join(s.dir, 'p.connector.json');
    const created = await s.handlers['project.new']({ path, name: 'P', specPath: s.specPath });
    const project = withEndpoints(created.project);
    const doc = YAML.parse(readFileSync(s.specPath, 'utf8')) as SpecDoc;
    doc.components.schemas.JobCreate.allOf[1].required.push('budget');
    const next = join(s.dir, 'sandbox-v2.yaml');
    writeFileSync(next, YAML.stringify(doc));
    const impact = await s.handlers['project.specImpact']({ path, project: project as unknown as Record<string, unknown>, newSpecPath: next });
    expect(impact).toMatchObject({ baseline: 'previous-spec', newlyRequired: ['budget'], targetsRemoved: [], typesChanged: [], operationsMissing: [] });
  });

  it('still opens and saves project files when the workspace database is newer than the app', async () => {
    const s = setup();
    const path = join(s.dir, 'p.connector.json');
    const seeded = setup();
    const created = await seeded.handlers['project.new']({ path, name: 'P', specPath: s.specPath });
    mkdirSync(join(s.dir, 'home'), { recursive: true });
    const db = new Database(join(s.dir, 'home', 'workspace.db'));
    db.pragma('user_version = 999');
    db.close();
    const opened = await s.handlers['project.open']({ path });
    expect(opened).toMatchObject({ revision: 0, recovered: false });
    expect(await s.handlers['project.save']({ path, project: { ...created.project, name: 'Q' } as unknown as Record<string, unknown> })).toMatchObject({ revision: 0 });
    expect((JSON.parse(readFileSync(path, 'utf8')) as Project).name).toBe('Q');
    await expect(s.handlers['project.history']({ path })).rejects.toMatchObject({ code: 'unsupported-version' });
    await expect(s.handlers['project.autosave']({ path, project: created.project as unknown as Record<string, unknown> })).rejects.toMatchObject({
      code: 'unsupported-version',
    });
  });

  it('save as into another folder keeps the project pointing at the same spec and starts its own history', async () => {
    const s = setup();
    const path = join(s.dir, 'p.connector.json');
    const created = await s.handlers['project.new']({ path, name: 'P', specPath: s.specPath });
    const copy = join(s.dir, 'elsewhere', 'deeper', 'copy.connector.json');
    mkdirSync(join(s.dir, 'elsewhere', 'deeper'), { recursive: true });
    const saved = await s.handlers['project.save']({ path: copy, previousPath: path, project: created.project as unknown as Record<string, unknown> });
    expect(saved.revision).toBe(1);
    const reopened = await s.handlers['project.open']({ path: copy });
    expect(reopened.project.spec.path).toBe('../../sandbox.openapi.yaml');
    expect(reopened.specChanged).toBe(false);
    expect((await s.handlers['project.history']({ path })).map((h) => h.revision)).toEqual([1]);
  });
});
