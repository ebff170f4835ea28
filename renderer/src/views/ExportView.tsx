import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExportResult } from '../../../shared/common/api/calls-bundle';
import type { StudioErrorData } from '../../../shared/common/api/define';
import { callStudio } from '../bridge';
import { useProject } from '../store/project';
import { useUi } from '../store/ui';
import { toErrorData } from '../lib/use-call';
import { basename } from '../lib/paths';
import { defaultBundlePath, findingsOf } from '../lib/project-files';
import { formatDateTime } from '../lib/format';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { Banner, EmptyState, ErrorBanner } from '../components/Feedback';

function ResultDialog({ result, onClose }: { result: ExportResult | null; onClose(): void }) {
  return (
    <Dialog
      open={result !== null}
      title="Bundle exported"
      onClose={onClose}
      wide
      footer={
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      }
    >
      {result ? (
        <div className="stack" style={{ gap: 'var(--sp-3)' }} data-testid="export-result">
          <Banner tone={result.scan.clean ? 'ok' : 'error'} title={result.scan.clean ? 'Secret scan: clean.' : 'Secret scan found secrets.'}>
            {result.scan.clean ? 'No password or credential pattern is in the bundle.' : `${result.scan.findings.length} finding(s).`}
          </Banner>
          <dl className="facts">
            <dt>Written to</dt>
            <dd className="mono" data-testid="export-file">
              {result.file ?? 'not written to a file'}
            </dd>
            <dt>Pushed</dt>
            <dd>{result.pushed ? <Badge tone={result.pushed.status < 300 ? 'ok' : 'err'}>HTTP {result.pushed.status}</Badge> : <span className="muted">not pushed</span>}</dd>
            <dt>Endpoints</dt>
            <dd>{result.summary.endpoints}</dd>
            <dt>Mappings</dt>
            <dd>
              {result.summary.outbound} outbound · {result.summary.inbound} inbound
            </dd>
            <dt>Created</dt>
            <dd>{formatDateTime(result.summary.createdAt)}</dd>
            <dt>Signing key</dt>
            <dd className="mono">{result.keyId}</dd>
            <dt>Payload sha256</dt>
            <dd className="mono">{result.sha256}</dd>
          </dl>
          {result.pushed?.body !== undefined ? <pre className="json" aria-label="Broker response">{JSON.stringify(result.pushed.body, null, 2)}</pre> : null}
          {result.scan.findings.length > 0 ? (
            <ul>
              {result.scan.findings.map((f) => (
                <li key={f.path}>
                  <span className="mono">{f.path}</span>: {f.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}

function PublicKeyPanel() {
  const [key, setKey] = useState<{ jwk: Record<string, unknown>; keyId: string } | null>(null);
  const [error, setError] = useState<StudioErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      setKey(await callStudio('bundle.publicKey', {}));
      setError(null);
    } catch (err) {
      setError(toErrorData(err));
    } finally {
      setBusy(false);
    }
  };
  const text = key ? JSON.stringify(key.jwk, null, 2) : '';
  return (
    <section className="panel" aria-labelledby="pubkey-title">
      <div className="panel__title">
        <h2 id="pubkey-title">Public key</h2>
        <Button busy={busy} onClick={() => void load()}>
          {key ? 'Reload' : 'Show public key'}
        </Button>
      </div>
      <p className="muted">Register this Ed25519 public key (JWK) with the broker so it can verify your bundles. The private key stays in the keychain.</p>
      {error ? <ErrorBanner error={error} /> : null}
      {key ? (
        <>
          <span>
            Key ID <span className="mono">{key.keyId}</span>
          </span>
          <pre className="json" aria-label="Public key JWK">
            {text}
          </pre>
          <div className="row">
            <Button
              size="small"
              onClick={() =>
                void navigator.clipboard.writeText(text).then(
                  () => useUi.getState().notify('success', 'Public key copied'),
                  () => useUi.getState().notify('error', 'The clipboard is not available here'),
                )
              }
            >
              Copy JWK
            </Button>
            <a className="btn btn--small" href={`data:application/jwk+json;charset=utf-8,${encodeURIComponent(text)}`} download={`connector-studio-${key.keyId.slice(0, 12)}.jwk.json`}>
              Download .jwk.json
            </a>
          </div>
        </>
      ) : null}
    </section>
  );
}

export function ExportView() {
  const { doc } = useProject(useShallow((s) => ({ doc: s.doc })));
  const setView = useUi((s) => s.setView);
  const [out, setOut] = useState<string | null>(null);
  const [writeFile, setWriteFile] = useState(true);
  const [pushUrl, setPushUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StudioErrorData | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [last, setLast] = useState<ExportResult | null>(null);

  if (!doc) {
    return (
      <section className="view" aria-labelledby="export-title">
        <h1 id="export-title">Export</h1>
        <EmptyState title="No project open" actions={<Button variant="primary" onClick={() => setView('start')}>Open a project</Button>}>
          Export turns a project into a signed bundle for the broker.
        </EmptyState>
      </section>
    );
  }
  const project = doc.project;
  const outPath = out ?? defaultBundlePath(doc.path, project.name);
  const pushValid = !pushUrl.trim() || /^https?:\/\/\S+$/.test(pushUrl.trim());
  const endpointCount = Object.keys(project.endpoints).length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!pushValid || (!writeFile && !pushUrl.trim())) return;
    setBusy(true);
    setError(null);
    try {
      const r = await callStudio('bundle.export', {
        project: project as unknown as Record<string, unknown>,
        projectPath: doc.path,
        ...(writeFile ? { out: outPath } : {}),
        ...(pushUrl.trim() ? { pushUrl: pushUrl.trim() } : {}),
      });
      setResult(r);
      setLast(r);
    } catch (err) {
      setError(toErrorData(err));
    } finally {
      setBusy(false);
    }
  };
  const findings = findingsOf(error);

  return (
    <section className="view" aria-labelledby="export-title">
      <div className="view__header">
        <div>
          <h1 id="export-title">Export</h1>
          <p>A signed bundle (Ed25519 JWS over canonical JSON) of the endpoints and mappings. Passwords never go in; a secret scan runs first.</p>
        </div>
      </div>
      <div className="grid-2">
        <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="bundle-title">
          <h2 id="bundle-title">Bundle</h2>
          <dl className="facts">
            <dt>Project</dt>
            <dd>{project.name}</dd>
            <dt>Endpoints</dt>
            <dd>{endpointCount} of 5 roles</dd>
            <dt>Mappings</dt>
            <dd>
              {project.mappings.outbound.length} outbound · {project.mappings.inbound.length} inbound
            </dd>
            <dt>Spec</dt>
            <dd className="mono" title={project.spec.sha256}>
              {basename(project.spec.path)} · {project.spec.sha256.slice(0, 12)}…
            </dd>
            <dt>Environments</dt>
            <dd>{Object.keys(project.environments).join(', ') || '—'} (references only)</dd>
          </dl>
          {doc.dirty ? <Banner tone="info">The bundle is made from the project as you see it, including unsaved changes.</Banner> : null}
          {endpointCount < 3 ? <Banner tone="warn">Fewer than the three required endpoint roles are chosen.</Banner> : null}
          <label className="checkbox">
            <input type="checkbox" checked={writeFile} onChange={(e) => setWriteFile(e.target.checked)} />
            Write to a file
          </label>
          {writeFile ? (
            <Field label="Bundle file">
              {({ id }) => <input id={id} className="input mono" value={outPath} onChange={(e) => setOut(e.target.value)} />}
            </Field>
          ) : null}
          <Field label="Push to broker URL (optional)" error={pushValid ? null : 'Enter an http(s) URL.'}>
            {({ id, describedBy, invalid }) => (
              <input id={id} aria-describedby={describedBy} aria-invalid={invalid} className="input mono" type="url" placeholder="https://broker.example.com/connectors" value={pushUrl} onChange={(e) => setPushUrl(e.target.value)} />
            )}
          </Field>
          {error ? (
            <ErrorBanner title={error.code === 'secret-found' ? 'Export refused: the bundle would contain a secret.' : 'Export failed.'} error={error} />
          ) : null}
          {findings.length > 0 ? (
            <ul aria-label="Secret scan findings">
              {findings.map((f) => (
                <li key={f.path}>
                  <span className="mono">{f.path}</span>: {f.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {last ? (
            <p className="muted" data-testid="last-export">
              Last export: {last.file ?? 'not written to a file'}
              {last.pushed ? ` · pushed (HTTP ${last.pushed.status})` : ''} · {formatDateTime(last.summary.createdAt)}{' '}
              <Button size="small" variant="ghost" onClick={() => setResult(last)}>
                Details
              </Button>
            </p>
          ) : null}
          <div className="row row--end">
            <Button type="submit" variant="primary" busy={busy} disabled={!pushValid || (!writeFile && !pushUrl.trim())}>
              Export signed bundle
            </Button>
          </div>
        </form>
        <PublicKeyPanel />
      </div>
      <ResultDialog result={result} onClose={() => setResult(null)} />
    </section>
  );
}
