import { useMemo } from 'react';
import type { Mapping } from '../../../../../shared/common/project/model';
import { COMMON_FORMATS, convertSample, DATE_TOKENS, timeZones } from '../logic/date-tokens';
import { describeValue } from '../logic/typed-value';
import { CommitInput } from './inputs';

let zonesCache: string[] | null = null;

/** date_convert: formats with token help, IANA zones, and a live conversion of the sample value. */
export function DateEditor({ mapping, sample, onChange }: { mapping: Mapping; sample: unknown; onChange(label: string, next: Mapping): void }) {
  const zones = useMemo(() => (zonesCache ??= timeZones()), []);
  const input = mapping.input_format ?? 'YYYY-MM-DD HH:mm:ss';
  const output = mapping.output_format ?? 'YYYY-MM-DDTHH:mm:ssZ';
  const zin = mapping.timezone_in ?? 'UTC';
  const zout = mapping.timezone_out ?? 'UTC';
  const result = convertSample(sample, input, output, zin, zout);
  const set = (patch: Partial<Mapping>) => onChange('Edit date convert', { ...mapping, ...patch });
  return (
    <div className="editor-block date-editor">
      <datalist id="date-formats">
        {COMMON_FORMATS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <datalist id="time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <div className="grid-2">
        <label className="field">
          <span className="field__label">Input format</span>
          <CommitInput className="mono" list="date-formats" aria-label="Input format" value={input} onCommit={(t) => set({ input_format: t })} />
        </label>
        <label className="field">
          <span className="field__label">Input time zone</span>
          <CommitInput list="time-zones" aria-label="Input time zone" value={zin} onCommit={(t) => set({ timezone_in: t })} validate={(t) => (t === '' || zones.includes(t) ? null : `unknown time zone "${t}"`)} />
        </label>
        <label className="field">
          <span className="field__label">Output format</span>
          <CommitInput className="mono" list="date-formats" aria-label="Output format" value={output} onCommit={(t) => set({ output_format: t })} />
        </label>
        <label className="field">
          <span className="field__label">Output time zone</span>
          <CommitInput list="time-zones" aria-label="Output time zone" value={zout} onCommit={(t) => set({ timezone_out: t })} validate={(t) => (t === '' || zones.includes(t) ? null : `unknown time zone "${t}"`)} />
        </label>
      </div>
      <div className="date-sample" role="status" aria-label="Sample conversion">
        {result.ok === null ? (
          <span className="faint">No sample value at the source path</span>
        ) : result.ok ? (
          <span>
            <span className="mono">{describeValue(sample)}</span> <span className="faint">({zin})</span> → <strong className="mono">{describeValue(result.value)}</strong>{' '}
            <span className="faint">({zout})</span>
          </span>
        ) : (
          <span className="flag">
            <span className="mono">{describeValue(sample)}</span>: {result.error}
          </span>
        )}
      </div>
      <details className="tokens">
        <summary>Format tokens</summary>
        <dl className="tokens__list">
          {DATE_TOKENS.map((t) => (
            <div key={t.token}>
              <dt className="mono">{t.token}</dt>
              <dd>{t.meaning}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
