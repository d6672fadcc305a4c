import { useState } from 'react';
import { activeFilterCount, inventoryFilterSchema, type InventoryFilter } from '../../../../shared/console/inventoryFilter.ts';
import { defaultInventoryColumns, inventoryColumns, visibleColumns, type InventoryColumn, type InventoryNames } from '../../../../shared/console/inventoryColumns.ts';
import { inventoryToCsv, inventoryToJson } from '../../../../shared/console/inventoryExport.ts';
import type { InventoryRow } from '../../../../shared/console/inventoryRow.ts';
import { bridge } from '../../../bridge.ts';
import { Popover } from '../../../shell/Popover.tsx';
import { useInventoryStore } from '../../../state/inventoryStore.ts';
import { useNoticesStore } from '../../../state/noticesStore.ts';
import { useUiStore } from '../../../state/uiStore.ts';
import { updatePreferences } from '../../../state/updatePreferences.ts';
import { DisabledReason, disabledWith } from '../../../shell/DisabledReason.tsx';

/** Shows and hides columns; the choice is kept by main with the other preferences. */
export function ColumnChooser() {
  const chosen = useUiStore((s) => s.preferences.inventoryColumns);
  const visible = new Set(visibleColumns(chosen).map((c) => c.id));
  const set = (ids: string[] | null) => void updatePreferences({ inventoryColumns: ids });
  return (
    <Popover label="Columns" title="Columns" align="end">
      {() => (
        <div className="menu-panel">
          <fieldset className="filter-group">
            <legend>Show columns</legend>
            {inventoryColumns.map((column) => (
              <label key={column.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={visible.has(column.id)}
                  disabled={column.id === 'name'}
                  onChange={(e) => {
                    const next = inventoryColumns.filter((c) => (c.id === column.id ? e.target.checked : visible.has(c.id))).map((c) => c.id);
                    set(next);
                  }}
                />
                <span>{column.label}</span>
              </label>
            ))}
          </fieldset>
          <button type="button" className="button button-small" onClick={() => set(null)} disabled={chosen === null || chosen.join() === defaultInventoryColumns.join()}>
            Reset to defaults
          </button>
        </div>
      )}
    </Popover>
  );
}

/** Named filters: apply one, save the current one, delete one. */
export function SavedFilters() {
  const saved = useUiStore((s) => s.preferences.savedFilters);
  const filter = useInventoryStore((s) => s.filter);
  const [name, setName] = useState('');
  const nothingToSave = activeFilterCount(filter) === 0 && !filter.text.trim();
  const save = async (close: () => void) => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const others = saved.filter((s) => s.name.toLocaleLowerCase() !== trimmed.toLocaleLowerCase());
    const entry = { id: crypto.randomUUID(), name: trimmed, filter: inventoryFilterSchema.parse(filter) };
    if (await updatePreferences({ savedFilters: [...others, entry].slice(-50) })) {
      useNoticesStore.getState().push({ kind: 'info', message: `Saved the filter "${trimmed}".` });
      setName('');
      close();
    }
  };
  return (
    <Popover label={`Saved filters${saved.length > 0 ? ` (${saved.length})` : ''}`} title="Saved filters">
      {(close) => (
        <div className="menu-panel">
          {saved.length === 0 ? <p className="muted">No saved filters yet. Set up a filter, name it below and save it.</p> : null}
          <ul className="menu-list" aria-label="Saved filters">
            {saved.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  className="menu-item"
                  onClick={() => {
                    applySavedFilter(entry.filter);
                    close();
                  }}
                >
                  {entry.name}
                </button>
                <button type="button" className="icon-button" aria-label={`Delete saved filter ${entry.name}`} onClick={() => void updatePreferences({ savedFilters: saved.filter((s) => s.id !== entry.id) })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <form
            className="menu-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save(close);
            }}
          >
            <label htmlFor="saved-filter-name">Save the current filter as</label>
            <div className="inline-row">
              <input id="saved-filter-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder={nothingToSave ? 'Set a filter first' : 'e.g. Expiring this month'} disabled={nothingToSave} />
              <button type="submit" className="button button-small button-primary" {...disabledWith(nothingToSave ? 'Set a filter first: there is nothing to save yet.' : !name.trim() ? 'Name the filter to save it.' : null, 'saved-filter-why')}>
                Save
              </button>
            </div>
            <DisabledReason id="saved-filter-why" why={nothingToSave ? 'Set a filter first: there is nothing to save yet.' : !name.trim() ? 'Name the filter to save it.' : null} />
          </form>
        </div>
      )}
    </Popover>
  );
}

function applySavedFilter(filter: InventoryFilter) {
  const store = useInventoryStore.getState();
  store.replaceFilter(filter);
  store.clearSelection();
}

/** Hands rows to main as CSV or JSON; main asks where to save. */
export async function exportRows(rows: readonly InventoryRow[], format: 'csv' | 'json', columns: readonly InventoryColumn[], names: InventoryNames, what: string): Promise<void> {
  const content = format === 'csv' ? inventoryToCsv(rows, columns, names) : inventoryToJson(rows, names);
  const date = new Date().toISOString().slice(0, 10);
  const result = await bridge().files.saveExport({ suggestedName: `Tessera ${what} ${date}`, format, content });
  if (!result.ok) {
    useNoticesStore.getState().push({ kind: 'error', message: `The export failed: ${result.error.message}`, code: result.error.code });
    return;
  }
  if (result.value.saved) useNoticesStore.getState().push({ kind: 'info', message: `Exported ${rows.length.toLocaleString()} technical user${rows.length === 1 ? '' : 's'} to ${result.value.path}` });
}

/** Export of what is shown (every filtered row, the visible columns for CSV). */
export function ExportMenu(props: { rows: readonly InventoryRow[]; columns: readonly InventoryColumn[]; names: InventoryNames; what: string; label?: string; small?: boolean; unavailable?: string | null }) {
  return (
    <Popover label={props.label ?? 'Export'} title="Export" align="end" disabled={props.rows.length === 0 || Boolean(props.unavailable)} {...(props.unavailable ? { disabledWhy: props.unavailable } : {})} {...(props.small ? { buttonClassName: 'button button-small' } : {})}>
      {(close) => (
        <div className="menu-panel">
          <p className="muted">
            {props.rows.length.toLocaleString()} technical user{props.rows.length === 1 ? '' : 's'}
          </p>
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              close();
              void exportRows(props.rows, 'csv', props.columns, props.names, props.what);
            }}
          >
            CSV (the visible columns)
          </button>
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              close();
              void exportRows(props.rows, 'json', props.columns, props.names, props.what);
            }}
          >
            JSON (every field)
          </button>
        </div>
      )}
    </Popover>
  );
}
