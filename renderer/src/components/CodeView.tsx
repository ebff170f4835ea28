import { useEffect, useRef, useState } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { monaco, monacoTheme } from '../monaco/setup';
import { useIsDark } from '../lib/use-dark';
import type { MarkerData } from '../lib/diagnostics';

export interface CodeViewProps {
  value: string;
  language: string;
  /** Model URI path (unique per document). */
  path: string;
  markers?: readonly MarkerData[];
  /** Reveal and select this position; `seq` makes a repeated jump to the same place work. */
  jumpTo?: { line: number; column: number; seq: number } | null;
  label: string;
}

/** A read-only Monaco view with markers, jump-to-position and a cursor position line. */
export function CodeView({ value, language, path, markers, jumpTo, label }: CodeViewProps) {
  const dark = useIsDark();
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const [position, setPosition] = useState({ line: 1, column: 1 });
  const [mounted, setMounted] = useState(false);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.onDidChangeCursorPosition((e) => setPosition({ line: e.position.lineNumber, column: e.position.column }));
    setMounted(true);
  };

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!mounted || !model) return;
    monaco.editor.setModelMarkers(model, 'studio', [...(markers ?? [])]);
  }, [markers, mounted, value]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!mounted || !editor || !jumpTo) return;
    const model = editor.getModel();
    const line = Math.min(Math.max(1, jumpTo.line), model?.getLineCount() ?? jumpTo.line);
    const column = Math.max(1, jumpTo.column);
    editor.setSelection({ startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: (model?.getLineMaxColumn(line) ?? column + 1) });
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column });
    editor.focus();
  }, [jumpTo, mounted]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <div style={{ flex: 1, minHeight: 0 }} role="region" aria-label={label} data-testid="code-view">
        <Editor
          value={value}
          language={language}
          path={path}
          theme={monacoTheme(dark)}
          onMount={onMount}
          loading={<span className="muted" style={{ padding: 8 }}>Loading editor…</span>}
          options={{
            readOnly: true,
            domReadOnly: true,
            minimap: { enabled: true },
            scrollBeyondLastLine: false,
            fontSize: 12,
            automaticLayout: true,
            renderValidationDecorations: 'on',
            wordWrap: 'off',
          }}
        />
      </div>
      <div className="row" style={{ justifyContent: 'space-between', padding: '4px 8px', borderTop: '1px solid var(--border)', fontSize: 'var(--fs-xs)' }}>
        <span className="muted">{language.toUpperCase()} · read-only</span>
        <span className="mono muted" data-testid="editor-position">
          Ln {position.line}, Col {position.column}
        </span>
      </div>
    </div>
  );
}

export default CodeView;
