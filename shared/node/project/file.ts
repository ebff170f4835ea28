/**
 * Reading and writing project files (`*.connector.json`). Loading reports the first problem as
 * `file:line:column: <key> ...` at the offending key; writing is atomic (temp file + rename) and
 * uses the stable serialisation of shared/common/project/serialize.ts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { StudioError } from '../../common/api/define';
import { JsonSyntaxError, parseJsonWithPositions, type PositionedJson } from '../../common/project/json-positions';
import { migrateProject } from '../../common/project/migrate';
import type { Project } from '../../common/project/model';
import { serializeProject } from '../../common/project/serialize';
import { resourcesDir } from '../runtime/paths';

export { migrateProject } from '../../common/project/migrate';
export { serializeProject } from '../../common/project/serialize';

let validator: ValidateFunction | null = null;

function projectValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(join(resourcesDir(), 'schemas', 'project.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  validator = ajv.compile(schema);
  return validator;
}

function unescapeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/mappings/outbound/3/action` → `mappings.outbound[3].action` (how the message names a key). */
export function pointerToKey(pointer: string): string {
  if (pointer === '') return '(root)';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const t = unescapeToken(raw);
    if (/^\d+$/.test(t)) out += `[${t}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(t)) out += out ? `.${t}` : t;
    else out += `[${JSON.stringify(t)}]`;
  }
  return out;
}

function describeError(e: ErrorObject): { pointer: string; atKey: boolean; message: string } {
  const at = e.instancePath;
  const key = pointerToKey(at);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      const where = at === '' ? missing : `${key}.${missing}`;
      return { pointer: at, atKey: true, message: `${where} is required${at === '' ? '' : ` in ${key}`}` };
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const child = `${at}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return { pointer: child, atKey: true, message: `${pointerToKey(child)} is not a known key${at === '' ? '' : ` of ${key}`}` };
    }
    case 'enum':
      return { pointer: at, atKey: false, message: `${key} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { pointer: at, atKey: false, message: `${key} must be ${JSON.stringify(p.allowedValue)}` };
    case 'propertyNames':
      return { pointer: `${at}/${String(p.propertyName)}`, atKey: true, message: `${key} has an invalid name "${String(p.propertyName)}"` };
    default:
      return { pointer: at, atKey: false, message: `${key} ${e.message ?? 'is invalid'}` };
  }
}

function positionOf(parsed: PositionedJson, pointer: string, atKey: boolean): { line: number; column: number } {
  let p = pointer;
  for (;;) {
    const pos = (atKey ? parsed.keys.get(p) : undefined) ?? parsed.values.get(p) ?? parsed.keys.get(p);
    if (pos) return { line: pos.line, column: pos.column };
    if (p === '') return { line: 1, column: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/**
 * Parse, migrate and validate project text. Errors: 'unparseable' for broken JSON, 'bad-input'
 * for schema violations (the message names the key; line/column point at it),
 * 'unsupported-version' for a file newer than the app.
 */
export function parseProjectText(text: string, fileName: string): Project {
  let parsed: PositionedJson;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw new StudioError('unparseable', `invalid JSON: ${err.message}`, { file: fileName, line: err.position.line, column: err.position.column });
    }
    throw err;
  }
  const sv = parsed.values.get('/schemaVersion');
  let migrated;
  try {
    migrated = migrateProject(parsed.value, fileName);
  } catch (err) {
    if (err instanceof StudioError && sv) {
      throw new StudioError(err.code, `schemaVersion: ${err.message}`, { file: fileName, line: sv.line, column: sv.column });
    }
    throw err;
  }
  const validate = projectValidator();
  if (!validate(migrated.raw)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    // Report the first error in document order (what an editor would underline first).
    const described = errors.map((e) => {
      const d = describeError(e);
      // Positions only make sense against the original text when nothing was migrated.
      const pos = migrated.fromVersion === migrated.raw.schemaVersion ? positionOf(parsed, d.pointer, d.atKey) : { line: 1, column: 1 };
      return { ...d, ...pos };
    });
    described.sort((a, b) => a.line - b.line || a.column - b.column);
    const first = described[0];
    if (first) {
      const more = described.length > 1 ? ` (and ${described.length - 1} more problem${described.length > 2 ? 's' : ''})` : '';
      throw new StudioError('bad-input', `${first.message}${more}`, {
        file: fileName,
        line: first.line,
        column: first.column,
        details: described.map(({ message, line, column }) => ({ message, line, column })),
      });
    }
  }
  return migrated.raw as unknown as Project;
}

export async function readProjectFile(path: string): Promise<{ project: Project; path: string; text: string }> {
  const abs = resolve(path);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StudioError('not-found', `project file not found: ${path}`, { file: path });
    if (code === 'EISDIR') throw new StudioError('bad-input', `${path} is a folder, not a project file`, { file: path });
    throw new StudioError('io', `cannot read ${path}: ${(err as Error).message}`, { file: path });
  }
  return { project: parseProjectText(text, path), path: abs, text };
}

/** Atomic write: a temp file beside the target, then rename over it. */
export async function writeProjectFile(path: string, project: Project): Promise<string> {
  const text = serializeProject(project);
  await writeTextAtomic(path, text);
  return text;
}

export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const abs = resolve(path);
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // Save As into a folder that does not exist yet creates it, as a file dialog would let you.
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(tmp, abs);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new StudioError('io', `cannot write ${path}: ${(err as Error).message}`, { file: path });
  }
}

/** The spec file the project refers to (its path is relative to the project file). */
export function resolveSpecPath(projectPath: string, project: Pick<Project, 'spec'>): string {
  const p = project.spec.path;
  return isAbsolute(p) ? p : resolve(dirname(resolve(projectPath)), p);
}

/**
 * Check a project that arrived as an object (over IPC/HTTP, untrusted): migrate and validate.
 * The message names the first offending key (no line: there is no text).
 */
export function checkProjectObject(raw: unknown, label = 'project'): Project {
  const migrated = migrateProject(raw);
  const validate = projectValidator();
  if (!validate(migrated.raw)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describeError);
    const first = errors[0];
    if (first) throw new StudioError('bad-input', `${label}: ${first.message}`, { details: errors.map((e) => e.message) });
  }
  return migrated.raw as unknown as Project;
}
