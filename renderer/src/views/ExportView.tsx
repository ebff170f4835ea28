import { EmptyState } from '../components/Feedback';

export function ExportView() {
  return (
    <section className="view" aria-labelledby="export-title">
      <h1 id="export-title">Export</h1>
      <EmptyState title="Coming up" />
    </section>
  );
}
