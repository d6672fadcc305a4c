import { useMemo, useState } from 'react';
import { activeFilterCount, emptyInventoryFilter } from '../../../../shared/console/inventoryFilter.ts';
import { visibleColumns } from '../../../../shared/console/inventoryColumns.ts';
import { planUsage } from '../../../../shared/rules/technicalUserRules.ts';
import { useFilteredRows } from '../../../inventory/useInventory.ts';
import { useConnectionsStore } from '../../../state/connectionsStore.ts';
import { useInventoryStore } from '../../../state/inventoryStore.ts';
import { useUiStore } from '../../../state/uiStore.ts';
import { useReplica } from '../../../sync/useDatabase.ts';
import { SectionHeader } from '../../SectionHeader.tsx';
import { BulkActions, rootRoleIdOf } from './BulkActions.tsx';
import { InventoryGrid } from './InventoryGrid.tsx';
import { ActiveFilterChips, InventoryFilters } from './InventoryFilters.tsx';
import { ColumnChooser, ExportMenu, SavedFilters } from './InventoryMenus.tsx';

/** Every technical user on every tenant in one table, from the local replica (so it works offline). */
export function InventoryView() {
  const replica = useReplica();
  const connections = useConnectionsStore((s) => s.connections);
  const { index, rows, total, names, loading, waiting, preview } = useFilteredRows();
  const filter = useInventoryStore((s) => s.filter);
  const sort = useInventoryStore((s) => s.sort);
  const selected = useInventoryStore((s) => s.selected);
  const { setFilter, setSort, open, clearSelection } = useInventoryStore.getState();
  const columnChoice = useUiStore((s) => s.preferences.inventoryColumns);
  const columns = useMemo(() => visibleColumns(columnChoice), [columnChoice]);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const byId = useMemo(() => new Map(connections.map((c) => [c.id, c])), [connections]);
  const all = index?.all();
  const categories = useMemo(() => [...new Set((all ?? []).map((r) => r.category).filter(Boolean))].sort((a, b) => a.localeCompare(b)), [all]);
  const roles = index?.allRoles();
  const roleNames = useMemo(() => {
    if (!index || !roles) return [];
    const rootOf = rootRoleIdOf(connections, index);
    return [...new Set(roles.filter((r) => r.parentId !== null && r.id !== rootOf(r.tenantId)).map((r) => r.name))].sort((a, b) => a.localeCompare(b));
  }, [index, roles, connections]);
  // From the selected keys, not a pass over every row (the selection is cleared at each keystroke).
  const selectedRows = useMemo(() => (index && all ? [...selected].flatMap((key) => index.row(key) ?? []) : []), [selected, index, all]);
  const plans = useMemo(
    () =>
      connections
        .filter((c) => c.tenant)
        // The start's preview holds only the first screen: its counts come with it.
        .map((c) => ({ connection: c, plan: index?.preview ? { limit: c.tenant!.plan.technicalUserLimit, used: index.previewPlanUsed[c.id] ?? 0 } : planUsage((all ?? []).filter((r) => r.tenantId === c.id), c.tenant!.plan.technicalUserLimit) })),
    [connections, all, index],
  );
  const filterCount = activeFilterCount(filter);

  return (
    <div className="inventory-page">
      <SectionHeader
        section="technical-users"
        actions={
          <button type="button" className="button button-primary" onClick={() => open({ kind: 'new', tenantId: filter.tenantIds.length === 1 ? filter.tenantIds[0]! : null })} disabled={!replica}>
            New technical user
          </button>
        }
      />
      <div className="inventory-body">
        <div className="toolbar">
          <input
            type="search"
            className="search"
            placeholder="Search names, descriptions, data fields"
            aria-label="Search technical users"
            value={filter.text}
            onChange={(e) => {
              setFilter({ text: e.target.value });
              clearSelection();
            }}
          />
          <button type="button" className={`button${filtersOpen ? ' is-pressed' : ''}`} aria-expanded={filtersOpen} aria-controls="inventory-filters" onClick={() => setFiltersOpen(!filtersOpen)}>
            Filters{filterCount > 0 ? ` (${filterCount})` : ''}
          </button>
          <SavedFilters />
          <span className="toolbar-spacer" />
          <span className="muted" role="status" data-testid="inventory-count">
            {waiting === 'replica' ? 'Loading the local copy…' : waiting === 'full-index' ? `Reading all ${total.toLocaleString()} technical users to search and sort…` : `${rows.length.toLocaleString()} of ${total.toLocaleString()} technical users`}
          </span>
          <ColumnChooser />
          <ExportMenu rows={rows} columns={columns} names={names} what="technical users" unavailable={preview ? 'Export is ready once every technical user is read (a moment after the start).' : null} />
        </div>
        <ActiveFilterChips connections={connections} />
        {filtersOpen ? (
          <section id="inventory-filters" aria-label="Filters">
            <InventoryFilters connections={connections} categories={categories} roleNames={roleNames} />
          </section>
        ) : null}
        {plans.length > 0 ? (
          <ul className="plan-strip" aria-label="Plan usage">
            {plans.map(({ connection, plan }) => (
              <li key={connection.id} className={plan.used >= plan.limit ? 'is-full' : ''}>
                <span className="tenant-dot" style={{ backgroundColor: connection.color }} aria-hidden="true" />
                {connection.displayName}: {plan.used.toLocaleString()} of {plan.limit.toLocaleString()} technical users
              </li>
            ))}
          </ul>
        ) : null}
        {selected.size > 0 && replica && index ? <BulkActions replica={replica} index={index} selectedRows={selectedRows} connections={connections} columns={columns} names={names} /> : null}
        {loading ? (
          <p className="muted empty-inline">{waiting === 'full-index' ? 'Reading every technical user from the local copy — the results follow in a moment.' : 'Loading the local copy…'}</p>
        ) : (
          <InventoryGrid
            rows={rows}
            partial={preview}
            columns={columns}
            names={names}
            connections={byId}
            sort={sort}
            onSort={setSort}
            onOpen={(row) => open({ kind: 'user', key: row.key })}
            empty={
              total === 0 ? (
                <p className="muted">No technical users in the local copy yet — they appear as each tenant syncs.</p>
              ) : (
                <p className="muted">
                  No technical user matches.{' '}
                  <button type="button" className="link-button" onClick={() => useInventoryStore.getState().replaceFilter(emptyInventoryFilter)}>
                    Clear the search and filters
                  </button>
                </p>
              )
            }
          />
        )}
      </div>
    </div>
  );
}
