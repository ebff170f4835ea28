/**
 * Monaco, bundled locally with its workers (no CDN; the CSP allows only 'self' and blob: workers).
 * Import this module once before any <Editor/> renders; the Jsonnet language registers itself in
 * ./jsonnet*.ts (mapping UI) on the `monaco` namespace exported here.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { loader } from '@monaco-editor/react';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// Without this, @monaco-editor/react fetches Monaco from a CDN.
loader.config({ monaco });

/** Monaco theme names that follow the app theme. */
export function monacoTheme(dark: boolean): string {
  return dark ? 'vs-dark' : 'vs';
}

export { monaco };
