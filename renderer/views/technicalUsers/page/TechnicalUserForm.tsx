import { useMemo } from 'react';
import { permissionRoles, technicalUserKinds } from '../../../../shared/api/technicalUsers.ts';
import type { ConnectionView } from '../../../../shared/connections.ts';
import { notificationSummary } from '../../../../shared/console/notificationFacts.ts';
import { rootRoleExplanation, type PlanFacts } from '../../../../shared/rules/technicalUserRules.ts';
import type { InventoryIndex, RoleEntry } from '../../../inventory/inventoryIndex.ts';
import { useDemoMailStore } from '../../../state/demoMailStore.ts';
import { kindLabels, permissionLabels } from '../../../../shared/console/fieldLabels.ts';
import { ChipsInput, DataFieldsEditor } from './ListFields.tsx';
import { LanguageField, TimeZoneField } from './LocaleFields.tsx';
import type { UserDraft } from './userDraft.ts';

/** Roles in tree order with their depth, the root role left out (technical users cannot join it). */
export function roleTree(roles: readonly RoleEntry[], rootId: string | null): Array<{ role: RoleEntry; depth: number; path: string }> {
  const children = new Map<string | null, RoleEntry[]>();
  for (const role of roles) {
    const list = children.get(role.parentId) ?? [];
    list.push(role);
    children.set(role.parentId, list);
  }
  const out: Array<{ role: RoleEntry; depth: number; path: string }> = [];
  const visit = (parentId: string | null, depth: number, path: string) => {
    for (const role of (children.get(parentId) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      const here = role.id === rootId || role.parentId === null;
      if (!here) out.push({ role, depth, path: path ? `${path} › ${role.name}` : role.name });
      visit(role.id, here ? depth : depth + 1, here ? '' : path ? `${path} › ${role.name}` : role.name);
    }
  };
  visit(null, 0, '');
  // Roles whose parent is missing from the replica still show, at the top level.
  const shown = new Set(out.map((o) => o.role.key));
  for (const role of roles) if (!shown.has(role.key) && role.id !== rootId && role.parentId !== null) out.push({ role, depth: 0, path: role.name });
  return out;
}

export interface FormProps {
  mode: 'create' | 'edit';
  draft: UserDraft;
  onChange: (patch: Partial<UserDraft>) => void;
  errors: ReadonlyMap<string, string>;
  clashName: string | null;
  connections: readonly ConnectionView[];
  tenantId: string;
  onTenantChange?: (tenantId: string) => void;
  plansByTenant: ReadonlyMap<string, PlanFacts>;
  index: InventoryIndex;
  rootRoleId: string | null;
}

/** Every field of a technical user, grouped as the seeds' pages group them. */
export function TechnicalUserForm(props: FormProps) {
  const { draft, onChange, errors } = props;
  const tree = useMemo(() => roleTree(props.index.rolesOf(props.tenantId), props.rootRoleId), [props.index, props.tenantId, props.rootRoleId]);
  const dataFieldErrors = new Map([...errors].filter(([k]) => k.startsWith('dataFields.')).map(([k, v]) => [Number(k.split('.')[1]), v]));
  const connection = props.connections.find((c) => c.id === props.tenantId);
  const plan = props.plansByTenant.get(props.tenantId) ?? null;
  const planFull = props.mode === 'create' && plan !== null && plan.used >= plan.limit;
  const manyRoles = draft.roleIds.length >= 4;
  return (
    <div className="user-form">
      <section className="card form" aria-labelledby="identity-title">
        <h2 id="identity-title" className="card-title">
          Identity
        </h2>
        {props.mode === 'create' ? (
          <div className="field">
            <label htmlFor="user-tenant">Tenant</label>
            <select id="user-tenant" value={props.tenantId} onChange={(e) => props.onTenantChange?.(e.target.value)}>
              {props.connections.map((c) => {
                const p = props.plansByTenant.get(c.id);
                return (
                  <option key={c.id} value={c.id}>
                    {c.displayName}
                    {p ? ` — ${p.used} of ${p.limit} technical users` : ''}
                    {c.state !== 'connected' ? ' (offline — saved here, sent later)' : ''}
                  </option>
                );
              })}
            </select>
            {plan ? (
              <p className={planFull ? 'alert alert-error' : 'field-hint'} role={planFull ? 'alert' : undefined} data-testid="plan-usage">
                Plan: {plan.used} of {plan.limit} technical users
                {planFull ? ` — the ${connection?.tenant?.plan.name ?? ''} plan of ${connection?.displayName ?? 'this tenant'} is full, so a new technical user cannot be created. Delete one or raise the plan.` : ''}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="user-name">Name</label>
          <input id="user-name" value={draft.name} onChange={(e) => onChange({ name: e.target.value })} maxLength={64} autoFocus={props.mode === 'create'} aria-invalid={props.clashName || errors.has('name') ? true : undefined} aria-describedby="user-name-hint" />
          <p id="user-name-hint" className={props.clashName || errors.has('name') ? 'field-error' : 'field-hint'} role={props.clashName ? 'alert' : undefined}>
            {props.clashName ? `"${props.clashName}" already exists on this tenant (names ignore case).` : (errors.get('name') ?? 'Say which system or task it serves. One technical user per integration.')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="user-description">Description</label>
          <textarea id="user-description" rows={2} value={draft.description} onChange={(e) => onChange({ description: e.target.value })} maxLength={1000} />
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="user-kind">Kind</label>
            <select id="user-kind" value={draft.kind} onChange={(e) => onChange({ kind: e.target.value as UserDraft['kind'] })}>
              {technicalUserKinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="user-category">Category</label>
            <input id="user-category" value={draft.category} maxLength={64} onChange={(e) => onChange({ category: e.target.value })} placeholder="e.g. Programmatic user" list="user-categories" />
            <datalist id="user-categories">
              {['Programmatic user', 'System user', 'Integration', 'Service account'].map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </div>
        </div>
        <DataFieldsEditor values={draft.dataFields} onChange={(dataFields) => onChange({ dataFields })} errors={dataFieldErrors} />
      </section>

      <section className="card form" aria-labelledby="locale-title">
        <h2 id="locale-title" className="card-title">
          Language, time zone and notifications
        </h2>
        <div className="form-row">
          <LanguageField value={draft.language} onChange={(language) => onChange({ language })} {...(errors.has('language') ? { error: errors.get('language')! } : {})} />
          <TimeZoneField value={draft.timeZone} onChange={(timeZone) => onChange({ timeZone })} />
        </div>
        <div className="field">
          <label htmlFor="user-email">Notification e-mail</label>
          <input id="user-email" type="email" value={draft.notificationEmail} maxLength={254} onChange={(e) => onChange({ notificationEmail: e.target.value })} aria-invalid={errors.has('notificationEmail') || undefined} placeholder="Where notices about this integration go (optional)" />
          {errors.has('notificationEmail') ? <p className="field-error">{errors.get('notificationEmail')}</p> : null}
        </div>
        <ChipsInput id="user-subscriptions" label="Subscriptions" hint="Objects whose changes notify this user (e.g. invoices, accounts)." values={draft.subscriptions} onChange={(subscriptions) => onChange({ subscriptions })} />
        <NotificationLine draft={draft} connection={connection} />
      </section>

      <section className="card form" aria-labelledby="access-title">
        <h2 id="access-title" className="card-title">
          Access
        </h2>
        <label className="checkbox">
          <input type="checkbox" checked={draft.active} onChange={(e) => onChange({ active: e.target.checked })} />
          <span>Active — an inactive user’s tokens are refused but kept</span>
        </label>
        <fieldset className="field">
          <legend>Permission role</legend>
          <div className="segmented" role="radiogroup" aria-label="Permission role">
            {permissionRoles.map((p) => (
              <label key={p} className="segment" data-checked={draft.permissionRole === p || undefined}>
                <input type="radio" name="permission-role" checked={draft.permissionRole === p} onChange={() => onChange({ permissionRole: p })} />
                <span>{permissionLabels[p]}</span>
              </label>
            ))}
          </div>
          {draft.permissionRole === 'admin' ? (
            <p className="field-hint field-warning" role="note">
              Admin gives this integration’s tokens administrator rights on the tenant. One technical user per integration, least privilege: choose Member or Viewer unless the integration administers the tenant.
            </p>
          ) : null}
        </fieldset>
        <ChipsInput id="user-custom-roles" label="Custom roles" values={draft.customRoles} onChange={(customRoles) => onChange({ customRoles })} />
        <ChipsInput id="user-ace" label="Access-control entities" hint="Groups or entities whose records this user may see." values={draft.accessControlEntities} onChange={(accessControlEntities) => onChange({ accessControlEntities })} />
        <fieldset className="role-picker">
          <legend>Direct roles</legend>
          {tree.length === 0 ? <p className="field-hint">No child roles on this tenant{connection?.state !== 'connected' ? ' in the local copy' : ''} yet. Create one under Roles.</p> : null}
          <ul className="role-tree" aria-label="Roles to grant">
            {tree.map(({ role, depth, path }) => (
              <li key={role.key} style={{ paddingInlineStart: depth * 18 }}>
                <label className="checkbox" title={path}>
                  <input type="checkbox" checked={draft.roleIds.includes(role.id)} onChange={(e) => onChange({ roleIds: e.target.checked ? [...draft.roleIds, role.id] : draft.roleIds.filter((id) => id !== role.id) })} />
                  <span>{role.name}</span>
                </label>
              </li>
            ))}
          </ul>
          <p className="field-hint" data-testid="root-role-explanation">
            {rootRoleExplanation}
          </p>
          {manyRoles ? (
            <p className="field-hint field-warning" role="note">
              {draft.roleIds.length} roles: give each integration its own technical user with only the permissions it needs (one technical user per integration, least privilege).
            </p>
          ) : null}
        </fieldset>
      </section>
    </div>
  );
}

/** Where this user's notification e-mail goes and for what, as the form stands (and, on a demo tenant, where to read it). */
function NotificationLine(props: { draft: UserDraft; connection: ConnectionView | undefined }) {
  const summary = notificationSummary({ email: props.draft.notificationEmail, subscriptions: props.draft.subscriptions, active: props.draft.active, delivery: props.connection?.tenant?.notifications?.delivery });
  const showDemoMail = useDemoMailStore((s) => s.show);
  return (
    <p className="notification-summary field-hint" data-state={summary.state} id="user-notifications">
      <span>{summary.text}</span>
      {props.connection?.demo && summary.state === 'sends' ? (
        <button type="button" className="link-button" onClick={showDemoMail}>
          Open demo mail
        </button>
      ) : null}
    </p>
  );
}
