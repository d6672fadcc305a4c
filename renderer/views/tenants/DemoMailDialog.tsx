import { useMemo, type KeyboardEvent } from 'react';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import { useInventoryIndex } from '../../inventory/useInventory.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useDemoMailStore } from '../../state/demoMailStore.ts';
import { useInventoryStore } from '../../state/inventoryStore.ts';
import { useUiStore } from '../../state/uiStore.ts';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/**
 * "Demo mail": the notification e-mail the demo tenants sent to their
 * technical users' addresses, as Tessera's own local mail catcher received
 * it — a list, newest first, and the message chosen, with links to the
 * technical users it was sent for.
 */
export function DemoMailDialog() {
  const { messages: received, loaded, selectedId, hide, select } = useDemoMailStore();
  // Newest first by when the change happened (the message's Date), as a mail client sorts.
  const messages = useMemo(() => [...received].sort((a, b) => (b.date ?? b.receivedAt).localeCompare(a.date ?? a.receivedAt)), [received]);
  const connections = useConnectionsStore((s) => s.connections);
  const { index } = useInventoryIndex();
  const selected = messages.find((m) => m.id === selectedId) ?? messages[0] ?? null;
  // The connection of the tenant that sent the chosen message, and the technical users it was sent for.
  const connection = selected ? (connections.find((c) => c.serverTenantId !== null && c.serverTenantId === selected.serverTenantId) ?? null) : null;
  const subjects = (selected?.technicalUserIds ?? []).map((id) => ({ id, connectionId: connection?.id ?? null, name: connection ? (index?.row(localKey(connection.id, id))?.name ?? null) : null }));

  const openUser = (connectionId: string, id: string) => {
    hide();
    useInventoryStore.getState().open({ kind: 'user', key: localKey(connectionId, id) });
    useUiStore.getState().navigate('technical-users');
  };
  // Up and down move through the list, like a mail client's.
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const at = selected ? messages.indexOf(selected) : -1;
    const next = messages[Math.max(0, Math.min(messages.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    select(next.id);
    event.currentTarget.querySelector<HTMLElement>(`[data-mail-id="${next.id}"]`)?.focus();
  };

  return (
    <Dialog
      title="Demo mail"
      onClose={hide}
      large
      footer={
        <>
          <span className="muted">{messages.length === 1 ? '1 message' : `${messages.length.toLocaleString()} messages`} · kept on this computer only</span>
          <span className="spacer" />
          <button type="button" className="button" onClick={hide}>
            Close
          </button>
        </>
      }
    >
      <p className="muted demo-mail-intro">
        The demo tenants e-mail a technical user’s notification address when an integration creates or changes an object it is subscribed to. Their mail server is Tessera itself: nothing leaves this computer.
      </p>
      {!loaded ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : messages.length === 0 ? (
        <p className="empty-inline muted" role="status">
          No notification e-mail yet. One arrives when an integration changes an object that a technical user with a notification e-mail is subscribed to — in the demo, the Stripe webhook recording a paid invoice.
        </p>
      ) : (
        <div className="demo-mail">
          <ul className="demo-mail-list" aria-label="Messages, newest first" onKeyDown={onListKey}>
            {messages.map((mail) => (
              <li key={mail.id}>
                <button type="button" className="demo-mail-item" data-mail-id={mail.id} aria-current={mail === selected ? 'true' : undefined} tabIndex={mail === selected ? 0 : -1} onClick={() => select(mail.id)}>
                  <span className="demo-mail-subject">{mail.subject || '(no subject)'}</span>
                  <span className="muted">{mail.to.join(', ')}</span>
                  <span className="muted">{when(mail.date ?? mail.receivedAt)}</span>
                </button>
              </li>
            ))}
          </ul>
          {selected ? (
            <article className="demo-mail-message" aria-labelledby="demo-mail-subject">
              <h3 id="demo-mail-subject">{selected.subject || '(no subject)'}</h3>
              <dl className="facts">
                <dt>From</dt>
                <dd>{selected.from}</dd>
                <dt>To</dt>
                <dd>{selected.to.join(', ')}</dd>
                <dt>Date</dt>
                <dd>{when(selected.date ?? selected.receivedAt)}</dd>
                <dt>Tenant</dt>
                <dd>{connection?.displayName ?? 'A tenant no longer connected'}</dd>
                {subjects.length > 0 ? (
                  <>
                    <dt>Sent for</dt>
                    <dd className="demo-mail-users">
                      {subjects.map((s) =>
                        s.connectionId && s.name ? (
                          <button key={s.id} type="button" className="link-button" onClick={() => openUser(s.connectionId!, s.id)}>
                            {s.name}
                          </button>
                        ) : (
                          <span key={s.id} className="muted">
                            {s.name ?? 'a technical user not in the local copy'}
                          </span>
                        ),
                      )}
                    </dd>
                  </>
                ) : null}
              </dl>
              <pre className="demo-mail-text" tabIndex={0} aria-label="Message text">
                {selected.text}
              </pre>
            </article>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
