import { Component, type ReactNode } from 'react';
import { Banner } from './Feedback';
import { Button } from './Button';

interface Props {
  /** What failed, for the message ("the Spec view"). */
  what: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** A render error shows a message with a retry instead of blanking the window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div style={{ padding: 'var(--sp-4) var(--sp-5)' }}>
        <Banner
          tone="error"
          title={`Something went wrong in ${this.props.what}.`}
          actions={
            <Button size="small" onClick={() => this.setState({ error: null })}>
              Try again
            </Button>
          }
        >
          <span className="mono">{this.state.error.message}</span> Your project is autosaved; switching views or reloading is safe.
        </Banner>
      </div>
    );
  }
}
