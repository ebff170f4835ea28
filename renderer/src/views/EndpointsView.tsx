import { EmptyState } from '../components/Feedback';

export function EndpointsView() {
  return (
    <section className="view" aria-labelledby="endpoints-title">
      <h1 id="endpoints-title">Endpoints</h1>
      <EmptyState title="Coming up" />
    </section>
  );
}
