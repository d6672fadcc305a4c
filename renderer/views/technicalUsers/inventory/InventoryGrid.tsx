import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ConnectionView } from '../../../../shared/connections.ts';
import type { InventoryColumn, InventoryNames, InventorySort } from '../../../../shared/console/inventoryColumns.ts';
import { lastTokenExpiry, nextTokenExpiry, type InventoryRow } from '../../../../shared/console/inventoryRow.ts';
import { markInventoryDrawn } from '../../../inventory/inventoryStartup.ts';
import { TenantBadge } from '../../../shell/TenantBadge.tsx';
import { useInventoryStore } from '../../../state/inventoryStore.ts';
import { rowWindow } from '../../../shell/windowing.ts';

const rowHeight = 40;
const overscan = 8;

/** Column widths in pixels; the name column takes what is left. Every row uses the same template. */
const columnWidths: Record<string, number> = {
  tenant: 140,
  name: 200,
  description: 260,
  kind: 104,
  category: 160,
  active: 84,
  permissionRole: 130,
  roles: 200,
  dataFields: 240,
  language: 90,
  timeZone: 170,
  notificationEmail: 220,
  tokens: 110,
  nextTokenExpiry: 140,
  lastUsedAt: 104,
  createdAt: 110,
  createdBy: 160,
  updatedAt: 110,
  sync: 90,
};
const checkWidth = 44;

interface GridProps {
  rows: readonly InventoryRow[];
  /** Only the first rows are here yet (the start's snapshot): "select all" waits for every row. */
  partial?: boolean;
  columns: readonly InventoryColumn[];
  names: InventoryNames;
  connections: ReadonlyMap<string, ConnectionView>;
  sort: InventorySort;
  onSort: (column: string) => void;
  onOpen: (row: InventoryRow) => void;
  /** Shown in place of rows when there are none. */
  empty: ReactNode;
}

function Cell({ column, row, names, connections }: { column: InventoryColumn; row: InventoryRow; names: InventoryNames; connections: ReadonlyMap<string, ConnectionView> }) {
  switch (column.id) {
    case 'tenant':
      return <TenantBadge connection={connections.get(row.tenantId)} />;
    case 'name':
      return <span className="strong">{row.name}</span>;
    case 'active':
      return row.active ? <>Active</> : <span className="muted">Inactive</span>;
    case 'roles':
      return row.roleIds.length === 0 ? <span className="muted">No roles</span> : <>{column.text(row, names)}</>;
    case 'lastUsedAt':
      return row.lastUsedAt ? <>{column.text(row, names)}</> : <span className="muted">Never</span>;
    case 'nextTokenExpiry':
      // Every token expired: said as such, not as a date that looks like the next one.
      return names.now !== undefined && nextTokenExpiry(row, names.now) === null && lastTokenExpiry(row, names.now) !== null ? <span className="badge badge-danger">{column.text(row, names)}</span> : <>{column.text(row, names)}</>;
    case 'sync':
      return row.pending ? <span className="badge badge-warning">Pending</span> : <span className="muted">Synced</span>;
    default:
      return <>{column.text(row, names)}</>;
  }
}

/**
 * The inventory table: a virtualized ARIA grid (only the rows in view are in
 * the DOM, so 50,000 rows scroll smoothly). Keyboard: arrows, Page Up/Down,
 * Home/End move; Space selects; Shift extends; Ctrl+A selects all; Enter
 * opens; Escape clears the selection.
 */
