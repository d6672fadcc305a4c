import { useEffect } from 'react';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useInventoryStore } from '../../state/inventoryStore.ts';
import { SectionView } from '../SectionView.tsx';
import { InventoryView } from './inventory/InventoryView.tsx';
import { TechnicalUserPage } from './page/TechnicalUserPage.tsx';

/** The Technical users section: the cross-tenant inventory, or one user's page. */
export function TechnicalUsersView() {
  const connections = useConnectionsStore((s) => s.connections);
  const page = useInventoryStore((s) => s.page);
  // Opening another page moves focus to its title, as a page load would.
  useEffect(() => {
    document.querySelector<HTMLElement>('#page-title')?.focus();
  }, [page]);
  if (connections.length === 0) return <SectionView section="technical-users" />;
  return page.kind === 'inventory' ? <InventoryView /> : <TechnicalUserPage target={page} />;
}
