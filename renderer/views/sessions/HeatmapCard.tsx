import { useCallback, useMemo, useState } from 'react';
import { heatmapOf, type HeatmapMetric, type SessionDayLike } from '../../../shared/console/sessionFacts.ts';
import { EChart, type ChartPalette } from '../../charts/EChart.tsx';
import { openSessionUser, type UserLabel } from './openSessionUser.ts';
import { shortDate } from './sessionFormat.ts';

/** Rows on screen at once; the slider on the right moves through the rest. */
const visibleRows = 20;

const metricLabels: Record<HeatmapMetric, string> = { requests: 'Requests', sessions: 'Sessions', failures: 'Failures' };

/**
 * Technical users × days: every user with activity in the window, busiest
 * first. Drawing time is marked (`tessera:dashboard.heatmap`) for the
 * benchmark.
 */
export function HeatmapCard(props: { days: readonly SessionDayLike[]; dates: readonly string[]; label: UserLabel }) {
  const { days, dates, label } = props;
  const [metric, setMetric] = useState<HeatmapMetric>('requests');
  const map = useMemo(() => heatmapOf(days, dates, metric), [days, dates, metric]);
  const names = useMemo(() => map.users.map((key) => {
    const user = label(key);
    return user.oneTenant ? user.name : `${user.name} · ${user.tenantName}`;
  }), [map, label]);

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
      // The slider only when there are more users than rows on screen (else it is a bar that scrolls nothing).
      dataZoom: [
        ...(names.length > visibleRows ? [{ type: 'slider', yAxisIndex: 0, right: 8, width: 16, startValue: 0, endValue: visibleRows - 1, filterMode: 'filter', showDetail: false, brushSelect: false }] : []),
        { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: Math.min(visibleRows, names.length) - 1, filterMode: 'filter', zoomOnMouseWheel: false, moveOnMouseWheel: true },
      ],
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
      series: [{ name: metricLabels[metric], type: 'heatmap', data: map.cells, progressive: 5000, emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } } }],
    }),
    [map, names, dates, metric],
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
          <EChart
            option={option}
            label={`${metricLabels[metric]} per technical user and day, last ${dates.length} days`}
            exportName={`Heatmap ${metricLabels[metric].toLowerCase()}`}
            height={Math.min(visibleRows, map.users.length) * 22 + 96}
            testId="sessions-heatmap"
            onItemClick={(click) => {
              const [x, y] = (click.value as [number, number, number] | undefined) ?? [];
              if (y !== undefined && map.users[y]) openSessionUser(map.users[y], x !== undefined ? dates[x] : undefined);
            }}
            onRendered={(ms) => performance.mark('tessera:dashboard.heatmap', { detail: { renderMs: ms, users: map.users.length, cells: map.cells.length } })}
          />
        </>
      )}
    </section>
  );
}
