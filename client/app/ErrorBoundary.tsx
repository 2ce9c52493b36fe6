/**
 * React error boundaries: without one, an exception while rendering unmounts the whole tree and
 * the member is left with a white page, header and all.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Shown instead of the children once one of them threw. */
  fallback: ReactNode;
  /** Told once per failure (to show something elsewhere, or to try again later). */
  onError?: (error: unknown) => void;
  /** What failed, for the console. */
  what: string;
  children: ReactNode;
}

/** Renders `fallback` instead of its children once one of them threw; key it anew to try again. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.what} failed to render`, error, info.componentStack);
    this.props.onError?.(error);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The last resort of a page that threw: say so and offer a reload, never a blank screen. */
export function PageFailed() {
  const { t } = useTranslation();
  return (
    <div className="page-status" role="alert" data-testid="page-failed">
      <p>{t('common.pageFailed')}</p>
      <button type="button" onClick={() => window.location.reload()}>{t('common.reload')}</button>
    </div>
  );
}
