import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cachedHeatmapOf, heatmapWindow, type HeatmapMetric, type SessionDayLike } from '../../../shared/console/sessionFacts.ts';
import { EChart, type ChartPalette } from '../../charts/EChart.tsx';
import { openSessionUser, type UserLabel } from './openSessionUser.ts';
import { shortDate } from './sessionFormat.ts';

/** Rows on screen at once; the slider on the right moves through the rest. */
const visibleRows = 20;

const metricLabels: Record<HeatmapMetric, string> = { requests: 'Requests', sessions: 'Sessions', failures: 'Failures' };

/** Rows one wheel step moves. */
const wheelRows = 3;

/**
 * Technical users × days: every user with activity in the window, busiest
 * first, 20 rows at a time. ECharts gets only the rows on screen (a few
 * hundred cells, not 125,000 at 50,000 users); the slider beside the chart
 * is a range input (arrow keys, Page Up/Down, Home/End), and the wheel over
 * the chart moves it too. Drawing time is marked (`tessera:dashboard.heatmap`)
 * for the benchmark.
 */
export function HeatmapCard(props: { days: readonly SessionDayLike[]; dates: readonly string[]; label: UserLabel; /** Once it is on screen (drawn, or empty). */ onDrawn?: () => void }) {
  const { days, dates, label, onDrawn } = props;
  const [metric, setMetric] = useState<HeatmapMetric>('requests');
  const map = useMemo(() => cachedHeatmapOf(days, dates, metric), [days, dates, metric]);
  const [first, setFirst] = useState(0);
  // Another metric or other days re-rank the rows: back to the busiest.
  const [rankedFor, setRankedFor] = useState(map);
  if (rankedFor !== map) {
    setRankedFor(map);
    setFirst(0);
  }
  const shown = useMemo(() => heatmapWindow(map, first, visibleRows), [map, first]);
  const lastFirst = Math.max(0, map.users.length - visibleRows);
  const names = useMemo(() => shown.users.map((key) => {
    const user = label(key);
    return user.oneTenant ? user.name : `${user.name} · ${user.tenantName}`;
  }), [shown, label]);
  const empty = map.users.length === 0;
  useEffect(() => {
    if (empty) onDrawn?.();
  }, [empty, onDrawn]);
  // The wheel over the chart scrolls its rows (not the page, while there are rows to go).
  const area = useRef<HTMLDivElement>(null);
  const firstRef = useRef(shown.first);
  useEffect(() => {
    firstRef.current = shown.first;
  }, [shown.first]);
  useEffect(() => {
    const element = area.current;
    if (!element || lastFirst === 0) return;
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0) return;
      const next = Math.max(0, Math.min(lastFirst, firstRef.current + Math.sign(event.deltaY) * wheelRows));
      if (next === firstRef.current) return;
      event.preventDefault();
      setFirst(next);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [lastFirst]);

  const option = useCallback(
    (p: ChartPalette) => ({
      grid: { left: 220, right: 56, top: 16, bottom: 64 },
      tooltip: {
        position: 'top',
        formatter: (params: { value: [number, number, number] }) => {
          const [x, y, v] = params.value;
          return `${names[y] ?? ''}\n${dates[x]}: ${v} ${metricLabels[metric].toLowerCase()}`;
        },
      },
      xAxis: { type: 'category', data: dates.map(shortDate), axisLabel: { interval: Math.ceil(dates.length / 10) - 1 } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 200, overflow: 'truncate' } },
      // The colour scale of every user in the window, so colours do not change as the rows move.
      visualMap: {
        min: 0,
        max: Math.max(1, map.max),
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        text: [`more ${metricLabels[metric].toLowerCase()}`, 'fewer'],
        inRange: { color: [p.surface, metric === 'failures' ? p.danger : p.accent] },
      },
      series: [{ name: metricLabels[metric], type: 'heatmap', data: shown.cells, animation: false, emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } } }],
    }),
    [map, shown, names, dates, metric],
  );

  return (
    <section className="card" aria-labelledby="heatmap-title">
      <div className="card-header">
        <h2 id="heatmap-title" className="card-title">
          Activity by technical user and day
        </h2>
        <span className="spacer" />
        <label className="field-inline">
          Show
          <select aria-label="Heatmap metric" value={metric} onChange={(e) => setMetric(e.target.value as HeatmapMetric)}>
            {(Object.keys(metricLabels) as HeatmapMetric[]).map((m) => (
              <option key={m} value={m}>
                {metricLabels[m]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {map.users.length === 0 ? (
        <p className="empty-inline muted">No {metricLabels[metric].toLowerCase()} in the last {dates.length} days on these tenants.</p>
      ) : (
        <>
          <p className="field-hint">
            {map.users.length} technical user{map.users.length === 1 ? '' : 's'} with {metricLabels[metric].toLowerCase()} in the last {dates.length} days, busiest first
            {map.users.length > visibleRows ? ` — ${visibleRows} at a time; scroll or drag the slider for the rest` : ''}.
          </p>
          <div className="heatmap-area" ref={area}>
          <EChart
            option={option}
            label={`${metricLabels[metric]} per technical user and day, last ${dates.length} days`}
            exportName={`Heatmap ${metricLabels[metric].toLowerCase()}`}
            height={Math.min(visibleRows, map.users.length) * 22 + 96}
            testId="sessions-heatmap"
            onItemClick={(click) => {
              const [x, y] = (click.value as [number, number, number] | undefined) ?? [];
              const key = y !== undefined ? shown.users[y] : undefined;
              if (key) openSessionUser(key, x !== undefined ? dates[x] : undefined);
            }}
            onRendered={(ms) => {
              // A few marks for the benchmark, not one per slider step for as long as the window is open.
              if (performance.getEntriesByName('tessera:dashboard.heatmap').length < 10) performance.mark('tessera:dashboard.heatmap', { detail: { renderMs: ms, users: map.users.length, cells: map.cells.length, drawnCells: shown.cells.length } });
              onDrawn?.();
            }}
          />
          {lastFirst > 0 ? (
            <input
              type="range"
              className="heatmap-rows"
              aria-label="Heatmap rows shown"
              aria-valuetext={`Users ${(shown.first + 1).toLocaleString()}–${(shown.first + shown.users.length).toLocaleString()} of ${map.users.length.toLocaleString()}`}
              min={0}
              max={lastFirst}
              step={1}
              value={shown.first}
              style={{ height: Math.min(visibleRows, map.users.length) * 22 + 16 }}
              onChange={(e) => setFirst(Number(e.target.value))}
            />
          ) : null}
          </div>
        </>
      )}
    </section>
  );
}
