import type { InventoryColumn, InventoryNames } from './inventoryColumns.ts';
import type { InventoryRow } from './inventoryRow.ts';

/**
 * A CSV cell: quoted when it must be, and defused when a spreadsheet would
 * run it as a formula (a value starting with =, +, - or @ gets a leading ').
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The current view as CSV: the visible columns, in order, one line per row (CRLF, as RFC 4180 has it). */
export function inventoryToCsv(rows: readonly InventoryRow[], columns: readonly InventoryColumn[], names: InventoryNames): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.text(row, names))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The current view as JSON: every field of each row, with the tenant's and roles' names next to their ids. */
export function inventoryToJson(rows: readonly InventoryRow[], names: InventoryNames): string {
  return JSON.stringify(
    rows.map(({ searchText: _search, key: _key, ...row }) => ({
      tenant: names.tenant(row.tenantId),
      ...row,
      roles: row.roleIds.map((id) => ({ id, name: names.role(row.tenantId, id) ?? null })),
    })),
    null,
    2,
  );
}
