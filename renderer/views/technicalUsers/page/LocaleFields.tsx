import { useMemo } from 'react';
import { isTimeZone } from '../../../../shared/api/common.ts';
import { languageName } from '../../../../shared/console/fieldLabels.ts';

const commonLanguages = ['en', 'en-GB', 'de', 'de-AT', 'fr', 'es', 'it', 'nl', 'pt', 'pt-BR', 'pl', 'cs', 'sk', 'sv', 'da', 'fi', 'nb', 'ru', 'uk', 'tr', 'ja', 'zh', 'ko'];


/** The language the tenant answers this user's integration in (BCP 47). */
export function LanguageField(props: { value: string; onChange: (value: string) => void; error?: string }) {
  const options = useMemo(() => (commonLanguages.includes(props.value) || !props.value ? commonLanguages : [props.value, ...commonLanguages]), [props.value]);
  return (
    <div className="field">
      <label htmlFor="user-language">Language</label>
      <select id="user-language" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {options.map((tag) => (
          <option key={tag} value={tag}>
            {languageName(tag)} ({tag})
          </option>
        ))}
      </select>
      {props.error ? <p className="field-error">{props.error}</p> : null}
    </div>
  );
}

const allTimeZones: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** An IANA time zone, searchable: type part of a name ("Prague", "New_York") and pick it. */
export function TimeZoneField(props: { value: string; onChange: (value: string) => void }) {
  const valid = isTimeZone(props.value);
  return (
    <div className="field">
      <label htmlFor="user-time-zone">Time zone</label>
      <input id="user-time-zone" list="time-zones" value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-invalid={!valid || undefined} aria-describedby="user-time-zone-hint" autoComplete="off" spellCheck={false} />
      <datalist id="time-zones">
        {allTimeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <p id="user-time-zone-hint" className={valid ? 'field-hint' : 'field-error'}>
        {valid ? 'Dates in answers to this user’s integration use this time zone.' : `"${props.value}" is not an IANA time zone. Type part of a city, such as Prague, and choose from the list.`}
      </p>
    </div>
  );
}
