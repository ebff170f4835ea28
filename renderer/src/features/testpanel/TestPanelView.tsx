/**
 * The live test panel: a sample record (bundled, recent, pasted or opened) edited in Monaco; the
 * mapped payload follows every edit (mapping, script, sample) without blocking typing, with
 * validation errors on the payload, a per-field trace, the std.trace log; and the sandbox round
 * trip: create → record ID → fetch → sent-vs-returned diff → update, plus attachment upload.
 */
import Editor from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MapResult, TraceEntry } from '../../../../shared/common/api/calls-mapping';
import type { SendResult, HttpExchange } from '../../../../shared/common/api/calls-sandbox';
import { callStudio, CallError } from '../../bridge';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Banner, EmptyState, Spinner } from '../../components/Feedback';
import { useIsDark } from '../../lib/use-dark';
import { monacoTheme } from '../../monaco/setup';
import { useProject } from '../../store/project';
import { useUi } from '../../store/ui';
import { ACTION_LABELS } from '../mapping/logic/edits';
import { describeValue } from '../mapping/logic/typed-value';
import { markPreviewShown, parseSample, usePreviewRunner, useSession } from '../mapping/session';
import { apiMessage, diffSentReturned, normaliseValidationPath, redactHeaders, statusText, type DiffEntry } from './logic';
import './testpanel.css';

export function TestPanelView() {
  const doc = useProject((s) => s.doc);
  usePreviewRunner();
  if (!doc) {
    return (
      <section className="view" aria-labelledby="test-title">
        <h1 id="test-title">Test</h1>
        <EmptyState title="No project open">Open a project (or the demo project) to test its mappings.</EmptyState>
      </section>
    );
  }
  return (
    <section className="view view--full testview" aria-labelledby="test-title">
      <div className="testview__bar" role="toolbar" aria-label="Test tools">
        <h1 id="test-title" className="mapview__title">
          Test
        </h1>
        <DirectionSwitch />
      </div>
      <div className="testview__main">
        <SamplePane />
        <PayloadPane />
      </div>
      <SendPane />
    </section>
  );
}

function DirectionSwitch() {
  const direction = useSession((s) => s.direction);
  const operation = useSession((s) => s.operation);
  return (
    <>
      <div className="seg" role="radiogroup" aria-label="Direction">
        {(['outbound', 'inbound'] as const).map((d) => (
          <button key={d} type="button" role="radio" aria-checked={direction === d} className="seg__btn" onClick={() => useSession.getState().setDirection(d)}>
            {d === 'outbound' ? 'Outbound' : 'Inbound'}
          </button>
        ))}
      </div>
      <div className="seg" role="radiogroup" aria-label="Operation">
        {(['create', 'update'] as const).map((o) => (
          <button key={o} type="button" role="radio" aria-checked={operation === o} className="seg__btn" onClick={() => useSession.getState().setOperation(o)}>
            {o === 'create' ? 'Create' : 'Update'}
          </button>
        ))}
      </div>
    </>
  );
}

// ------------------------------------------------------------------ sample

const NO_SAMPLES: readonly never[] = [];

