/**
 * PLACEHOLDER written by the shell (renderer foundations helper). The mapping UI helper owns
 * renderer/src/features/mapping/** and replaces this file with the real mapping canvas.
 * Contract with the shell: export `MappingView` (no props); read and edit the document through
 * `useProject` (renderer/src/store/project.ts): `applyMappingEdit(label, fn)` for every mapping
 * change (undo/redo + autosave), `doc`, `spec`, `environment`.
 */
import { EmptyState } from '../../components/Feedback';

export function MappingView() {
  return (
    <section className="view" aria-labelledby="mapping-title">
      <h1 id="mapping-title">Mapping</h1>
      <EmptyState title="The mapping canvas is not available yet">It arrives with the mapping UI.</EmptyState>
    </section>
  );
}
