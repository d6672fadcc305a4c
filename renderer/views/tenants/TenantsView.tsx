import { useState } from 'react';
import type { ConnectionTestReport, ConnectionView } from '../../../shared/connections.ts';
import { bridge } from '../../bridge.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { EmptyState } from '../../shell/EmptyState.tsx';
import { refreshVaultStatus, useConnectionsStore } from '../../state/connectionsStore.ts';
import { useDemoMailStore } from '../../state/demoMailStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { sectionContent } from '../sectionContent.ts';
import { ConnectionCard } from './ConnectionCard.tsx';
import { ConnectionDialog } from './ConnectionDialog.tsx';
import { RemoveConnectionDialog } from './RemoveConnectionDialog.tsx';
import { TestReportView } from './TestReportView.tsx';

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; connection: ConnectionView }
  | { kind: 'remove'; connection: ConnectionView }
  | { kind: 'test'; connection: ConnectionView; report: ConnectionTestReport | null; error: string | null };

const notify = (error: { code: string; message: string }) => useNoticesStore.getState().push({ kind: 'error', message: error.message, code: error.code });

/** Tenant connections: add, test, edit, re-order and remove them; see each one's live state. */
export function TenantsView() {
  const connections = useConnectionsStore((s) => s.connections);
  const loaded = useConnectionsStore((s) => s.loaded);
  const vault = useConnectionsStore((s) => s.vault);
  const [open, setOpen] = useState<Open | null>(null);
  const demoMail = useDemoMailStore((s) => s.messages);
  const showDemoMail = useDemoMailStore((s) => s.show);

  const move = async (index: number, delta: -1 | 1) => {
    const ids = connections.map((c) => c.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    const result = await bridge().connections.reorder({ ids });
    if (!result.ok) notify(result.error);
  };
  const test = async (connection: ConnectionView) => {
    setOpen({ kind: 'test', connection, report: null, error: null });
    const result = await bridge().connections.test({ id: connection.id });
    setOpen((current) => (current?.kind === 'test' && current.connection.id === connection.id ? { ...current, report: result.ok ? result.value : null, error: result.ok ? null : result.error.message } : current));
  };
  const check = async (connection: ConnectionView) => {
    const result = await bridge().connections.check({ id: connection.id });
    if (!result.ok) notify(result.error);
  };

  return (
    <>
      <SectionHeader
        section="tenants"
        actions={
          connections.length > 0 ? (
            <>
              {connections.some((c) => c.demo) ? (
                <button type="button" className="button" onClick={showDemoMail}>
                  Demo mail{demoMail.length > 0 ? ` (${demoMail.length.toLocaleString()})` : ''}
                </button>
              ) : null}
              <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'add' })}>
                Add tenant
              </button>
            </>
          ) : null
        }
      />
      <div className="page-body">
        {vault && !vault.available ? (
          <div className="alert alert-error banner" role="alert">
            <div>
              <strong>Tessera cannot use your keychain.</strong> {vault.reason} {vault.fix} Until then, no client secret can be saved — Tessera never stores one anywhere else.
            </div>
            <button type="button" className="button button-small" onClick={() => void refreshVaultStatus()}>
              Check again
            </button>
          </div>
        ) : null}
        {!loaded ? null : connections.length === 0 ? (
          <FirstRun onConnect={() => setOpen({ kind: 'add' })} />
        ) : (
          <ul className="connection-list" aria-label="Tenant connections">
            {connections.map((connection, index) => (
              <ConnectionCard
                key={connection.id}
                connection={connection}
                index={index}
                count={connections.length}
                onEdit={() => setOpen({ kind: 'edit', connection })}
                onRemove={() => setOpen({ kind: 'remove', connection })}
                onTest={() => void test(connection)}
                onCheck={() => void check(connection)}
                onMove={(delta) => void move(index, delta)}
              />
            ))}
          </ul>
        )}
      </div>
      {open?.kind === 'add' ? <ConnectionDialog onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'edit' ? <ConnectionDialog existing={open.connection} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'remove' ? <RemoveConnectionDialog connection={open.connection} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'test' ? (
        <Dialog title={`Test ${open.connection.displayName}`} onClose={() => setOpen(null)} wide footer={<><span className="spacer" /><button type="button" className="button" onClick={() => setOpen(null)}>Close</button></>}>
          {open.report ? <TestReportView report={open.report} /> : open.error ? <div className="alert alert-error" role="alert">{open.error}</div> : <p className="muted" role="status">Testing…</p>}
        </Dialog>
      ) : null}
    </>
  );
}

/** No tenant yet: connect one, or try two demo tenants started on this computer. */
function FirstRun(props: { onConnect: () => void }) {
  const demo = useConnectionsStore((s) => s.demo);
  const progress = useConnectionsStore((s) => s.demoProgress);
  const [starting, setStarting] = useState(false);
  const startDemo = async () => {
    setStarting(true);
    const result = await bridge().demo.start();
    setStarting(false);
    if (!result.ok) notify(result.error);
  };
  const content = sectionContent.tenants;
  return (
    <EmptyState
      section="tenants"
      headline={content.empty.headline}
      actions={
        <>
          <button type="button" className="button button-primary" onClick={props.onConnect} disabled={starting}>
            Connect a tenant
          </button>
          <button type="button" className="button" onClick={() => void startDemo()} disabled={starting || demo?.available !== true} aria-describedby={demo?.available === false ? 'demo-unavailable' : undefined}>
            {starting ? 'Starting demo tenants…' : 'Try with demo tenants'}
          </button>
        </>
      }
    >
      {content.empty.body}
      {starting && progress ? (
        <span className="progress-line" role="status">
          <progress max={progress.total} value={progress.done} /> {progress.step}
        </span>
      ) : null}
      {demo?.available === false ? (
        <span id="demo-unavailable" className="muted demo-note">
          Demo tenants are not available here: {demo.reason}
        </span>
      ) : null}
    </EmptyState>
  );
}
