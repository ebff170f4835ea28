/**
 * Project file migrations. Each migration takes the raw object of version N and returns the
 * object of version N+1; they run in order up to CURRENT_SCHEMA_VERSION. A file newer than this
 * app understands is refused with a message saying so (never silently downgraded).
 *
 * Version 0 is the pre-release draft format: no `schemaVersion`, `spec` as a plain path string,
 * `mappings` possibly a bare array (outbound) and `environments` possibly missing.
 */
import { StudioError } from '../api/define';
import { CURRENT_SCHEMA_VERSION } from './model';

type Raw = Record<string, unknown>;

export interface Migration {
  from: number;
  describe: string;
  up(raw: Raw): Raw;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    describe: 'draft format → 1: schemaVersion, spec object, mappings per direction, environments',
    up(raw) {
      const out: Raw = { ...raw, schemaVersion: 1 };
      if (typeof raw.spec === 'string') out.spec = { path: raw.spec, sha256: '' };
      if (Array.isArray(raw.mappings)) out.mappings = { outbound: raw.mappings, inbound: [] };
      else if (raw.mappings === undefined) out.mappings = { outbound: [], inbound: [] };
      else if (typeof raw.mappings === 'object' && raw.mappings !== null) {
        const m = raw.mappings as Raw;
        out.mappings = { outbound: m.outbound ?? [], inbound: m.inbound ?? [], ...m };
      }
      if (raw.environments === undefined) out.environments = {};
      if (raw.endpoints === undefined) out.endpoints = {};
      return out;
    },
  },
];

export interface MigrationResult {
  raw: Raw;
  fromVersion: number;
  applied: string[];
}

/** Bring a parsed project object to the current schema version. */
export function migrateProject(input: unknown, file?: string): MigrationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new StudioError('bad-input', 'a project file must hold a JSON object', file ? { file, line: 1, column: 1 } : undefined);
  }
  let raw = input as Raw;
  const declared = raw.schemaVersion;
  let version: number;
  if (declared === undefined) version = 0;
  else if (typeof declared === 'number' && Number.isInteger(declared) && declared >= 0) version = declared;
  else throw new StudioError('bad-input', `schemaVersion must be a non-negative integer, not ${JSON.stringify(declared)}`, file ? { file } : undefined);
  const fromVersion = version;
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new StudioError(
      'unsupported-version',
      `schemaVersion ${version} is newer than this version of Connector Studio supports (${CURRENT_SCHEMA_VERSION}); update the app to open this project`,
      file ? { file } : undefined,
    );
  }
  const applied: string[] = [];
  while (version < CURRENT_SCHEMA_VERSION) {
    const m = MIGRATIONS.find((x) => x.from === version);
    if (!m) throw new StudioError('internal', `no migration from schemaVersion ${version}`);
    raw = m.up(raw);
    applied.push(m.describe);
    version++;
  }
  return { raw, fromVersion, applied };
}