function SamplePane() {
  const dark = useIsDark();
  const direction = useSession((s) => s.direction);
  const text = useSession((s) => s.sampleText[direction]);
  const name = useSession((s) => s.sampleName[direction]);
  const recent = useSession((s) => s.recent);
  // The store value itself (or one shared empty list): a fresh `[]` from the selector on every
  // call makes zustand see a changed snapshot each render, an endless re-render (React #185).
  const samples = useProject((s) => s.doc?.project.samples) ?? NO_SAMPLES;
  const notify = useUi((s) => s.notify);
  const [epoch, setEpoch] = useState(0);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const parsed = parseSample(text);

  const load = (t: string, n: string) => {
    useSession.getState().setSample(direction, t, n);
    useSession.getState().remember(n, t);
    setEpoch((e) => e + 1);
  };
  const pick = async (value: string) => {
    if (value === 'bundled') {
      try {
        const wo = await callStudio('mapping.sampleWorkOrder', {});
        load(JSON.stringify(wo, null, 2), 'Sample work order');
      } catch (err) {
        notify('error', `Could not load the sample work order: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else if (value.startsWith('recent:')) {
      const r = recent[Number(value.slice(7))];
      if (r) load(r.text, r.name);
    } else if (value.startsWith('project:')) {
      const s = samples[Number(value.slice(8))];
      if (s) load(JSON.stringify(s.record, null, 2), s.name);
    }
  };

  return (
    <div className="pane sample-pane">
      <div className="pane__head">
        <h2>Sample</h2>
        <span className="faint pane__sub" title={name}>
          {name}
        </span>
        <select className="select" style={{ width: 160, height: 26, flex: 'none' }} aria-label="Choose a sample" value="" onChange={(e) => void pick(e.target.value)}>
          <option value="">Choose a sample…</option>
          {direction === 'outbound' ? <option value="bundled">Bundled sample work order</option> : null}
          {samples.map((s, i) =>
            s.direction === direction ? (
              <option key={`p${i}`} value={`project:${i}`}>
                Project: {s.name}
              </option>
            ) : null,
          )}
          {recent.map((r, i) => (
            <option key={`r${i}`} value={`recent:${i}`}>
              Recent: {r.name}
            </option>
          ))}
        </select>
        <Button size="small" onClick={() => setPasteOpen(true)}>
          Paste…
        </Button>
        <Button size="small" onClick={() => fileRef.current?.click()}>
          Open file…
        </Button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Open a sample file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            const t = await f.text();
            const p = parseSample(t);
            if (!p.ok) notify('error', `${f.name} is not valid JSON: ${p.error}`);
            load(p.ok ? JSON.stringify(p.value, null, 2) : t, f.name);
          }}
        />
      </div>
      {!parsed.ok && text !== null ? (
        <Banner tone="warn" label="Sample error">
          Sample is not valid JSON: {parsed.error}
        </Banner>
      ) : null}
      <div className="pane__editor" data-testid="sample-editor">
        {text === null ? (
          <Spinner label="Loading the sample…" />
        ) : (
          <Editor
            key={`${direction}:${epoch}`}
            height="100%"
            language="json"
            theme={monacoTheme(dark)}
            path={`inmemory://sample/${direction}-${epoch}.json`}
            defaultValue={text}
            onChange={(v) => useSession.getState().setSample(direction, v ?? '')}
            options={{ minimap: { enabled: false }, fontSize: 12.5, scrollBeyondLastLine: false, automaticLayout: true, tabSize: 2, ariaLabel: 'Sample record editor' }}
          />
        )}
      </div>
      <Dialog
        open={pasteOpen}
        title="Paste a sample record"
        onClose={() => setPasteOpen(false)}
        footer={
          <>
            <Button onClick={() => setPasteOpen(false)}>Cancel</Button>
            <Button
              variant="primary"
              disabled={!parseSample(pasteText).ok}
              onClick={() => {
                const p = parseSample(pasteText);
                if (p.ok) load(JSON.stringify(p.value, null, 2), 'Pasted record');
                setPasteOpen(false);
                setPasteText('');
              }}
            >
              Use this record
            </Button>
          </>
        }
      >
        <label className="field">
          <span className="field__label">JSON record</span>
          <textarea className="textarea" rows={14} aria-label="Pasted JSON" value={pasteText} onChange={(e) => setPasteText(e.target.value)} />
          {pasteText && !parseSample(pasteText).ok ? <span className="field__error">{(parseSample(pasteText) as { error: string }).error}</span> : null}
        </label>
      </Dialog>
    </div>
  );
}

// ------------------------------------------------------------------ payload

function PayloadPane() {
  const preview = useSession((s) => s.preview);
  const inputVersion = useSession((s) => s.inputVersion);
  const [picked, setPicked] = useState<string | null>(null);
  const result = preview.result;
  // Performance marks: one `preview-latency` measure per edit this result answers.
  useEffect(() => {
    if (result || preview.error) markPreviewShown(preview.version, preview.engineVersion);
  }, [result, preview.error, preview.version, preview.engineVersion]);
  const validationByPath = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const v of result?.validation ?? []) {
      const p = normaliseValidationPath(v.path);
      m.set(p, [...(m.get(p) ?? []), v.message]);
    }
    return m;
  }, [result]);
  const traceByPath = useMemo(() => new Map((result?.trace ?? []).map((t) => [t.target, t] as const)), [result]);
  const stale = preview.version < inputVersion || !preview.complete;
  const pending = useMemo(() => new Set(preview.complete ? [] : preview.pendingCustom), [preview.complete, preview.pendingCustom]);
  const valid = result !== null && result.validation.length === 0 && result.errors.length === 0 && result.unmappedRequired.length === 0;
  return (
    <div className="pane payload-pane">
      <div className="pane__head">
        <h2>Mapped payload</h2>
        <span className="mapview__spacer" />
        {preview.error ? (
          <span className="pstatus is-bad" role="status" aria-label="Payload status" data-testid="payload-status">
            Not mapped: see the error
          </span>
        ) : result && stale ? (
          <span className="pstatus is-busy" role="status" aria-label="Payload status" data-testid="payload-status">
            Validating…
          </span>
        ) : result ? (
          <span className={`pstatus ${valid ? 'is-ok' : 'is-bad'}`} role="status" aria-label="Payload status" data-testid="payload-status">
            {valid
              ? '✓ Valid against the request schema'
              : (
                  [
                    [result.validation.length, 'validation error', 'validation errors'],
                    [result.errors.length, 'mapping error', 'mapping errors'],
                    [result.unmappedRequired.length, 'required target unmapped', 'required targets unmapped'],
                  ] as const
                )
                  .filter(([n]) => n > 0)
                  .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
                  .join(' · ')}
          </span>
        ) : null}
        <span className={`faint pstatus__time${stale || preview.running ? ' is-busy' : ''}`} title="Engine time of the last complete run">
          {result && preview.complete ? `${Math.round(result.durationMs)} ms` : ''}
        </span>
      </div>
      {preview.error ? <Banner tone="error" title="Preview failed:">{preview.error}</Banner> : null}
      {result ? (
        <div className="payload-grid">
          <div className="payload" aria-label="Payload" data-testid="payload">
            <JsonTree value={result.output} path="" validation={validationByPath} traces={traceByPath} pending={pending} picked={picked} onPick={setPicked} />
          </div>
          <div className="payload-side">
            <Problems result={result} validation={validationByPath} onPick={setPicked} />
            <TraceView entry={picked ? traceByPath.get(picked) : undefined} path={picked} />
            {result.log.length > 0 ? (
              <section aria-label="std.trace log">
                <h3>Log</h3>
                <pre className="log">{result.log.join('\n')}</pre>
              </section>
            ) : null}
          </div>
        </div>
      ) : (
        <Spinner label="Mapping the sample…" />
      )}
    </div>
  );
}

