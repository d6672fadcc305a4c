import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ConnectionView } from '../../../shared/connections.ts';
import { expiryCalendar } from '../../../shared/console/tokenFacts.ts';
import type { LocalToken } from '../../db/pages/pulledTypes.ts';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { openTokenOwner } from './openTokenOwner.ts';
import { dateInputValue, formatDateTime } from './tokenFormat.ts';

const dayMs = 86_400_000;
const horizonDays = 90;
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The next 90 days as weeks: how many working tokens expire on each day
 * across all tenants; choosing a day lists them (each opens its user).
 */
export function ExpiryCalendar(props: { tokens: readonly LocalToken[]; now: number; ownerName: (t: LocalToken) => string; connections: ReadonlyMap<string, ConnectionView> }) {
  const { now } = props;
  const days = useMemo(() => expiryCalendar(props.tokens, now, horizonDays), [props.tokens, now]);
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d.tokens])), [days]);
  const [chosen, setChosen] = useState<string | null>(null);
  const total = days.reduce((n, d) => n + d.tokens.length, 0);
  const max = Math.max(1, ...days.map((d) => d.tokens.length));

  // Whole weeks from the Monday of this week to the one after the horizon.
  const cells = useMemo(() => {
    const today = new Date(now);
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
    const out: Array<{ date: string; inRange: boolean; label: string; today: boolean }> = [];
    const todayValue = dateInputValue(now);
    const end = now + horizonDays * dayMs;
    for (let d = new Date(start); out.length < 7 || d.getTime() <= end || out.length % 7 !== 0; d.setDate(d.getDate() + 1)) {
      const ms = d.getTime();
      out.push({ date: dateInputValue(ms), inRange: ms + dayMs > now && ms <= end, label: d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' }), today: dateInputValue(ms) === todayValue });
    }
    return out;
  }, [now]);

  // One Tab stop for the whole calendar (the chosen day, else today): arrow keys move between days,
  // Home/End to the week's ends, Page Up/Down by four weeks — as in a date picker.
  const grid = useRef<HTMLDivElement>(null);
  const firstInRange = cells.findIndex((c) => c.inRange);
  const lastInRange = cells.findLastIndex((c) => c.inRange);
  const [focusDate, setFocusDate] = useState<string | null>(null);
  const stopIndex = (() => {
    for (const date of [focusDate, chosen]) {
      const at = date ? cells.findIndex((c) => c.date === date && c.inRange) : -1;
      if (at >= 0) return at;
    }
    const today = cells.findIndex((c) => c.today && c.inRange);
    return today >= 0 ? today : firstInRange;
  })();
  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = stopIndex;
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, PageUp: -28, PageDown: 28, Home: -(at % 7), End: 6 - (at % 7) };
    const move = moves[event.key];
    if (move === undefined || at < 0) return;
    event.preventDefault();
    const next = Math.max(firstInRange, Math.min(lastInRange, at + move));
    const cell = cells[next]!;
    setFocusDate(cell.date);
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${cell.date}"]`)?.focus();
  };

  const listed = chosen ? days.filter((d) => d.date === chosen) : days;
  return (
    <div className="expiry-calendar">
      <p className="muted" role="status">
        {total === 0 ? 'No working token expires in the next 90 days.' : `${total} working token${total === 1 ? '' : 's'} expire in the next 90 days, on ${days.length} day${days.length === 1 ? '' : 's'}.`}
      </p>
      <div className="expiry-calendar-body">
      <div className="calendar-grid" role="group" aria-label="Token expiries, next 90 days" aria-describedby="calendar-keys" ref={grid} onKeyDown={onGridKey}>
        <span id="calendar-keys" className="visually-hidden">
          Arrow keys move between days; Enter or Space lists a day’s tokens.
        </span>
        <div className="calendar-row" aria-hidden="true">
          {weekdays.map((w) => (
            <span key={w} className="calendar-weekday">
              {w}
            </span>
          ))}
        </div>
        {Array.from({ length: cells.length / 7 }, (_, week) => (
          <div className="calendar-row" key={week}>
            {cells.slice(week * 7, week * 7 + 7).map((cell, day) => {
              const count = byDate.get(cell.date)?.length ?? 0;
              const level = count === 0 ? 0 : Math.ceil((count / max) * 4);
              return (
                <button
                  key={cell.date}
                  type="button"
                  className={`calendar-day level-${level}${cell.inRange ? '' : ' out-of-range'}${chosen === cell.date ? ' chosen' : ''}${cell.today ? ' today' : ''}`}
                  disabled={!cell.inRange}
                  data-date={cell.date}
                  tabIndex={week * 7 + day === stopIndex ? 0 : -1}
                  onFocus={() => setFocusDate(cell.date)}
                  aria-pressed={chosen === cell.date}
                  aria-label={`${cell.label}${cell.today ? ' (today)' : ''}: ${count === 0 ? 'no tokens expire' : `${count} token${count === 1 ? '' : 's'} expire`}`}
                  onClick={() => setChosen(chosen === cell.date ? null : cell.date)}
                >
                  <span className="calendar-date">{cell.label}</span>
                  {count > 0 ? <span className="calendar-count">{count}</span> : null}
                </button>
              );
            })}
          </div>
        ))}
      </div>
      <div className="calendar-agenda" aria-label="Expiring tokens by day">
        {chosen ? (
          <button type="button" className="button button-small" onClick={() => setChosen(null)}>
            Show all days
          </button>
        ) : null}
        {listed.length === 0 ? <p className="muted">{chosen ? 'No working token expires on this day.' : 'Nothing expires in the next 90 days.'}</p> : null}
        {listed.map((day) => (
          <section key={day.date} aria-labelledby={`agenda-${day.date}`}>
            <h3 id={`agenda-${day.date}`} className="agenda-date">
              {new Date(day.tokens[0]!.expiresAt).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}
            </h3>
            <ul className="agenda-list">
              {day.tokens.map((t) => {
                const connection = props.connections.get(t.tenantId);
                return (
                  <li key={t.key}>
                    <button type="button" className="link-button" onClick={() => openTokenOwner(t)}>
                      {props.ownerName(t)}
                    </button>
                    {connection ? <TenantBadge connection={connection} /> : null}
                    <span>{t.label || '(no label)'}</span>
                    <code>{t.prefix}…</code>
                    <span className="muted">{formatDateTime(t.expiresAt)}</span>
                    <span className="muted">last used {formatDateTime(t.lastUsedAt)}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      </div>
    </div>
  );
}
