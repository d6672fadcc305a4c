import { lazy, Suspense, useState, type ComponentType } from 'react';

/**
 * The Sessions section's code (ECharts with it) is a chunk of its own,
 * loaded on first use — or ahead, in idle time after the start
 * (`useSessionsPrefetch`). Once loaded it is rendered directly: through
 * `lazy` even a loaded chunk suspends once, and React holds a revealed
 * Suspense boundary back for up to 300 ms, which the first click on
 * Sessions would wait for.
 */
let loaded: ComponentType | null = null;
let loading: Promise<ComponentType> | null = null;

export function loadSessionsView(): Promise<ComponentType> {
  loading ??= import('./SessionsView.tsx').then((m) => (loaded = m.SessionsView)).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

const LazySessionsView = lazy(() => loadSessionsView().then((component) => ({ default: component })));

export function SessionsSection() {
  // Decided once per mount: switching from the lazy path to the loaded one would mount the view anew (its filters lost).
  const [Loaded] = useState(() => loaded);
  if (Loaded) return <Loaded />;
  return (
    <Suspense fallback={<p className="muted empty-inline">Loading the dashboards…</p>}>
      <LazySessionsView />
    </Suspense>
  );
}
