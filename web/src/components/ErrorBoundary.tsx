// A screen that throws while rendering shows the error page instead of a blank window.
import { Component, type ReactNode } from 'react';
import { ErrorResult } from './Results';

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <ErrorResult retry={() => this.setState({ failed: false })} /> : this.props.children;
  }
}
