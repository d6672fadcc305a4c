import type { ReactNode } from 'react';
import { permissionRoles, technicalUserKinds } from '../../../../shared/api/technicalUsers.ts';
import type { ConnectionView } from '../../../../shared/connections.ts';
import { emptyInventoryFilter, type InventoryFilter } from '../../../../shared/console/inventoryFilter.ts';
import { useInventoryStore } from '../../../state/inventoryStore.ts';

import { kindLabels, permissionLabels } from '../../../../shared/console/fieldLabels.ts';


function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function Group(props: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="filter-group">
      <legend>{props.legend}</legend>
      {props.children}
    </fieldset>
  );
}

/** Days as a number input that may be empty (no filter). */
function DaysFilter(props: { label: string; value: number | null; suggestion: number; onChange: (value: number | null) => void; min: number }) {
  const id = `days-${props.label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="filter-days">
      <label className="checkbox">
        <input type="checkbox" checked={props.value !== null} onChange={(e) => props.onChange(e.target.checked ? props.suggestion : null)} />
        <span>{props.label}</span>
      </label>
      <input
        id={id}
        type="number"
        min={props.min}
        max={3650}
        aria-label={`${props.label}: days`}
        value={props.value ?? ''}
        placeholder={String(props.suggestion)}
        onChange={(e) => {
          const n = Number.parseInt(e.target.value, 10);
          props.onChange(Number.isFinite(n) ? Math.min(3650, Math.max(props.min, n)) : null);
        }}
      />
      <span className="muted">days</span>
    </div>
  );
}

/** Every inventory filter but the search text, as a panel. */
export function InventoryFilters(props: { connections: readonly ConnectionView[]; categories: readonly string[]; roleNames: readonly string[] }) {
  const filter = useInventoryStore((s) => s.filter);
  const setFilter = useInventoryStore((s) => s.setFilter);
  const set = (patch: Partial<InventoryFilter>) => setFilter(patch);
  return (
    <div className="filter-panel">
      <Group legend="Tenant">
        {props.connections.map((c) => (
          <label key={c.id} className="checkbox">
            <input type="checkbox" checked={filter.tenantIds.includes(c.id)} onChange={() => set({ tenantIds: toggle(filter.tenantIds, c.id) })} />
            <span className="tenant-dot" style={{ backgroundColor: c.color }} aria-hidden="true" />
            <span>{c.displayName}</span>
          </label>
        ))}
      </Group>
      <Group legend="Kind">
        {technicalUserKinds.map((k) => (
          <label key={k} className="checkbox">
            <input type="checkbox" checked={filter.kinds.includes(k)} onChange={() => set({ kinds: toggle(filter.kinds, k) })} />
            <span>{kindLabels[k]}</span>
          </label>
        ))}
      </Group>
      <Group legend="Status">
        <div className="segmented" role="radiogroup" aria-label="Active">
          {(['any', 'active', 'inactive'] as const).map((value) => (
            <label key={value} className="segment" data-checked={filter.active === value || undefined}>
              <input type="radio" name="inventory-active" checked={filter.active === value} onChange={() => set({ active: value })} />
              <span>{value === 'any' ? 'Any' : value === 'active' ? 'Active' : 'Inactive'}</span>
            </label>
          ))}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={filter.pendingOnly} onChange={(e) => set({ pendingOnly: e.target.checked })} />
          <span>Pending sync</span>
        </label>
      </Group>
      <Group legend="Permission role">
        {permissionRoles.map((p) => (
          <label key={p} className="checkbox">
            <input type="checkbox" checked={filter.permissionRoles.includes(p)} onChange={() => set({ permissionRoles: toggle(filter.permissionRoles, p) })} />
            <span>{permissionLabels[p]}</span>
          </label>
        ))}
      </Group>
      <Group legend="Roles">
        <label className="field-inline">
          <span>Role</span>
          <select value={filter.roleName ?? ''} onChange={(e) => set({ roleName: e.target.value || null, ...(e.target.value ? { noRoles: false } : {}) })} aria-label="Role">
            <option value="">Any role</option>
            {props.roleNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={filter.noRoles} onChange={(e) => set({ noRoles: e.target.checked, ...(e.target.checked ? { roleName: null } : {}) })} />
          <span>No roles</span>
        </label>
      </Group>
      <Group legend="Category">
        {props.categories.length === 0 ? <span className="muted">No categories yet</span> : null}
        {props.categories.map((c) => (
          <label key={c} className="checkbox">
            <input type="checkbox" checked={filter.categories.includes(c)} onChange={() => set({ categories: toggle(filter.categories, c) })} />
            <span>{c}</span>
          </label>
        ))}
      </Group>
      <Group legend="Tokens and use">
        <DaysFilter label="Token expiring within" value={filter.tokenExpiringWithinDays} suggestion={30} min={0} onChange={(v) => set({ tokenExpiringWithinDays: v })} />
        <DaysFilter label="Unused for" value={filter.unusedForDays} suggestion={90} min={1} onChange={(v) => set({ unusedForDays: v })} />
      </Group>
      <div className="filter-actions">
        <button type="button" className="button button-small" onClick={() => useInventoryStore.getState().replaceFilter({ ...emptyInventoryFilter, text: filter.text })}>
          Clear filters
        </button>
      </div>
    </div>
  );
}

/** The filters in effect, as removable chips under the toolbar. */
export function ActiveFilterChips(props: { connections: readonly ConnectionView[] }) {
  const filter = useInventoryStore((s) => s.filter);
  const setFilter = useInventoryStore((s) => s.setFilter);
  const chips: Array<{ label: string; clear: Partial<InventoryFilter> }> = [];
  const tenantNames = new Map(props.connections.map((c) => [c.id, c.displayName]));
  if (filter.tenantIds.length > 0) chips.push({ label: `Tenant: ${filter.tenantIds.map((id) => tenantNames.get(id) ?? 'removed').join(', ')}`, clear: { tenantIds: [] } });
  if (filter.kinds.length > 0) chips.push({ label: `Kind: ${filter.kinds.map((k) => kindLabels[k]).join(', ')}`, clear: { kinds: [] } });
  if (filter.categories.length > 0) chips.push({ label: `Category: ${filter.categories.join(', ')}`, clear: { categories: [] } });
  if (filter.active !== 'any') chips.push({ label: filter.active === 'active' ? 'Active' : 'Inactive', clear: { active: 'any' } });
  if (filter.permissionRoles.length > 0) chips.push({ label: `Permission: ${filter.permissionRoles.map((p) => permissionLabels[p]).join(', ')}`, clear: { permissionRoles: [] } });
  if (filter.roleName) chips.push({ label: `Role: ${filter.roleName}`, clear: { roleName: null } });
  if (filter.noRoles) chips.push({ label: 'No roles', clear: { noRoles: false } });
  if (filter.tokenExpiringWithinDays !== null) chips.push({ label: `Token expiring within ${filter.tokenExpiringWithinDays} days`, clear: { tokenExpiringWithinDays: null } });
  if (filter.unusedForDays !== null) chips.push({ label: `Unused for ${filter.unusedForDays} days`, clear: { unusedForDays: null } });
  if (filter.pendingOnly) chips.push({ label: 'Pending sync', clear: { pendingOnly: false } });
  if (chips.length === 0) return null;
  return (
    <ul className="chip-list" aria-label="Filters in effect">
      {chips.map((chip) => (
        <li key={chip.label} className="chip">
          {chip.label}
          <button type="button" className="chip-remove" aria-label={`Remove filter ${chip.label}`} onClick={() => setFilter(chip.clear)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
