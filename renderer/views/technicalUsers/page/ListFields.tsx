import { useState } from 'react';
import type { DataField } from '../../../../shared/api/technicalUsers.ts';

/** A list of short labels (custom roles, access-control entities, subscriptions): type and press Enter to add. */
export function ChipsInput(props: { id: string; label: string; hint?: string; values: readonly string[]; onChange: (values: string[]) => void; max?: number }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const value = draft.trim();
    if (!value) return;
    if (!props.values.some((v) => v.toLocaleLowerCase() === value.toLocaleLowerCase())) props.onChange([...props.values, value]);
    setDraft('');
  };
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="chips-input">
        <ul className="chip-list" aria-label={props.label}>
          {props.values.map((value) => (
            <li key={value} className="chip">
              {value}
              <button type="button" className="chip-remove" aria-label={`Remove ${value}`} onClick={() => props.onChange(props.values.filter((v) => v !== value))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={props.id}
          value={draft}
          maxLength={128}
          placeholder={props.values.length >= (props.max ?? 100) ? 'The list is full' : 'Type and press Enter'}
          disabled={props.values.length >= (props.max ?? 100)}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && !draft && props.values.length > 0) {
              props.onChange(props.values.slice(0, -1));
            }
          }}
          onBlur={add}
        />
      </div>
      {props.hint ? <p className="field-hint">{props.hint}</p> : null}
    </div>
  );
}

/** Ordered key/value pairs: add, edit, move up or down, remove. */
export function DataFieldsEditor(props: { values: readonly DataField[]; onChange: (values: DataField[]) => void; errors: ReadonlyMap<number, string> }) {
  const { values, onChange } = props;
  const update = (index: number, patch: Partial<DataField>) => onChange(values.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...values];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  return (
    <fieldset className="data-fields">
      <legend>Data fields</legend>
      <p className="field-hint">Key/value pairs the integration needs (an external system id, a cost centre…). Search finds users by their values. Order is kept.</p>
      {values.length === 0 ? <p className="muted">No data fields.</p> : null}
      <ol className="data-field-list" aria-label="Data fields">
        {values.map((field, index) => (
          <li key={index} className="data-field-row" aria-label={`Data field ${index + 1}`}>
            <input aria-label={`Key ${index + 1}`} placeholder="Key" value={field.key} maxLength={64} onChange={(e) => update(index, { key: e.target.value })} aria-invalid={props.errors.has(index) || undefined} />
            <input aria-label={`Value ${index + 1}`} placeholder="Value" value={field.value} maxLength={1000} onChange={(e) => update(index, { value: e.target.value })} />
            <button type="button" className="icon-button" aria-label={`Move data field ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>
              ↑
            </button>
            <button type="button" className="icon-button" aria-label={`Move data field ${index + 1} down`} disabled={index === values.length - 1} onClick={() => move(index, 1)}>
              ↓
            </button>
            <button type="button" className="icon-button" aria-label={`Remove data field ${index + 1}`} onClick={() => onChange(values.filter((_, i) => i !== index))}>
              ×
            </button>
            {props.errors.has(index) ? (
              <p className="field-error data-field-error" role="alert">
                {props.errors.get(index)}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <button type="button" className="button button-small" disabled={values.length >= 50} onClick={() => onChange([...values, { key: '', value: '' }])}>
        Add data field
      </button>
    </fieldset>
  );
}