function Problems({ result, validation, onPick }: { result: MapResult; validation: Map<string, string[]>; onPick(p: string): void }) {
  if (result.errors.length === 0 && validation.size === 0 && result.unmappedRequired.length === 0) return null;
  return (
    <section className="problems" aria-label="Problems">
      <h3>Problems</h3>
      <ul>
        {result.errors.map((e, i) => (
          <li key={`e${i}`} className="is-err">
            <button type="button" className="linklike mono" onClick={() => onPick(e.target)}>
              {e.target}
            </button>{' '}
            {e.line !== undefined ? <span className="mono">{e.line}:{e.column ?? 1} </span> : null}
            {e.message}
          </li>
        ))}
        {[...validation.entries()].map(([p, msgs]) => (
          <li key={`v${p}`} className="is-err">
            <button type="button" className="linklike mono" onClick={() => onPick(p)}>
              {p || '(payload)'}
            </button>{' '}
            {msgs.join('; ')}
          </li>
        ))}
        {result.unmappedRequired.map((p) => (
          <li key={`u${p}`} className="is-warn">
            <span className="mono">{p}</span> required but not mapped
          </li>
        ))}
      </ul>
    </section>
  );
}

function TraceView({ entry, path }: { entry: TraceEntry | undefined; path: string | null }) {
  const setView = useUi((s) => s.setView);
  if (!path) return <p className="faint">Click a value in the payload to see how it was produced.</p>;
  if (!entry) {
    return (
      <section aria-label="Field trace" className="trace">
        <h3 className="mono">{path}</h3>
        <p className="muted">No mapping wrote this path directly (it is part of a larger value).</p>
      </section>
    );
  }
  return (
    <section aria-label="Field trace" className="trace">
      <h3 className="mono">{entry.target}</h3>
      <dl className="facts">
        <dt>Mapping</dt>
        <dd>
          #{entry.mappingIndex + 1} · {ACTION_LABELS[entry.action as keyof typeof ACTION_LABELS] ?? entry.action}{' '}
          <button
            type="button"
            className="linklike"
            onClick={() => {
              useSession.getState().select(entry.mappingIndex);
              setView('mapping');
            }}
          >
            Edit mapping
          </button>
        </dd>
        <dt>Source path</dt>
        <dd className="mono">{entry.source ?? '—'}</dd>
        <dt>Source value</dt>
        <dd className="mono">{describeValue(entry.sourceValue, 200)}</dd>
        <dt>Written</dt>
        <dd className="mono">
          {describeValue(entry.value, 200)}
          {entry.usedDefault ? <span className="faint"> (default)</span> : null}
        </dd>
      </dl>
    </section>
  );
}

