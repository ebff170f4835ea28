import { useEffect, useMemo, useState } from 'react';
import type { Field } from '../../../../shared/common/spec/model';
import type { Direction } from '../../../../shared/common/project/model';
import { fieldsFromSample, mergeFields } from '../../../../shared/common/mapping/canvas';
import { callStudio, CallError } from '../../bridge';
import { useProject } from '../../store/project';
import type { Operation } from './session';

export interface MappingFields {
  source: Field[];
  target: Field[];
  targetSource: 'metadata' | 'spec' | 'merged' | null;
  loading: boolean;
  error: string | null;
}

/**
 * Source and target field lists for the canvas. Fetched again only when what they depend on
 * changes (endpoints, refreshed fields, spec), never on a mapping edit. The source side is
 * completed with the fields the loaded sample record has.
 */
export function useMappingFields(direction: Direction, operation: Operation, sample: unknown): MappingFields {
  const doc = useProject((s) => s.doc);
  const specSha = useProject((s) => s.spec?.sha256 ?? null);
  const project = doc?.project ?? null;
  const depKey = project
    ? JSON.stringify({ e: project.endpoints, f: project.fields?.refreshedAt ?? null, n: project.fields?.fields.length ?? 0, s: project.spec, specSha, p: doc?.path })
    : null;
  const [state, setState] = useState<{ key: string; source: Field[]; target: Field[]; targetSource: MappingFields['targetSource']; error: string | null } | null>(null);
  const requestKey = depKey ? `${depKey}|${direction}|${operation}` : null;
  useEffect(() => {
    if (!requestKey) return;
    let live = true;
    const current = useProject.getState().doc;
    if (!current) return;
    callStudio('mapping.fields', {
      project: current.project as unknown as Record<string, unknown>,
      projectPath: current.path,
      direction,
      operation,
    }).then(
      (r) => {
        if (live) setState({ key: requestKey, source: r.source, target: r.target, targetSource: r.targetSource, error: null });
      },
      (err: unknown) => {
        if (live) setState({ key: requestKey, source: [], target: [], targetSource: null, error: err instanceof CallError ? err.data.message : String(err) });
      },
    );
    return () => {
      live = false;
    };
    // requestKey captures every dependency of the call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);
  const sampleFields = useMemo(() => (sample === undefined ? [] : fieldsFromSample(sample)), [sample]);
  const source = useMemo(() => mergeFields(state?.source ?? [], sampleFields), [state?.source, sampleFields]);
  return {
    source,
    target: state?.target ?? [],
    targetSource: state?.targetSource ?? null,
    loading: state === null || state.key !== requestKey,
    error: state?.error ?? null,
  };
}
