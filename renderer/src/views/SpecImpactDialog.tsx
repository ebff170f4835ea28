import { useShallow } from 'zustand/react/shallow';
import { useProject } from '../store/project';
import { useCall } from '../lib/use-call';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { Banner, ErrorBanner, Spinner } from '../components/Feedback';
import { MethodTag } from '../components/Badge';

/**
 * Shown when project.open reports that the spec file changed on disk: the impact on the mappings
 * first, then the user decides. Nothing in the project changes until "Accept" is chosen.
 */
export function SpecImpactDialog() {
  const { open, switchTo, path, project, accept, dismiss } = useProject(
    useShallow((s) => ({
      open: (s.specChanged || s.specSwitch !== null) && s.doc !== null,
      switchTo: s.specSwitch,
      path: s.doc?.path ?? null,
      project: s.doc?.project ?? null,
      accept: s.acceptSpecChange,
      dismiss: s.dismissSpecChange,
    })),
  );
  const impact = useCall(
    'project.specImpact',
    open && path && project ? { path, project: project as unknown as Record<string, unknown>, ...(switchTo ? { newSpecPath: switchTo } : {}) } : null,
  );
  const data = impact.data;
  const nothing = data && data.targetsRemoved.length + data.typesChanged.length + data.newlyRequired.length + data.operationsMissing.length === 0;
  return (
    <Dialog
      open={open}
      title={switchTo ? 'Use another spec version for this project' : 'The spec changed on disk'}
      onClose={dismiss}
      wide
      footer={
        <>
          <Button onClick={dismiss}>Not now</Button>
          <Button variant="primary" disabled={impact.loading} onClick={accept}>
            Accept the new spec
          </Button>
        </>
      }
    >
      {switchTo ? (
        <p>
          The project was built against <span className="mono">{project?.spec.path}</span>. Switching to <span className="mono">{switchTo}</span> affects the project as listed below; nothing is changed until you accept.
        </p>
      ) : (
        <p>
          The spec file <span className="mono">{project?.spec.path}</span> is not the version this project was built against. Review the impact before accepting it; nothing is changed until you do.
        </p>
      )}
      {impact.loading ? <Spinner label="Comparing the spec versions…" /> : null}
      {impact.error ? <ErrorBanner title="The impact could not be computed." error={impact.error} /> : null}
      {nothing ? <Banner tone="ok">No mapping, field or endpoint of this project is affected.</Banner> : null}
      {data && data.operationsMissing.length > 0 ? (
        <section aria-label="Endpoints missing">
          <h3>Endpoints no longer in the spec</h3>
          <ul>
            {data.operationsMissing.map((o) => (
              <li key={`${o.role}`}>
                {o.role}: <MethodTag method={o.method} /> <span className="mono">{o.path}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data && data.targetsRemoved.length > 0 ? (
        <section aria-label="Targets removed">
          <h3>Mapped targets removed</h3>
          <ul>
            {data.targetsRemoved.map((t) => (
              <li key={`${t.direction}:${t.target}`}>
                <span className="mono">{t.target}</span> <span className="muted">({t.direction})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data && data.typesChanged.length > 0 ? (
        <section aria-label="Types changed">
          <h3>Types changed</h3>
          <ul>
            {data.typesChanged.map((t) => (
              <li key={`${t.direction}:${t.target}`}>
                <span className="mono">{t.target}</span>: <span className="mono diff-before">{t.before}</span> → <span className="mono diff-after">{t.after}</span>{' '}
                <span className="muted">({t.direction})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data && data.newlyRequired.length > 0 ? (
        <section aria-label="Newly required">
          <h3>Fields that became required</h3>
          <ul>
            {data.newlyRequired.map((f) => (
              <li key={f} className="mono">
                {f}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Dialog>
  );
}
