import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import type { JsonnetDiagnostic } from '../../../../../shared/common/api/calls-mapping';
import type { Mapping } from '../../../../../shared/common/project/model';
import { callStudio, CallError } from '../../../bridge';
import { monaco as monacoInstance, monacoTheme } from '../../../monaco/setup';
import { JSONNET, registerJsonnet } from '../../../monaco/jsonnet';
import { useIsDark } from '../../../lib/use-dark';
import { describeValue } from '../logic/typed-value';

export const CHECK_DELAY_MS = 300;
const COMMIT_DELAY_MS = 350;

registerJsonnet(monacoInstance);

/** custom: Jsonnet in Monaco with the real engine's diagnostics as you type (debounced). */
export function CustomEditor({ mapping, index, sample, onChange }: { mapping: Mapping; index: number; sample: unknown; onChange(label: string, next: Mapping): void }) {
  const dark = useIsDark();
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const [diagnostics, setDiagnostics] = useState<JsonnetDiagnostic[] | null>(null);
  const [value, setValue] = useState<{ value?: unknown; log: string[] } | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  /** The text changed since the diagnostics shown were computed. */
  const [checking, setChecking] = useState(true);
  const seq = useRef(0);
  const checkTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const commitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ mapping, onChange, sample });
  useEffect(() => {
    latest.current = { mapping, onChange, sample };
  });
  const script = mapping.script ?? '';

  const check = (text: string) => {
    const n = ++seq.current;
    callStudio('mapping.checkScript', { script: text, input: latest.current.sample ?? {} }).then(
      (r) => {
        if (n !== seq.current) return;
        setChecking(false);
        setDiagnostics(r.diagnostics);
        setValue({ value: r.value, log: r.log });
        setCheckError(null);
        const model = editorRef.current?.getModel();
        if (model) {
          monacoInstance.editor.setModelMarkers(
            model,
            'jsonnet',
            r.diagnostics.map((d) => ({
              severity: d.severity === 'error' ? monacoInstance.MarkerSeverity.Error : monacoInstance.MarkerSeverity.Warning,
              message: d.message,
              startLineNumber: d.line,
              startColumn: d.column,
              endLineNumber: d.endLine ?? d.line,
              endColumn: d.endColumn ?? (d.endLine && d.endLine !== d.line ? d.column + 1 : Math.max(d.column + 1, model.getLineMaxColumn(Math.min(d.line, model.getLineCount())))),
            })),
          );
        }
      },
      (err: unknown) => {
        if (n === seq.current) {
          setChecking(false);
          setCheckError(err instanceof CallError ? err.data.message : String(err));
        }
      },
    );
  };

  const schedule = (text: string) => {
    setChecking(true);
    if (checkTimer.current) clearTimeout(checkTimer.current);
    checkTimer.current = setTimeout(() => check(text), CHECK_DELAY_MS);
    if (commitTimer.current) clearTimeout(commitTimer.current);
    commitTimer.current = setTimeout(() => {
      const { mapping: m, onChange: change } = latest.current;
      if ((m.script ?? '') !== text) change('Edit Jsonnet', { ...m, script: text });
    }, COMMIT_DELAY_MS);
  };

  // First check, and external changes (undo/redo) flowing back into the editor.
  useEffect(() => {
    const ed = editorRef.current;
    if (ed && ed.getValue() !== script && !(commitTimer.current && ed.hasTextFocus())) ed.setValue(script);
    schedule(script);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [script, index]);

  useEffect(
    () => () => {
      if (checkTimer.current) clearTimeout(checkTimer.current);
      // Flush a pending edit when the editor closes.
      if (commitTimer.current) {
        clearTimeout(commitTimer.current);
        const ed = editorRef.current;
        const { mapping: m, onChange: change } = latest.current;
        if (ed && ed.getValue() !== (m.script ?? '')) change('Edit Jsonnet', { ...m, script: ed.getValue() });
      }
    },
    [],
  );

  const onMount: OnMount = (ed) => {
    editorRef.current = ed;
    schedule(ed.getValue());
  };

  const errors = diagnostics?.filter((d) => d.severity === 'error') ?? [];
  return (
    <div className="editor-block">
      <div className="monaco-box" aria-label="Jsonnet script">
        <Editor
          height="220px"
          language={JSONNET}
          theme={monacoTheme(dark)}
          path={`inmemory://mapping/${index}.jsonnet`}
          defaultValue={script}
          onMount={onMount}
          onChange={(v) => schedule(v ?? '')}
          options={{
            minimap: { enabled: false },
            fontSize: 13,
            lineNumbers: 'on',
            scrollBeyondLastLine: false,
            automaticLayout: true,
            tabSize: 2,
            wordBasedSuggestions: 'off',
            fixedOverflowWidgets: true,
            ariaLabel: 'Jsonnet script editor',
          }}
        />
      </div>
      <div className={`diag${checking ? ' is-checking' : ''}`} aria-live="polite" aria-busy={checking || undefined} data-testid="jsonnet-diagnostics">
        {checkError ? <div className="flag">Could not check the script: {checkError}</div> : null}
        {diagnostics === null ? <span className="faint">Checking…</span> : null}
        {errors.map((d, i) => (
          <div key={i} className="diag__item" role="alert">
            <span className="mono">
              {d.line}:{d.column}
            </span>{' '}
            {d.message}
          </div>
        ))}
        {diagnostics !== null && errors.length === 0 ? (
          <div className="diag__ok" role="status">
            ✓ No errors{value && value.value !== undefined ? <> — sample → <span className="mono">{describeValue(value.value, 100)}</span></> : null}
          </div>
        ) : null}
        {value && value.log.length > 0 ? (
          <pre className="diag__log" aria-label="std.trace output">
            {value.log.join('\n')}
          </pre>
        ) : null}
      </div>
    </div>
  );
}
