import { EmptyState } from '../components/Feedback';

export function SpecView() {
  return (
    <section className="view" aria-labelledby="spec-title">
      <h1 id="spec-title">Spec</h1>
      <EmptyState title="Coming up" />
    </section>
  );
}
