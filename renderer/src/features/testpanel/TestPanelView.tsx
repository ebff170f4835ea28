/**
 * PLACEHOLDER written by the shell (renderer foundations helper). The mapping UI helper owns
 * renderer/src/features/testpanel/** and replaces this file with the live test panel.
 * Contract with the shell: export `TestPanelView` (no props); use `useProject` for the document.
 */
import { EmptyState } from '../../components/Feedback';

export function TestPanelView() {
  return (
    <section className="view" aria-labelledby="test-title">
      <h1 id="test-title">Test</h1>
      <EmptyState title="The live test panel is not available yet">It arrives with the mapping UI.</EmptyState>
    </section>
  );
}
