import { useEffect, useRef } from 'react';
import { useConnectionsFeed } from '../state/connectionsStore.ts';
import { useDemoMailStore } from '../state/demoMailStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { SectionView } from '../views/SectionView.tsx';
import { TenantsView } from '../views/tenants/TenantsView.tsx';
import { DemoMailDialog } from '../views/tenants/DemoMailDialog.tsx';
import { RolesView } from '../views/roles/RolesView.tsx';
import { SyncView } from '../views/sync/SyncView.tsx';
import { TechnicalUsersView } from '../views/technicalUsers/TechnicalUsersView.tsx';
import { TokensView } from '../views/tokens/TokensView.tsx';
import { AuditView } from '../views/audit/AuditView.tsx';
import { PeopleView } from '../views/people/PeopleView.tsx';
import { SessionsSection } from '../views/sessions/sessionsSection.tsx';
import { useSessionsPrefetch } from '../views/sessions/useSessionsPrefetch.ts';
import { useExpiryReminders } from '../views/tokens/useExpiryReminders.ts';
import { startLocalReplica } from '../sync/useDatabase.ts';
import { useNoticesStore } from '../state/noticesStore.ts';
import { Notices } from './Notices.tsx';
import { SectionErrorBoundary } from './SectionErrorBoundary.tsx';
import { Sidebar } from './Sidebar.tsx';
import { StatusBar } from './StatusBar.tsx';
import { usePreferences, useSectionInHash, useSectionShortcuts, useTheme } from './useShellEffects.ts';

// Charts (ECharts) load with the section that draws them, not at start-up.

export function AppShell() {
  usePreferences();
  useTheme();
  useSectionInHash();
  useSectionShortcuts();
  useConnectionsFeed();
  useExpiryReminders();
  useSessionsPrefetch();
  // The local replica and its sync run whatever section is open.
  useEffect(() => {
    startLocalReplica().catch((error: unknown) =>
      useNoticesStore.getState().push({ kind: 'error', message: `The local copy could not be opened: ${error instanceof Error ? error.message : String(error)}`, code: 'replica_unavailable' }),
    );
  }, []);
  const section = useUiStore((s) => s.section);
  const demoMailOpen = useDemoMailStore((s) => s.open);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // Focus is never lost: when the focused element goes away or is disabled (a page replaced, a Save
  // button that disables itself) and nothing has focus, the page's title takes it. A click on empty
  // space (the element still there and enabled) is left alone, and so is the start, before any focus.
  useEffect(() => {
    let timer = 0;
    let last: HTMLElement | null = null;
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) last = event.target;
    };
    const check = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (!last || (document.activeElement && document.activeElement !== document.body)) return;
        // Still there and enabled: focus was let go on purpose (a click on empty space); forget it.
        if (last.isConnected && !last.matches(':disabled')) {
          last = null;
          return;
        }
        if (document.querySelector('dialog[open]')) return;
        main.current?.querySelector<HTMLElement>('#page-title')?.focus({ preventScroll: true });
      }, 0);
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', check);
    // A focused element removed from the page does not always fire focusout: look after changes of the page too.
    const observer = new MutationObserver(() => {
      if (last && document.activeElement === document.body) check();
    });
    if (main.current) observer.observe(main.current, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', check);
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, []);

  // Moving to another section puts focus on its title, as a page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('#page-title')?.focus();
  }, [section]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        Skip to content
      </a>
      <Sidebar />
      <main id="main" ref={main} tabIndex={-1} className="main" aria-labelledby="page-title" data-section={section}>
        <SectionErrorBoundary resetKey={section}>
        {section === 'tenants' ? (
          <TenantsView />
        ) : section === 'technical-users' ? (
          <TechnicalUsersView />
        ) : section === 'roles' ? (
          <RolesView />
        ) : section === 'tokens' ? (
          <TokensView />
        ) : section === 'sessions' ? (
          <SessionsSection />
        ) : section === 'audit' ? (
          <AuditView />
        ) : section === 'people' ? (
          <PeopleView />
        ) : section === 'sync' ? (
          <SyncView />
        ) : (
          <SectionView section={section} />
        )}
        </SectionErrorBoundary>
      </main>
      <StatusBar />
      <Notices />
      {demoMailOpen ? <DemoMailDialog /> : null}
    </div>
  );
}
