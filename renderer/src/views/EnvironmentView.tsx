import { EmptyState } from '../components/Feedback';

export function EnvironmentView() {
  return (
    <section className="view" aria-labelledby="environment-title">
      <h1 id="environment-title">Environment</h1>
      <EmptyState title="Coming up" />
    </section>
  );
}
