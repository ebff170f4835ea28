/**
 * The Jsonnet language for Monaco: Monarch tokens, brackets and comments, completion for
 * `std.*`, `$.util.*` and `$.input.` field paths (from the current source tree), and hover docs.
 * Diagnostics come from the real engine (mapping.checkScript) in the custom-action editor.
 */
import type * as Monaco from 'monaco-editor';
import { completionContext, inputChildren, lookupLibrary, STD_FUNCTIONS, UTIL_FUNCTIONS } from './jsonnet-library';

export const JSONNET = 'jsonnet';

/** Source field keys offered after `$.input.` (set by the mapping view for the current direction). */
let inputKeys: readonly string[] = [];
export function setJsonnetInputFields(keys: readonly string[]): void {
  inputKeys = keys;
}

const KEYWORDS = ['assert', 'else', 'error', 'false', 'for', 'function', 'if', 'import', 'importstr', 'importbin', 'in', 'local', 'null', 'tailstrict', 'then', 'self', 'super', 'true'];

const monarch: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: KEYWORDS,
  operators: ['=', '+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '!', '&', '|', '^', '~', '<<', '>>', '::', ':::', '+:'],
  symbols: /[=><!~?:&|+\-*/^%]+/,
  tokenizer: {
    root: [
      [/\|\|\|/, { token: 'string', next: '@textBlock' }],
      [/\$(?=\.)/, 'variable.predefined'],
      [/\b(std)\b/, 'type.identifier'],
      [/[a-zA-Z_][\w]*(?=\s*\()/, { cases: { '@keywords': 'keyword', '@default': 'entity.name.function' } }],
      [/[a-zA-Z_][\w]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      { include: '@whitespace' },
      [/[{}()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
      [/[;,.]/, 'delimiter'],
      [/@"/, { token: 'string', next: '@verbatimDouble' }],
      [/@'/, { token: 'string', next: '@verbatimSingle' }],
      [/"/, { token: 'string', next: '@stringDouble' }],
      [/'/, { token: 'string', next: '@stringSingle' }],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
      [/#.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    stringDouble: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],
    stringSingle: [
      [/[^\\']+/, 'string'],
      [/\\./, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],
    verbatimDouble: [
      [/[^"]+/, 'string'],
      [/""/, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],
    verbatimSingle: [
      [/[^']+/, 'string'],
      [/''/, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],
    textBlock: [
      [/\|\|\|/, 'string', '@pop'],
      [/./, 'string'],
    ],
  },
};

const configuration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
  wordPattern: /(-?\d*\.\d\w*)|([^`~!@#%^&*()\-=+[{\]}\\|;:'",.<>/?\s]+)/g,
};

let registered = false;

/** Registers the language once on the given Monaco instance. */
export function registerJsonnet(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: JSONNET, extensions: ['.jsonnet', '.libsonnet'], aliases: ['Jsonnet'] });
  monaco.languages.setMonarchTokensProvider(JSONNET, monarch);
  monaco.languages.setLanguageConfiguration(JSONNET, configuration);

  monaco.languages.registerCompletionItemProvider(JSONNET, {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const ctx = completionContext(line);
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const K = monaco.languages.CompletionItemKind;
      const fn = (f: { name: string; signature: string; doc: string }, ns: string) => ({
        label: f.name,
        kind: f.signature.includes('(') ? K.Function : K.Property,
        detail: `${ns}.${f.signature}`,
        documentation: { value: `\`${ns}.${f.signature}\`\n\n${f.doc}` },
        insertText: f.signature.includes('(') ? `${f.name}($0)` : f.name,
        insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
        range,
      });
      switch (ctx.kind) {
        case 'std':
          return { suggestions: STD_FUNCTIONS.map((f) => fn(f, 'std')) };
        case 'util':
          return { suggestions: UTIL_FUNCTIONS.map((f) => fn(f, '$.util')) };
        case 'input':
          return {
            suggestions: inputChildren(inputKeys, ctx.path).map((c) => ({
              label: c.name,
              kind: c.isArray ? K.Variable : K.Field,
              detail: `$.input.${c.key}${c.isArray ? '[]' : ''}`,
              insertText: c.isArray ? `${c.name}[0]` : c.name,
              range,
            })),
          };
        case 'root':
          return {
            suggestions: [
              { label: 'input', kind: K.Module, detail: '$.input — the source record', insertText: 'input', range },
              { label: 'util', kind: K.Module, detail: '$.util — the broker helper library', insertText: 'util', range },
            ],
          };
        default:
          return {
            suggestions: [
              ...KEYWORDS.map((k) => ({ label: k, kind: K.Keyword, insertText: k, range })),
              { label: 'std', kind: K.Module, detail: 'Jsonnet standard library', insertText: 'std', range },
              {
                label: 'lookup',
                kind: K.Snippet,
                detail: 'null-safe read of a source field',
                insertText: "\\$.util.lookup_field(\\$.input, '${1:path}', ${2:null})",
                insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
                range,
              },
            ],
          };
      }
    },
  });

  monaco.languages.registerHoverProvider(JSONNET, {
    provideHover(model, position) {
      const line = model.getLineContent(position.lineNumber);
      // The dotted expression under the cursor: std.x / $.util.x / $.input.a.b
      const re = /(\$\.util\.[A-Za-z0-9_]+|std\.[A-Za-z0-9_]+|\$\.input(?:\.[A-Za-z0-9_]+|\[\d+\])+)/g;
      for (const m of line.matchAll(re)) {
        const start = (m.index ?? 0) + 1;
        const end = start + m[0].length;
        if (position.column < start || position.column > end) continue;
        const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: start, endColumn: end };
        const lib = lookupLibrary(m[0]);
        if (lib) return { range, contents: [{ value: `**${lib.namespace}.${lib.signature}**` }, { value: lib.doc }] };
        if (m[0].startsWith('$.input')) {
          const key = m[0].slice('$.input.'.length).replace(/\[\d+\]/g, '[]');
          const known = inputKeys.includes(key);
          return { range, contents: [{ value: `**$.input.${key}**` }, { value: known ? 'A field of the source record.' : 'Not a known field of the source record — reading it fails at run time; use `$.util.lookup_field` with a default.' }] };
        }
      }
      return null;
    },
  });
}
