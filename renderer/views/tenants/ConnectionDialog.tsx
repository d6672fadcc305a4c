import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { checkTenantAddress } from '../../../shared/connectionAddress.ts';
import { connectionColors, type ConnectionTestReport, type ConnectionView } from '../../../shared/connections.ts';
import { bridge } from '../../bridge.ts';
import { Dialog } from '../../shell/Dialog.tsx';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { TestReportView } from './TestReportView.tsx';
import { ErrorExplanation } from '../../shell/ErrorExplanation.tsx';
import { unreachableCodes } from '../../../shared/tenantErrorCodes.ts';

interface FormState {
  displayName: string;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  caCertificate: string;
  color: string;
}


/** A colour no connection uses yet, so tenants are told apart at a glance. */
function nextColor(used: readonly string[]): string {
  return connectionColors.find((c) => !used.includes(c)) ?? connectionColors[used.length % connectionColors.length]!;
}

/** Add a tenant connection, or edit one (an empty secret keeps the stored one). */
export function ConnectionDialog(props: { existing?: ConnectionView; onClose: () => void }) {
  const { existing } = props;
  const ids = useId();
  const [form, setForm] = useState<FormState>({
    displayName: existing?.displayName ?? '',
    baseUrl: existing?.baseUrl ?? '',
    clientId: existing?.clientId ?? '',
    clientSecret: '',
    caCertificate: '',
    color: existing?.color ?? nextColor(useConnectionsStore.getState().connections.map((c) => c.color)),
  });
  const [showCa, setShowCa] = useState(existing?.hasCustomCa ?? false);
  const [report, setReport] = useState<ConnectionTestReport | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [saveUnreachable, setSaveUnreachable] = useState(false);
  const [touched, setTouched] = useState(false);

  const address = useMemo(() => (form.baseUrl.trim() ? checkTenantAddress(form.baseUrl) : null), [form.baseUrl]);
  const problems = {
    displayName: form.displayName.trim() ? null : 'Give the connection a name.',
    baseUrl: !form.baseUrl.trim() ? 'Enter the tenant\'s address.' : address && !address.ok ? address.message : null,
    clientId: form.clientId.trim() ? null : 'Enter the admin client id.',
    clientSecret: existing || form.clientSecret ? null : 'Enter the client secret.',
    caCertificate: showCa && form.caCertificate && !/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(form.caCertificate) ? 'Paste a PEM certificate (-----BEGIN CERTIFICATE----- …).' : null,
  };
  const valid = Object.values(problems).every((p) => p === null);
  const set = (key: keyof FormState) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setReport(null);
    setError(null);
  };
  // An empty CA field keeps the stored certificate while editing; unchecking "custom CA" removes it.
  const caValue = (): string | null | undefined => (showCa ? (form.caCertificate.trim() ? form.caCertificate.trim() : existing?.hasCustomCa ? undefined : null) : null);

  const runTest = async () => {
    setTouched(true);
    if (!valid) return;
    setBusy('test');
    setError(null);
    const ca = caValue();
    const result = await bridge().connections.test({
      draft: {
        ...(existing ? { id: existing.id } : {}),
        baseUrl: form.baseUrl.trim(),
        clientId: form.clientId.trim(),
        ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
        ...(ca !== undefined ? { caCertificate: ca } : {}),
      },
    });
    setBusy(null);
    if (result.ok) setReport(result.value);
    else setError(result.error);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!valid) return;
    setBusy('save');
    setError(null);
    const ca = caValue();
    const result = existing
      ? await bridge().connections.update({
          id: existing.id,
          displayName: form.displayName,
          baseUrl: form.baseUrl.trim(),
          clientId: form.clientId.trim(),
          color: form.color,
          ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
          ...(ca !== undefined ? { caCertificate: ca } : {}),
        })
      : await bridge().connections.add({
          displayName: form.displayName,
          baseUrl: form.baseUrl.trim(),
          clientId: form.clientId.trim(),
          clientSecret: form.clientSecret,
          color: form.color,
          ...(ca ? { caCertificate: ca } : {}),
          ...(saveUnreachable ? { saveUnreachable: true } : {}),
        });
    setBusy(null);
    if (result.ok) {
      useNoticesStore.getState().push({ kind: 'info', message: existing ? `Saved ${result.value.displayName}.` : `${result.value.displayName} is connected.` });
      props.onClose();
      return;
    }
    setError(result.error);
    const details = (result.error as { details?: { report?: ConnectionTestReport } }).details;
    if (details?.report) setReport(details.report);
  };

  const loadCaFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 64 * 1024) {
      setError({ code: 'ca_too_large', message: 'That file is too large to be a CA certificate.' });
      return;
    }
    set('caCertificate')(await file.text());
  };

  const show = (key: keyof typeof problems) => (touched ? problems[key] : null);
  const canSaveUnreachable = !existing && error !== null && unreachableCodes.has(error.code);

  return (
    <Dialog
      title={existing ? `Edit ${existing.displayName}` : 'Connect a tenant'}
      onClose={props.onClose}
      busy={busy !== null}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={() => void runTest()} disabled={busy !== null}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <span className="spacer" />
          <button type="button" className="button" onClick={props.onClose} disabled={busy !== null}>
            Cancel
          </button>
          <button type="submit" form={`${ids}-form`} className="button button-primary" disabled={busy !== null}>
            {busy === 'save' ? 'Connecting…' : existing ? 'Save changes' : 'Add tenant'}
          </button>
        </>
      }
    >
      <form id={`${ids}-form`} className="form" onSubmit={(e) => void save(e)} noValidate>
        <Field id={`${ids}-name`} label="Display name" error={show('displayName')}>
          <input id={`${ids}-name`} value={form.displayName} onChange={(e) => set('displayName')(e.target.value)} placeholder="Acme production" data-autofocus maxLength={80} />
        </Field>
        <Field
          id={`${ids}-url`}
          label="Base URL"
          error={show('baseUrl')}
          hint={address?.ok && !address.encrypted ? 'Not encrypted: plain HTTP is allowed for a tenant on this computer only.' : 'The tenant\'s address, e.g. https://tenant.example.com'}
          warning={address?.ok === true && !address.encrypted}
        >
          <input id={`${ids}-url`} value={form.baseUrl} onChange={(e) => set('baseUrl')(e.target.value)} placeholder="https://tenant.example.com" inputMode="url" spellCheck={false} autoComplete="off" />
        </Field>
        <div className="form-row">
          <Field id={`${ids}-client`} label="Client ID" error={show('clientId')}>
            <input id={`${ids}-client`} value={form.clientId} onChange={(e) => set('clientId')(e.target.value)} spellCheck={false} autoComplete="off" />
          </Field>
          <Field id={`${ids}-secret`} label="Client secret" error={show('clientSecret')} hint={existing ? 'Leave empty to keep the secret stored in your keychain.' : 'Stored in your OS keychain only.'}>
            <input id={`${ids}-secret`} type="password" value={form.clientSecret} onChange={(e) => set('clientSecret')(e.target.value)} autoComplete="new-password" spellCheck={false} placeholder={existing ? '••••••••' : ''} />
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={showCa} onChange={(e) => { setShowCa(e.target.checked); setReport(null); }} />
          <span>The tenant uses a certificate from its own CA (self-signed)</span>
        </label>
        {showCa ? (
          <Field id={`${ids}-ca`} label="CA certificate (PEM)" error={show('caCertificate')} hint={existing?.hasCustomCa ? 'A CA certificate is stored; paste another to replace it.' : undefined}>
            <textarea id={`${ids}-ca`} rows={4} value={form.caCertificate} onChange={(e) => set('caCertificate')(e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" spellCheck={false} />
            <label className="file-button">
              <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" onChange={(e) => void loadCaFile(e.target.files?.[0])} />
              Load from file…
            </label>
          </Field>
        ) : null}
        <fieldset className="swatches">
          <legend>Colour label</legend>
          {connectionColors.map((color) => (
            <label key={color} className="swatch" style={{ backgroundColor: color }} title={color}>
              <input type="radio" name={`${ids}-color`} value={color} checked={form.color === color} onChange={() => set('color')(color)} aria-label={`Colour ${color}`} />
            </label>
          ))}
        </fieldset>
        {error ? (
          <div className="alert alert-error" role="alert">
            <ErrorExplanation code={error.code} message={error.message} />
          </div>
        ) : null}
        {canSaveUnreachable ? (
          <label className="checkbox">
            <input type="checkbox" checked={saveUnreachable} onChange={(e) => setSaveUnreachable(e.target.checked)} />
            <span>Save it anyway; Tessera connects when the tenant is reachable</span>
          </label>
        ) : null}
        {report ? <TestReportView report={report} /> : null}
      </form>
    </Dialog>
  );
}

function Field(props: { id: string; label: string; error?: string | null | undefined; hint?: string | undefined; warning?: boolean; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      ) : props.hint ? (
        <p className={props.warning ? 'field-hint field-warning' : 'field-hint'}>{props.hint}</p>
      ) : null}
    </div>
  );
}
