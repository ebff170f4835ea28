/**
 * Working state shared by the mapping canvas and the test panel (not part of the document, so
 * not undoable): direction, operation, the selected mapping, the sample record being mapped and
 * the live preview. The sample text persists in localStorage so nothing typed is lost on reload.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Direction, Project } from '../../../../shared/common/project/model';
import type { MapResult } from '../../../../shared/common/api/calls-mapping';
import { callStudio, CallError } from '../../bridge';
import { useProject } from '../../store/project';

export type Operation = 'create' | 'update';

export interface RecentSample {
  name: string;
  text: string;
  at: string;
}

export interface PreviewState {
  /** Input version the result belongs to. */
  version: number;
  result: MapResult | null;
  error: string | null;
  running: boolean;
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

/** Called once a preview for `version` is on screen: one `preview-latency` measure per edit it answers. */
export function markPreviewShown(version: number): void {
  const now = performance.now();
  while (pendingEdits.length > 0 && (pendingEdits[0]?.version ?? Infinity) <= version) {
    const edit = pendingEdits.shift();
    if (edit) performance.measure('preview-latency', { start: edit.at, end: now });
  }
}

export const useSession = create<SessionState>()((set, get) => ({
  direction: 'outbound',
  operation: 'create',
  selected: null,
  sampleText: { outbound: load(`${SAMPLE_KEY}outbound`), inbound: load(`${SAMPLE_KEY}inbound`) },
  sampleName: { outbound: load(`${SAMPLE_KEY}outbound.name`) ?? 'Sample work order', inbound: load(`${SAMPLE_KEY}inbound.name`) ?? 'Sample record' },
  recent: loadRecent(),
  preview: { version: 0, result: null, error: null, running: false },
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

/**
 * Keeps the preview current: whenever the project, direction, operation or sample changes, the
 * mapping runs again. At most one run is in flight; edits during a run collapse into one
 * follow-up run of the latest input (stale results are never shown over newer ones).
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
    const timer = setTimeout(() => void run(), 8);
    return () => clearTimeout(timer);
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
      const sample = parseSample(s.sampleText[s.direction]);
      if (!sample.ok) {
        useSession.setState({ preview: { ...s.preview, version, error: `Sample is not valid JSON: ${sample.error}`, running: false } });
        continue;
      }
      useSession.setState({ preview: { ...s.preview, running: true } });
      try {
        const result = await callStudio('mapping.run', {
          project: doc.project as unknown as Record<string, unknown>,
          projectPath: doc.path,
          direction: s.direction,
          operation: s.operation,
          input: sample.value,
        });
        if (version >= useSession.getState().preview.version) {
          useSession.setState({ preview: { version, result, error: null, running: queued } });
        }
      } catch (err) {
        const message = err instanceof CallError ? err.data.message : err instanceof Error ? err.message : String(err);
        useSession.setState({ preview: { ...useSession.getState().preview, version, error: message, running: queued } });
      }
    } while (queued || useSession.getState().inputVersion > useSession.getState().preview.version);
  } finally {
    running = false;
  }
}