export function InventoryGrid(props: GridProps) {
  const { rows, columns } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const selected = useInventoryStore((s) => s.selected);
  const active = useInventoryStore((s) => s.active);
  const { setActive, setSelected, toggleSelected, clearSelection } = useInventoryStore.getState();
  const template = `${checkWidth}px ${columns.map((c) => (c.id === 'name' ? `minmax(${columnWidths.name}px, 1fr)` : `${columnWidths[c.id] ?? 120}px`)).join(' ')}`;
  // Columns beyond the right edge: a shadow and a hint there say the grid scrolls sideways.
  const [moreRight, setMoreRight] = useState(false);
  const measureSideways = (element: HTMLElement) => setMoreRight(element.scrollLeft + element.clientWidth < element.scrollWidth - 1);
  const minWidth = checkWidth + columns.reduce((sum, c) => sum + (columnWidths[c.id] ?? 120), 0);
  const rowWidth = `max(100%, ${minWidth}px)`;
  const hasRows = rows.length > 0;
  // The start's bulk reads wait for the first rows to be on screen (inventoryStartup.ts).
  useEffect(() => {
    if (hasRows) markInventoryDrawn();
  }, [hasRows]);
  useLayoutEffect(() => {
    if (scroller.current) measureSideways(scroller.current);
  }, [minWidth]);
  const activeIndex = active ? rows.findIndex((r) => r.key === active) : -1;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => {
      setViewport({ top: element.scrollTop, height: element.clientHeight });
      measureSideways(element);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the active row in view when the keyboard moves it.
  useEffect(() => {
    const element = scroller.current;
    if (!element || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    const headerHeight = rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight - headerHeight) element.scrollTop = top + rowHeight - element.clientHeight + headerHeight;
  }, [activeIndex]);

  const selectRange = (toIndex: number) => {
    const { anchor } = useInventoryStore.getState();
    const anchorIndex = anchor ? rows.findIndex((r) => r.key === anchor) : -1;
    const from = anchorIndex >= 0 ? anchorIndex : toIndex;
    const [lo, hi] = from <= toIndex ? [from, toIndex] : [toIndex, from];
    setSelected(
      rows.slice(lo, hi + 1).map((r) => r.key),
      rows[from]?.key ?? null,
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor(viewport.height / rowHeight) - 2);
    const current = activeIndex < 0 ? -1 : activeIndex;
    const moveTo = (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      setActive(rows[clamped]!.key);
      if (event.shiftKey) selectRange(clamped);
    };
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current < 0 ? 0 : current - 1);
        break;
      case 'PageDown':
        moveTo(current + page);
        break;
      case 'PageUp':
        moveTo(current - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case ' ':
        if (current >= 0) toggleSelected(rows[current]!.key);
        break;
      case 'Enter':
        if (current >= 0) props.onOpen(rows[current]!);
        break;
      case 'Escape':
        if (selected.size === 0) return;
        clearSelection();
        break;
      case 'a':
        if (!(event.ctrlKey || event.metaKey)) return;
        setSelected(
          rows.map((r) => r.key),
          null,
        );
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const { first, last } = rowWindow({ count: rows.length, scrollTop: viewport.top, viewportHeight: viewport.height, bodyTop: 0, rowHeight, overscan });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.key));

  return (
    <div
      ref={scroller}
      className={`grid-scroller${moreRight ? ' grid-more-right' : ''}`}
      role="grid"
      aria-label="Technical users"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? `inventory-row-${activeIndex}` : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (activeIndex < 0 && rows.length > 0) setActive(rows[0]!.key);
      }}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        setViewport((v) => ({ ...v, top }));
        measureSideways(e.currentTarget);
      }}
    >
      <div className="grid-row grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, width: rowWidth }}>
        <div role="columnheader" className="grid-cell grid-check">
          <input
            type="checkbox"
            aria-label={allSelected ? 'Clear the selection' : `Select all ${rows.length.toLocaleString()} shown`}
            checked={allSelected}
            disabled={props.partial === true && !allSelected}
            title={props.partial === true && !allSelected ? 'Select all is ready once every technical user is read (a moment after the start).' : undefined}
            onChange={() =>
              allSelected
                ? clearSelection()
                : setSelected(
                    rows.map((r) => r.key),
                    null,
                  )
            }
            tabIndex={-1}
          />
        </div>
        {columns.map((column) => {
          const sorted = props.sort.column === column.id;
          return (
            <div key={column.id} role="columnheader" className="grid-cell" aria-sort={sorted ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button type="button" className="sort-button" onClick={() => props.onSort(column.id)} tabIndex={-1}>
                {column.label}
                <span className="sort-mark" aria-hidden="true">
                  {sorted ? (props.sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
      {rows.length === 0 ? (
        <div className="grid-empty">{props.empty}</div>
      ) : (
        <div className="grid-body" style={{ height: rows.length * rowHeight, width: rowWidth }}>
          {rows.slice(first, last).map((row, offset) => {
            const index = first + offset;
            const isSelected = selected.has(row.key);
            return (
              <div
                key={row.key}
                id={`inventory-row-${index}`}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={isSelected}
                aria-label={`${row.name} · ${props.names.tenant(row.tenantId)}`}
                className={`grid-row${isSelected ? ' is-selected' : ''}${index === activeIndex ? ' is-active' : ''}${row.active ? '' : ' is-inactive'}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${index * rowHeight}px)`, width: '100%' }}
                onClick={(event) => {
                  setActive(row.key);
                  if (event.shiftKey) selectRange(index);
                  else if (event.ctrlKey || event.metaKey) toggleSelected(row.key);
                  else props.onOpen(row);
                }}
              >
                <div role="gridcell" className="grid-cell grid-check" onClick={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.name}`}
                    checked={isSelected}
                    tabIndex={-1}
                    onChange={(e) => {
                      setActive(row.key);
                      if ((e.nativeEvent as MouseEvent).shiftKey) selectRange(index);
                      else toggleSelected(row.key);
                    }}
                  />
                </div>
                {columns.map((column) => (
                  <div key={column.id} role="gridcell" className={`grid-cell grid-cell-${column.id}`}>
                    <Cell column={column} row={row} names={props.names} connections={props.connections} />
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
