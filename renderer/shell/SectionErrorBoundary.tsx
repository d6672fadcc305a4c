import { Component, type ReactNode } from 'react';

interface Props {
  /** Changes when the person moves to another section: the boundary then tries again. */
  readonly resetKey: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
  readonly resetKey: string;
}

/**
 * A fault in one view must not blank the window: the section shows what
 * went wrong and a way back, while the sidebar, status bar and the local
 * copy (with every unsent change) carry on.
 */
export class SectionErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error): void {
    console.error('Tessera: a view failed to render', error);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page-body">
        <h1 id="page-title" tabIndex={-1}>
          This view ran into a problem
        </h1>
        <p className="alert alert-error" role="alert">
          {this.state.error.message || 'An unexpected error.'} Nothing saved here is lost: changes waiting to sync are kept.
        </p>
        <button type="button" className="button button-primary" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
