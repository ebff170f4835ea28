/**
 * Working state shared by the mapping canvas and the test panel (not part of the document, so
 * not undoable): direction, operation, the selected mapping, the sample record being mapped and
 * the live preview. The sample text persists in localStorage so nothing typed is lost on reload.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Direction, Project } from '../../../../shared/common/project/model';
import type { MapResult } from '../../../../shared/common/api/calls-mapping';
import type { Mapping } from '../../../../shared/common/project/model';
import { applyMappings, type CustomOutcome } from '../../../../shared/common/mapping/engine';
import { callStudio, CallError } from '../../bridge';
import { useProject } from '../../store/project';

export type Operation = 'create' | 'update';

export interface RecentSample {
  name: string;
  text: string;
  at: string;
}

export interface PreviewState {
  /** Input version the shown result belongs to. */
  version: number;
  /** What is on screen: the engine's result, or the instant local pass (see below). */
  result: MapResult | null;
  error: string | null;
  /** An engine run is in flight or queued. */
  running: boolean;
  /**
   * True when `result` is the engine's own answer for `version`. False while only the instant
   * local pass is shown: built-in actions are exact, custom values and validation are the last
   * engine run's (listed in `pendingCustom`) until the engine answers.
   */
  complete: boolean;
  /** Targets of custom mappings whose value is carried over from the previous engine run. */
  pendingCustom: string[];
  /** Input version of the engine answer the shown custom values and validation come from. */
  engineVersion: number;
}

interface SessionState {
  direction: Direction;
  operation: Operation;
  /** Selected mapping index in the current direction's list (null: none). */
  selected: number | null;
  /** Sample record text per direction (JSON, possibly invalid while typing). */
  sampleText: Record<Direction, string | null>;
  sampleName: Record<Direction, string>;
  recent: RecentSample[];
  preview: PreviewState;
  /** Bumped on every edit that changes the preview's input. */
  inputVersion: number;
  setDirection(d: Direction): void;
  setOperation(o: Operation): void;
  select(index: number | null): void;
  setSample(direction: Direction, text: string, name?: string): void;
  remember(name: string, text: string): void;
}

const SAMPLE_KEY = 'connector-studio.sample.';
const RECENT_KEY = 'connector-studio.recent-samples';

function load(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function save(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // best effort
  }
}