function JsonTree({
  value,
  path,
  validation,
  traces,
  pending,
  picked,
  onPick,
  name,
  depth = 0,
}: {
  value: unknown;
  path: string;
  validation: Map<string, string[]>;
  traces: Map<string, TraceEntry>;
  pending: ReadonlySet<string>;
  picked: string | null;
  onPick(p: string): void;
  name?: string;
  depth?: number;
}) {
  const errs = validation.get(path);
  const key = name !== undefined ? <span className="jt__key">{name}: </span> : null;
  const errNote = errs ? (
    <span className="jt__err" role="note">
      ⚠ {errs.join('; ')}
    </span>
  ) : null;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value);
    const open = Array.isArray(value) ? '[' : '{';
    const close = Array.isArray(value) ? ']' : '}';
    return (
      <div className="jt" style={{ paddingLeft: depth === 0 ? 0 : 14 }}>
        <div className={errs ? 'jt__line has-err' : 'jt__line'}>
          {key}
          <span className="jt__punct">{open}</span>
          {errNote}
        </div>
        {entries.map(([k, v]) => {
          const childPath = Array.isArray(value) ? `${path}${k}` : path ? `${path}.${k}` : k;
          return <JsonTree key={k} value={v} path={childPath} name={Array.isArray(value) ? undefined : k} validation={validation} traces={traces} pending={pending} picked={picked} onPick={onPick} depth={depth + 1} />;
        })}
        <div className="jt__punct">{close}</div>
      </div>
    );
  }
  const traced = traces.has(path);
  return (
    <div className={`jt__line${errs ? ' has-err' : ''}`} style={{ paddingLeft: 14 }}>
      {key}
      <button
        type="button"
        className={`jt__val jt__val--${value === null ? 'null' : typeof value}${picked === path ? ' is-picked' : ''}${traced ? '' : ' is-untraced'}${pending.has(path) ? ' is-pending' : ''}`}
        title={pending.has(path) ? 'Custom Jsonnet value from the previous run; the engine is computing the new one' : undefined}
        aria-label={`Trace ${path}`}
        onClick={() => onPick(path)}
      >
        {JSON.stringify(value)}
      </button>
      {errNote}
    </div>
  );
}

// ------------------------------------------------------------------ sandbox

interface CallRecord {
  id: number;
  operation: 'create' | 'fetch' | 'update' | 'attachment';
  at: string;
  result?: SendResult;
  exchange?: HttpExchange;
  error?: { code: string; message: string; category?: string };
}

let callSeq = 0;

