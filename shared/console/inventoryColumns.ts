import { kindLabels, permissionLabels } from './fieldLabels.ts';
import { lastTokenExpiry, nextTokenExpiry, workingTokens, type InventoryRow } from './inventoryRow.ts';

/** Names the inventory shows instead of ids. */
export interface InventoryNames {
  tenant(tenantId: string): string;
  role(tenantId: string, roleId: string): string | undefined;
  /** The time token cells are judged at (what has expired); now when not given. */
  readonly now?: number;
}

/** The next expiry of a token that works; "Expired <date>" when every token has expired; nothing without tokens. */
function expiryText(row: InventoryRow, now: number): string {
  const next = nextTokenExpiry(row, now);
  if (next) return date(next);
  const last = lastTokenExpiry(row, now);
  return last ? `Expired ${date(last)}` : '';
}

export interface InventoryColumn {
  readonly id: string;
  readonly label: string;
  /** Shown unless the person hides it in the column chooser. */
  readonly visibleByDefault: boolean;
  /** The cell as text (the table shows richer cells for some; CSV uses exactly this). */
  text(row: InventoryRow, names: InventoryNames): string;
  /** Sort key: strings compare by collation, numbers numerically; null sorts last. */
  sortKey(row: InventoryRow, names: InventoryNames): string | number | null;
}


const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const roleNames = (row: InventoryRow, names: InventoryNames) => row.roleIds.map((id) => names.role(row.tenantId, id) ?? id);

const column = (c: InventoryColumn) => c;

export const inventoryColumns: readonly InventoryColumn[] = [
  // The most telling columns first (what it is, whether it works, when its token ends, whether it is in sync), so they are on screen at 1280 px.
  column({ id: 'tenant', label: 'Tenant', visibleByDefault: true, text: (r, n) => n.tenant(r.tenantId), sortKey: (r, n) => n.tenant(r.tenantId) }),
  column({ id: 'name', label: 'Name', visibleByDefault: true, text: (r) => r.name, sortKey: (r) => r.name }),
  column({ id: 'kind', label: 'Kind', visibleByDefault: true, text: (r) => kindLabels[r.kind] ?? r.kind, sortKey: (r) => kindLabels[r.kind] ?? r.kind }),
  column({ id: 'active', label: 'Active', visibleByDefault: true, text: (r) => (r.active ? 'Active' : 'Inactive'), sortKey: (r) => (r.active ? 0 : 1) }),
  // Users whose tokens have all expired have no next expiry: they sort with those without tokens, last.
  column({ id: 'nextTokenExpiry', label: 'Next token expiry', visibleByDefault: true, text: (r, n) => expiryText(r, n.now ?? Date.now()), sortKey: (r, n) => nextTokenExpiry(r, n.now ?? Date.now()) }),
  column({ id: 'lastUsedAt', label: 'Last used', visibleByDefault: true, text: (r) => (r.lastUsedAt ? date(r.lastUsedAt) : 'Never'), sortKey: (r) => r.lastUsedAt ?? '' }),
  column({ id: 'sync', label: 'Sync', visibleByDefault: true, text: (r) => (r.pending ? 'Pending' : 'Synced'), sortKey: (r) => (r.pending ? 0 : 1) }),
  column({ id: 'permissionRole', label: 'Permission role', visibleByDefault: true, text: (r) => permissionLabels[r.permissionRole] ?? r.permissionRole, sortKey: (r) => ['admin', 'member', 'viewer'].indexOf(r.permissionRole) }),
  column({ id: 'roles', label: 'Roles', visibleByDefault: true, text: (r, n) => roleNames(r, n).join(', '), sortKey: (r) => r.roleIds.length }),
  column({ id: 'category', label: 'Category', visibleByDefault: true, text: (r) => r.category, sortKey: (r) => r.category || null }),
  column({ id: 'description', label: 'Description', visibleByDefault: false, text: (r) => r.description, sortKey: (r) => r.description || null }),
  column({ id: 'dataFields', label: 'Data fields', visibleByDefault: false, text: (r) => r.dataFields.map((f) => `${f.key}: ${f.value}`).join('; '), sortKey: (r) => r.dataFields.map((f) => f.value).join(' ') || null }),
  column({ id: 'language', label: 'Language', visibleByDefault: false, text: (r) => r.language, sortKey: (r) => r.language || null }),
  column({ id: 'timeZone', label: 'Time zone', visibleByDefault: false, text: (r) => r.timeZone, sortKey: (r) => r.timeZone || null }),
  column({ id: 'notificationEmail', label: 'Notification e-mail', visibleByDefault: false, text: (r) => r.notificationEmail ?? '', sortKey: (r) => r.notificationEmail }),
  column({ id: 'tokens', label: 'Active tokens', visibleByDefault: false, text: (r, n) => String(workingTokens(r, n.now ?? Date.now())), sortKey: (r, n) => workingTokens(r, n.now ?? Date.now()) }),
  column({ id: 'createdAt', label: 'Created', visibleByDefault: false, text: (r) => date(r.createdAt), sortKey: (r) => r.createdAt }),
  column({ id: 'createdBy', label: 'Created by', visibleByDefault: false, text: (r) => r.createdBy ?? '', sortKey: (r) => r.createdBy }),
  column({ id: 'updatedAt', label: 'Changed', visibleByDefault: false, text: (r) => date(r.updatedAt), sortKey: (r) => r.updatedAt }),
];

export const defaultInventoryColumns = inventoryColumns.filter((c) => c.visibleByDefault).map((c) => c.id);
const byId = new Map(inventoryColumns.map((c) => [c.id, c]));

export function inventoryColumn(id: string): InventoryColumn | undefined {
  return byId.get(id);
}

/** The columns to show, in table order; unknown ids (from an older version) are dropped, the name always stays. */
export function visibleColumns(ids: readonly string[] | null): InventoryColumn[] {
  const wanted = new Set(ids ?? defaultInventoryColumns);
  wanted.add('name');
  return inventoryColumns.filter((c) => wanted.has(c.id));
}

export interface InventorySort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Sorts rows by a column; ties fall back to name, then tenant, so the
 * order is stable. Sort keys are computed once per row, not per comparison.
 */
export function sortInventory(rows: readonly InventoryRow[], sort: InventorySort, names: InventoryNames): InventoryRow[] {
  const col = byId.get(sort.column) ?? byId.get('name')!;
  const keyed = rows.map((row) => ({ row, key: col.sortKey(row, names) }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
    } else {
      const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      if (order !== 0) return order * sign;
    }
    return collator.compare(a.row.name, b.row.name) || collator.compare(a.row.key, b.row.key);
  });
  return keyed.map((k) => k.row);
}
