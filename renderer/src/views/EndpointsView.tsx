import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { OpenedSpec } from '../../../shared/common/api/calls-spec';
import type { EndpointRef } from '../../../shared/common/project/model';
import type { Role } from '../../../shared/common/spec/model';
import { useProject } from '../store/project';
import { useUi } from '../store/ui';
import {
  extraPathParams,
  findOperation,
  idParameters,
  isReady,
  operationKey,
  readiness,
  refFromCandidate,
  ROLE_INFO,
  ROLES_IN_ORDER,
  ROLES_WITH_ID,
  suggestEndpoints,
  withParam,
} from '../lib/endpoints';
import { Badge, MethodTag } from '../components/Badge';
import { Button } from '../components/Button';
import { Combobox, type ComboOption } from '../components/Combobox';
import { Field } from '../components/Field';
import { Banner, EmptyState } from '../components/Feedback';
import { SpecProgressLine } from './SpecProgressLine';

interface RoleCardProps {
  role: Role;
  spec: OpenedSpec;
  value: EndpointRef | undefined;
  editable: boolean;
  onChange(ref: EndpointRef | undefined): void;
}

function RoleCard({ role, spec, value, editable, onChange }: RoleCardProps) {
  const info = ROLE_INFO[role];
  const candidates = useMemo(() => spec.roles[role] ?? [], [spec, role]);
  const options = useMemo<ComboOption[]>(
    () =>
      candidates.map((c, i) => {
        const op = findOperation(spec.operations, c);
        return {
          value: operationKey(c),
          label: c.path,
          display: operationKey(c),
          description: [op?.summary ?? op?.operationId, c.reasons?.[0]].filter(Boolean).join(' · '),
          keywords: `${c.method} ${op?.operationId ?? ''} ${(op?.tags ?? []).join(' ')}`,
          prefix: <MethodTag method={c.method} />,
          suffix: (
            <Badge tone={i === 0 ? 'accent' : 'neutral'} title="suggestion score">
              {i === 0 ? 'best · ' : ''}
              {c.score}
            </Badge>
          ),
        };
      }),
    [candidates, spec.operations],
  );
  const selectedKey = value ? operationKey(value) : null;
  const candidate = value ? candidates.find((c) => c.method === value.method && c.path === value.path) : undefined;
  const op = value ? findOperation(spec.operations, value) : null;
  const idParams = idParameters(op);
  const extraParams = value && op && (!ROLES_WITH_ID.has(role) || value.idParam) ? extraPathParams(role, value) : [];
  const isBest = candidate !== undefined && candidate === candidates[0];
  const titleId = `role-${role}-title`;

  const choose = (key: string | null) => {
    if (key === null) return onChange(undefined);
    const c = candidates.find((x) => operationKey(x) === key);
    if (c) onChange(refFromCandidate(role, c, findOperation(spec.operations, c), value));
  };

  return (
    <div className="role-card" role="group" aria-labelledby={titleId} data-testid={`role-${role}`}>
      <div className="role-card__name">
        <h3 id={titleId}>{info.title}</h3>
        <span>
          <Badge tone={info.need === 'required' ? 'err' : info.need === 'recommended' ? 'warn' : 'neutral'}>{info.need}</Badge>
        </span>
        <span className="muted" style={{ fontSize: 'var(--fs-sm)' }}>
          {info.help}
        </span>
      </div>
      <div className="stack" style={{ gap: 'var(--sp-3)' }}>
        {candidates.length === 0 ? (
          <Banner tone={info.need === 'required' ? 'warn' : 'info'}>No operation in this spec fits this role.</Banner>
        ) : editable ? (
          <Field label={`${info.title} operation`} hint={`${candidates.length} candidate${candidates.length === 1 ? '' : 's'}, best first`}>
            {({ id, describedBy }) => (
              <Combobox id={id} describedBy={describedBy} options={options} value={selectedKey} onChange={choose} clearable={info.need !== 'required'} placeholder="Search operations…" />
            )}
          </Field>
        ) : (
          <p className="muted">
            Best suggestion: <MethodTag method={candidates[0]!.method} /> <span className="mono">{candidates[0]!.path}</span>
          </p>
        )}
        {value && !op ? (
          <Banner tone="warn">
            <span className="mono">{operationKey(value)}</span> is not in the opened spec.
          </Banner>
        ) : null}
        {candidate?.reasons?.length ? (
          <div>
            <span className="muted" style={{ fontSize: 'var(--fs-sm)' }}>
              Why {isBest ? 'this is the best suggestion' : 'it fits'} (score {candidate.score}):
            </span>
            <ul className="reasons" aria-label={`Why ${info.title}`}>
              {candidate.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {editable && value && op ? (
          <div className="grid-2">
            {ROLES_WITH_ID.has(role) ? (
              <Field label="ID parameter" hint={candidate?.idParam ? `suggested: ${candidate.idParam}` : undefined} error={idParams.length === 0 ? 'This operation has no path or query parameter.' : null}>
                {({ id, describedBy, invalid }) => (
                  <select
                    id={id}
                    className="select"
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    value={value.idParam ?? ''}
                    onChange={(e) => onChange({ ...value, idParam: e.target.value || undefined })}
                  >
                    <option value="">— choose —</option>
                    {idParams.map((p) => (
                        <option key={`${p.in}:${p.name}`} value={p.name}>
                          {p.name} ({p.in}
                          {p.required ? ', required' : ''})
                        </option>
                      ))}
                  </select>
                )}
              </Field>
            ) : null}
            {role === 'create' ? (
              <Field label="Record ID path in the response" hint={candidate?.recordIdPath ? `suggested from the 2xx response: ${candidate.recordIdPath}` : 'Dot path; empty = detect automatically.'}>
                {({ id, describedBy }) => (
                  <div className="row" style={{ flexWrap: 'nowrap' }}>
                    <input
                      id={id}
                      aria-describedby={describedBy}
                      className="input mono"
                      value={value.recordIdPath ?? ''}
                      placeholder="auto-detect"
                      onChange={(e) => onChange({ ...value, recordIdPath: e.target.value })}
                    />
                    {candidate?.recordIdPath && candidate.recordIdPath !== value.recordIdPath ? (
                      <Button size="small" onClick={() => onChange({ ...value, recordIdPath: candidate.recordIdPath ?? '' })}>
                        Use suggestion
                      </Button>
                    ) : null}
                  </div>
                )}
              </Field>
            ) : null}
            {extraParams.map((name) => {
              const v = value.params?.[name] ?? '';
              return (
                <Field
                  key={`param:${name}`}
                  label={`Path parameter {${name}}`}
                  hint="The same value is used in every request of this role."
                  error={v.trim() === '' ? 'Required: the request path cannot be built without it.' : null}
                >
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                      className="input mono"
                      value={v}
                      placeholder={name}
                      data-testid={`param-${role}-${name}`}
                      onChange={(e) => onChange(withParam(value, name, e.target.value))}
                    />
                  )}
                </Field>
              );
            })}
            {(op.requestContentTypes?.length ?? 0) > 1 ? (
              <Field label="Request content type">
                {({ id }) => (
                  <select id={id} className="select" value={value.contentType ?? ''} onChange={(e) => onChange({ ...value, contentType: e.target.value || undefined })}>
                    <option value="">default</option>
                    {op.requestContentTypes!.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Checklist({ spec, endpoints }: { spec: OpenedSpec; endpoints: Partial<Record<Role, EndpointRef>> }) {
  const items = readiness(endpoints, spec.basicAuth, spec.operations);
  const ready = isReady(items);
  return (
    <section className="panel" aria-labelledby="readiness-title" style={{ alignSelf: 'start', position: 'sticky', top: 16 }}>
      <div className="panel__title">
        <h2 id="readiness-title">Readiness</h2>
        <span data-testid="readiness">
          <Badge tone={ready ? 'ok' : 'err'}>{ready ? 'ready' : 'not ready'}</Badge>
        </span>
      </div>
      <ul className="list-plain checklist" aria-label="Readiness checklist">
        {items.map((i) => (
          <li key={i.id} data-state={i.state}>
            <span className={`check-icon check-icon--${i.state}`} aria-hidden="true">
              {i.state === 'ok' ? '✓' : i.state === 'warn' ? '!' : '✗'}
            </span>
            <span>
              {i.label}
              <span className="visually-hidden">: {i.state === 'ok' ? 'done' : i.state === 'warn' ? 'warning' : 'missing'}</span>
              {i.detail ? (
                <span className="muted mono" style={{ display: 'block', fontSize: 'var(--fs-xs)' }}>
                  {i.detail}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function EndpointsView() {
  const { spec, specStatus, endpoints, hasDoc, setEndpoint, updateProject } = useProject(
    useShallow((s) => ({
      spec: s.spec,
      specStatus: s.specStatus,
      endpoints: s.doc?.project.endpoints ?? null,
      hasDoc: s.doc !== null,
      setEndpoint: s.setEndpoint,
      updateProject: s.updateProject,
    })),
  );
  const setView = useUi((s) => s.setView);
  const setDialog = useUi((s) => s.setDialog);
  const prefilled = useRef<string | null>(null);

  // A project with no endpoints yet starts from the best suggestion for each role.
  useEffect(() => {
    if (!spec || !endpoints || Object.keys(endpoints).length > 0 || prefilled.current === spec.specId) return;
    prefilled.current = spec.specId;
    const suggested = suggestEndpoints(spec.roles, spec.operations);
    if (Object.keys(suggested).length > 0) {
      updateProject((p) => ({ ...p, endpoints: suggested }));
      useUi.getState().notify('info', 'Endpoints pre-filled with the best suggestions — review each role.');
    }
  }, [spec, endpoints, updateProject]);

  if (specStatus === 'loading') {
    return (
      <section className="view" aria-labelledby="endpoints-title">
        <h1 id="endpoints-title">Endpoints</h1>
        <div className="panel">
          <SpecProgressLine />
        </div>
      </section>
    );
  }
  if (!spec) {
    return (
      <section className="view" aria-labelledby="endpoints-title">
        <h1 id="endpoints-title">Endpoints</h1>
        <EmptyState title="No spec open" actions={<Button variant="primary" onClick={() => setView('start')}>Open a spec</Button>}>
          The endpoints come from the API spec.
        </EmptyState>
      </section>
    );
  }
  return (
    <section className="view" aria-labelledby="endpoints-title" style={{ maxWidth: 1320 }}>
      <div className="view__header">
        <div>
          <h1 id="endpoints-title">Endpoints</h1>
          <p>One operation per role. Each list holds only operations that fit the role, best first.</p>
        </div>
      </div>
      {!hasDoc ? (
        <Banner tone="info" actions={<Button variant="primary" onClick={() => setDialog('new-project')}>New project…</Button>}>
          Create a project from this spec to choose and keep endpoints.
        </Banner>
      ) : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 300px', gap: 'var(--sp-4)' }}>
        <div className="panel" style={{ padding: 0, gap: 0 }}>
          {ROLES_IN_ORDER.map((role) => (
            <RoleCard key={role} role={role} spec={spec} value={endpoints?.[role]} editable={hasDoc} onChange={(ref) => setEndpoint(role, ref)} />
          ))}
        </div>
        <Checklist spec={spec} endpoints={endpoints ?? {}} />
      </div>
    </section>
  );
}