function loadRecent(): RecentSample[] {
  try {
    const parsed = JSON.parse(load(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as RecentSample[]).slice(0, 8) : [];
  } catch {
    return [];
  }
}

/** Keystroke times not yet answered by a preview (for the latency measurement). */
const pendingEdits: { version: number; at: number }[] = [];

function noteEdit(version: number): void {
  pendingEdits.push({ version, at: performance.now() });
  if (pendingEdits.length > 500) pendingEdits.splice(0, pendingEdits.length - 500);
}

/** Edits answered by a preview but not yet by the engine's complete result. */
const awaitingEngine: { version: number; at: number }[] = [];

/**
 * Called once a preview for `version` is on screen: one `preview-latency` measure per edit it
 * answers (first payload that includes the edit), and, when the result is the engine's own, one
 * `preview-complete` measure per edit (custom Jsonnet values and validation included).
 */
export function markPreviewShown(version: number, engineVersion: number): void {
  const now = performance.now();
  while (pendingEdits.length > 0 && (pendingEdits[0]?.version ?? Infinity) <= version) {
    const edit = pendingEdits.shift();
    if (!edit) break;
    performance.measure('preview-latency', { start: edit.at, end: now });
    awaitingEngine.push(edit);
  }
  while (awaitingEngine.length > 0 && (awaitingEngine[0]?.version ?? Infinity) <= engineVersion) {
    const edit = awaitingEngine.shift();
    if (edit) performance.measure('preview-complete', { start: edit.at, end: now });
  }
  if (awaitingEngine.length > 500) awaitingEngine.splice(0, awaitingEngine.length - 500);
}

export const useSession = create<SessionState>()((set, get) => ({
  direction: 'outbound',
  operation: 'create',
  selected: null,
  sampleText: { outbound: load(`${SAMPLE_KEY}outbound`), inbound: load(`${SAMPLE_KEY}inbound`) },
  sampleName: { outbound: load(`${SAMPLE_KEY}outbound.name`) ?? 'Sample work order', inbound: load(`${SAMPLE_KEY}inbound.name`) ?? 'Sample record' },
  recent: loadRecent(),
  preview: { version: 0, result: null, error: null, running: false, complete: false, pendingCustom: [], engineVersion: -1 },
  inputVersion: 0,
  setDirection(direction) {
    if (direction === get().direction) return;
    const v = get().inputVersion + 1;
    noteEdit(v);
    set({ direction, selected: null, inputVersion: v });
  },
  setOperation(operation) {
    if (operation === get().operation) return;
    const v = get().inputVersion + 1;
    noteEdit(v);
    set({ operation, inputVersion: v });
  },
  select(selected) {
    set({ selected });
  },
  setSample(direction, text, name) {
    const v = get().inputVersion + 1;
    noteEdit(v);
    save(`${SAMPLE_KEY}${direction}`, text);
    if (name !== undefined) save(`${SAMPLE_KEY}${direction}.name`, name);
    set({
      sampleText: { ...get().sampleText, [direction]: text },
      sampleName: name !== undefined ? { ...get().sampleName, [direction]: name } : get().sampleName,
      inputVersion: v,
    });
  },
  remember(name, text) {
    const recent = [{ name, text, at: new Date().toISOString() }, ...get().recent.filter((r) => r.text !== text)].slice(0, 8);
    save(RECENT_KEY, JSON.stringify(recent));
    set({ recent });
  },
}));

/** Parses sample text; null text means "not loaded yet". */
export function parseSample(text: string | null): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text === null) return { ok: false, error: 'no sample loaded' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The parsed sample of the current direction (undefined when missing or invalid). */
export function useSampleRecord(): unknown {
  const direction = useSession((s) => s.direction);
  const text = useSession((s) => s.sampleText[direction]);
  const parsed = parseSample(text);
  return parsed.ok ? parsed.value : undefined;
}

/** Loads the bundled sample work order (outbound) or the project's inbound sample when none is stored. */
export function useEnsureSample(project: Project | null): void {
  const direction = useSession((s) => s.direction);
  const text = useSession((s) => s.sampleText[direction]);
  useEffect(() => {
    if (text !== null || !project) return;
    const fromProject = project.samples?.find((s) => s.direction === direction);
    if (fromProject) {
      useSession.getState().setSample(direction, JSON.stringify(fromProject.record, null, 2), fromProject.name);
      return;
    }
    if (direction === 'outbound') {
      void callStudio('mapping.sampleWorkOrder', {}).then(
        (wo) => {
          if (useSession.getState().sampleText.outbound === null) useSession.getState().setSample('outbound', JSON.stringify(wo, null, 2), 'Sample work order');
        },
        () => undefined,
      );
    } else {
      useSession.getState().setSample('inbound', '{}', 'Empty record');
    }
  }, [direction, text, project]);
}

let running = false;
let queued = false;
/** Input version of the last engine run started (answered or failed). */
let attempted = -1;
/** The last engine answer and the mapping list it was computed for (custom values carry over). */
let lastEngine: { list: readonly Mapping[]; result: MapResult; inputText: string | null; version: number } | null = null;

function customKey(m: Mapping): string {
  return `${m.target}\u0000${m.script ?? ''}\u0000${m.source ?? ''}`;
}

/**
 * The instant pass: built-in actions run here, in the renderer, through the same pure engine the
 * Node side uses (shared/common/mapping/engine.ts), so the payload follows typing at once. Custom
 * Jsonnet values come from the last engine run (same target and script) until the engine answers.
 */
function localPass(): void {
  const s = useSession.getState();
  const doc = useProject.getState().doc;
  if (!doc) return;
  const version = s.inputVersion;
  const text = s.sampleText[s.direction];
  const sample = parseSample(text);
  if (!sample.ok) {
    useSession.setState({ preview: { ...s.preview, version, error: `Sample is not valid JSON: ${sample.error}`, complete: false } });
    return;
  }
  const list = doc.project.mappings[s.direction];
  const carried = new Map<string, CustomOutcome>();
  const fresh = lastEngine !== null && lastEngine.inputText === text;
  if (lastEngine) {
    const prev = lastEngine;
    for (const t of prev.result.trace) {
      const m = prev.list[t.mappingIndex];
      if (!m || m.action !== 'custom') continue;
      const err = prev.result.errors.find((e) => e.target === m.target);
      const outcome: CustomOutcome = err
        ? { ok: false, message: err.message, ...(err.line !== undefined ? { line: err.line } : {}), ...(err.column !== undefined ? { column: err.column } : {}) }
        : { ok: true, value: t.usedDefault ? null : t.value };
      carried.set(customKey(m), outcome);
    }
  }
  const pendingCustom: string[] = [];
  let local;
  try {
    local = applyMappings(list, sample.value, {
      custom: (i) => {
        const m = list[i];
        const hit = m ? carried.get(customKey(m)) : undefined;
        if (m && (!hit || !fresh)) pendingCustom.push(m.target);
        return hit ?? { ok: true, value: undefined };
      },
    });
  } catch (err) {
    useSession.setState({ preview: { ...s.preview, version, error: err instanceof Error ? err.message : String(err), complete: false } });
    return;
  }
  const prev = lastEngine?.result;
  const result: MapResult = {
    output: local.output,
    errors: local.errors,
    validation: prev?.validation ?? [],
    unmappedRequired: prev?.unmappedRequired ?? [],
    trace: local.trace,
    log: prev?.log ?? [],
    durationMs: prev?.durationMs ?? 0,
  };
  useSession.setState({ preview: { version, result, error: null, running: true, complete: false, pendingCustom, engineVersion: lastEngine?.version ?? -1 } });
}

/**
 * Keeps the preview current: whenever the project, direction, operation or sample changes, the
 * instant local pass runs at once and the engine runs again. At most one engine run is in
 * flight; edits during a run collapse into one follow-up run of the latest input (stale results
 * are never shown over newer ones).
 */
export function usePreviewRunner(): void {
  const project = useProject((s) => s.doc?.project ?? null);
  const path = useProject((s) => s.doc?.path ?? null);
  const direction = useSession((s) => s.direction);
  const operation = useSession((s) => s.operation);
  const text = useSession((s) => s.sampleText[direction]);
  useEnsureSample(project);
  useEffect(() => {
    if (!project) return;
    // Mapping edits arrive through the project store: count them as edits too.
    const st = useSession.getState();
    if (st.preview.version >= st.inputVersion) {
      const v = st.inputVersion + 1;
      noteEdit(v);
      useSession.setState({ inputVersion: v });
    }
    localPass();
    void run();
  }, [project, path, direction, operation, text]);
}

async function run(): Promise<void> {
  if (running) {
    queued = true;
    return;
  }
  running = true;
  try {
    do {
      queued = false;
      const s = useSession.getState();
      const doc = useProject.getState().doc;
      if (!doc) return;
      const version = s.inputVersion;
      const text = s.sampleText[s.direction];
      const sample = parseSample(text);
      if (!sample.ok) {
        attempted = version;
        continue;
      }
      const list = doc.project.mappings[s.direction];
      attempted = version;
      try {
        const result = await callStudio('mapping.run', {
          project: doc.project as unknown as Record<string, unknown>,
          projectPath: doc.path,
          direction: s.direction,
          operation: s.operation,
          input: sample.value,
        });
        lastEngine = { list, result, inputText: text, version };
        if (version === useSession.getState().inputVersion) {
          useSession.setState({ preview: { version, result, error: null, running: false, complete: true, pendingCustom: [], engineVersion: version } });
        } else {
          // Newer input arrived meanwhile: refresh the local pass with the newer custom values.
          localPass();
        }
      } catch (err) {
        const message = err instanceof CallError ? err.data.message : err instanceof Error ? err.message : String(err);
        if (version === useSession.getState().inputVersion) {
          useSession.setState({ preview: { ...useSession.getState().preview, version, error: message, running: false, complete: false } });
        }
      }
    } while (queued || useSession.getState().inputVersion > attempted);
  } finally {
    running = false;
    const p = useSession.getState().preview;
    if (p.running && p.complete) useSession.setState({ preview: { ...p, running: false } });
  }
}
