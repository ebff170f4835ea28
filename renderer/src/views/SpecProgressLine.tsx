import { useProject } from '../store/project';
import { Progress } from '../components/Feedback';

const PHASES: Record<string, string> = {
  read: 'Reading',
  parse: 'Parsing',
  resolve: 'Resolving $refs',
  operations: 'Listing operations',
  lint: 'Linting',
  done: 'Done',
  error: 'Failed',
  cancelled: 'Cancelled',
};

/** Loading progress of the spec being opened (spec.progress events). */
export function SpecProgressLine() {
  const progress = useProject((s) => s.specProgress);
  const label = progress ? `${PHASES[progress.phase] ?? progress.phase}: ${progress.message}` : 'Opening the spec…';
  return (
    <div className="stack" data-testid="spec-loading">
      <span className="muted">{label}</span>
      <Progress value={progress?.fraction ?? null} label="Opening the spec" />
    </div>
  );
}