function SendPane() {
  const doc = useProject((s) => s.doc);
  const env = useProject((s) => s.environment);
  const direction = useSession((s) => s.direction);
  const text = useSession((s) => s.sampleText[direction]);
  const [recordId, setRecordId] = useState('');
  const [calls, setCalls] = useState<CallRecord[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [diff, setDiff] = useState<{ entries: DiffEntry[]; id: string } | null>(null);
  const lastSent = useRef<unknown>(undefined);
  if (!doc) return null;
  const hasUpdate = Boolean(doc.project.endpoints.update);
  const hasAttachment = Boolean(doc.project.endpoints.attachment);

  const send = async (operation: CallRecord['operation']) => {
    const sample = parseSample(text);
    setBusy(operation);
    const rec: CallRecord = { id: ++callSeq, operation, at: new Date().toLocaleTimeString() };
    try {
      let fileInput: { name: string; contentType: string; base64: string } | undefined;
      if (operation === 'attachment') {
        if (!file) throw new Error('choose a file to upload first');
        const bytes = new Uint8Array(await file.arrayBuffer());
        let bin = '';
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        fileInput = { name: file.name, contentType: file.type || 'application/octet-stream', base64: btoa(bin) };
      }
      const r = await callStudio('sandbox.send', {
        project: doc.project as unknown as Record<string, unknown>,
        projectPath: doc.path,
        env,
        operation,
        ...((operation === 'create' || operation === 'update') && sample.ok ? { input: sample.value } : {}),
        ...(operation !== 'create' ? { id: recordId } : {}),
        ...(fileInput ? { file: fileInput } : {}),
      });
      rec.result = r;
      const ok = r.response.status >= 200 && r.response.status < 300;
      if (operation === 'create' && ok) {
        lastSent.current = r.request.body;
        if (r.recordId) setRecordId(r.recordId);
        setDiff(null);
      }
      if (operation === 'update' && ok) lastSent.current = r.request.body;
      if (operation === 'fetch' && ok && lastSent.current !== undefined) {
        setDiff({ entries: diffSentReturned(lastSent.current, r.response.body), id: recordId });
      }
    } catch (err) {
      if (err instanceof CallError) {
        const details = err.data.details as { category?: string; exchange?: HttpExchange } | undefined;
        rec.error = { code: err.data.code, message: err.data.message, ...(details?.category ? { category: details.category } : {}) };
        if (details?.exchange) rec.exchange = details.exchange;
      } else rec.error = { code: 'internal', message: err instanceof Error ? err.message : String(err) };
    } finally {
      setCalls((c) => [rec, ...c].slice(0, 30));
      setOpen(rec.id);
      setBusy(null);
    }
  };

  return (
    <div className="sendpane" aria-label="Send to the sandbox" role="region">
      <div className="sendpane__bar">
        <h2>Send to {env}</h2>
        <Button size="small" variant="primary" busy={busy === 'create'} disabled={busy !== null || direction !== 'outbound'} onClick={() => void send('create')}>
          Send create
        </Button>
        <label className="row sendpane__id">
          <span className="muted">Record ID</span>
          <input className="input mono" style={{ width: 150, height: 26 }} aria-label="Record ID" value={recordId} onChange={(e) => setRecordId(e.target.value)} placeholder="from create" />
        </label>
        <Button size="small" busy={busy === 'fetch'} disabled={busy !== null || !recordId} onClick={() => void send('fetch')}>
          Fetch
        </Button>
        <Button size="small" busy={busy === 'update'} disabled={busy !== null || !recordId || !hasUpdate || direction !== 'outbound'} onClick={() => void send('update')} title={hasUpdate ? undefined : 'No update endpoint in the project'}>
          Send update
        </Button>
        <span className="sendpane__sep" />
        <input type="file" aria-label="Attachment file" className="sendpane__file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={!hasAttachment} />
        <Button size="small" busy={busy === 'attachment'} disabled={busy !== null || !recordId || !file || !hasAttachment} onClick={() => void send('attachment')}>
          Upload attachment
        </Button>
      </div>
      <div className="sendpane__body">
        <ul className="calls" aria-label="Calls">
          {calls.length === 0 ? <li className="faint">Calls to the sandbox appear here: request (Authorization redacted), response, status, duration and record ID.</li> : null}
          {calls.map((c) => (
            <CallItem key={c.id} call={c} open={open === c.id} onToggle={() => setOpen(open === c.id ? null : c.id)} />
          ))}
        </ul>
        {diff ? <DiffView diff={diff} /> : null}
      </div>
    </div>
  );
}

function CallItem({ call, open, onToggle }: { call: CallRecord; open: boolean; onToggle(): void }) {
  const r = call.result;
  const ex = call.exchange;
  const status = r?.response.status ?? ex?.response?.status ?? null;
  const ok = status !== null && status >= 200 && status < 300 && !call.error;
  const request = r?.request ?? ex?.request;
  const response = r?.response ?? ex?.response ?? null;
  const duration = r?.durationMs ?? ex?.durationMs;
  const message = call.error ? `${call.error.category ? `${call.error.category}: ` : ''}${call.error.message}` : !ok && response ? `${statusText(response.status)}${apiMessage(response.body) ? ` — ${apiMessage(response.body)}` : ''}` : null;
  return (
    <li className={`call ${ok ? 'is-ok' : 'is-bad'}`} aria-label={`${call.operation} call`}>
      <button type="button" className="call__head" aria-expanded={open} onClick={onToggle}>
        <span className="call__op">{call.operation}</span>
        <span className="mono call__url">{request ? `${request.method} ${request.url}` : ''}</span>
        <span className={`call__status ${ok ? 'is-ok' : 'is-bad'}`} data-testid="call-status">
          {status ?? call.error?.code ?? ''}
        </span>
        {duration !== undefined ? <span className="faint">{Math.round(duration)} ms</span> : null}
        {r?.recordId ? (
          <span className="call__id" data-testid="record-id">
            ID <span className="mono">{r.recordId}</span>
          </span>
        ) : null}
        <span className="faint">{call.at}</span>
      </button>
      {message ? (
        <div className="call__msg" role="alert">
          {message}
        </div>
      ) : null}
      {open ? (
        <div className="call__detail">
          {request ? (
            <div>
              <h4>Request</h4>
              <pre className="mono">{`${request.method} ${request.url}\n${Object.entries(redactHeaders(request.headers))
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')}${request.body !== undefined && request.body !== null ? `\n\n${typeof request.body === 'string' ? request.body : JSON.stringify(request.body, null, 2)}` : ''}`}</pre>
            </div>
          ) : null}
          {response ? (
            <div>
              <h4>Response {response.status}</h4>
              <pre className="mono">{`${Object.entries(response.headers)
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')}\n\n${typeof response.body === 'string' ? response.body : JSON.stringify(response.body, null, 2)}`}</pre>
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function DiffView({ diff }: { diff: { entries: DiffEntry[]; id: string } }) {
  const dropped = diff.entries.filter((e) => e.kind === 'dropped');
  const changed = diff.entries.filter((e) => e.kind === 'changed');
  const added = diff.entries.filter((e) => e.kind === 'added');
  return (
    <section className="diffview" aria-label="Sent vs returned">
      <h3>
        Sent vs returned for <span className="mono">{diff.id}</span>
      </h3>
      {dropped.length === 0 && changed.length === 0 ? <p className="ok-text">Everything sent came back unchanged.</p> : null}
      <table className="table">
        <tbody>
          {[...dropped, ...changed].map((e) => (
            <tr key={`${e.kind}:${e.path}`} className={`diff--${e.kind}`}>
              <td>{e.kind === 'dropped' ? 'dropped by the API' : 'changed by the API'}</td>
              <td className="mono">{e.path}</td>
              <td className="mono">{describeValue(e.sent, 80)}</td>
              <td className="mono">{e.kind === 'changed' ? `→ ${describeValue(e.returned, 80)}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {added.length > 0 ? (
        <p className="faint">
          Added by the API: {added.map((e) => e.path).join(', ')}
        </p>
      ) : null}
    </section>
  );
}
