import { EmptyState } from '../components/Feedback';

export function HistoryView() {
  return (
    <section className="view" aria-labelledby="history-title">
      <h1 id="history-title">History</h1>
      <EmptyState title="Coming up" />
    </section>
  );
}
