import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { bridge } from '../bridge.ts';
import { useNoticesStore } from '../state/noticesStore.ts';
import { resolveTheme, useUiStore } from '../state/uiStore.ts';

// Only what the dashboards draw, so the bundle carries no more of ECharts than that.
echarts.use([BarChart, HeatmapChart, LineChart, AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartClick = { readonly seriesIndex?: number; readonly dataIndex: number; readonly value?: unknown; readonly name?: string };

/** The app's palette, read from its CSS variables, so charts follow light and dark like everything else. */
export function chartPalette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { text: v('--text'), muted: v('--text-muted'), faint: v('--text-faint'), border: v('--border'), surface: v('--surface'), accent: v('--accent'), danger: v('--danger'), ok: v('--ok'), warn: v('--warn') };
}
export type ChartPalette = ReturnType<typeof chartPalette>;

function themeOf(p: ChartPalette): object {
  const axis = { axisLine: { lineStyle: { color: p.border } }, axisTick: { lineStyle: { color: p.border } }, axisLabel: { color: p.muted }, splitLine: { lineStyle: { color: p.border } } };
  return {
    backgroundColor: 'transparent',
    color: [p.accent, p.warn, p.danger, p.ok, p.muted],
    textStyle: { color: p.text, fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif' },
    legend: { textStyle: { color: p.text } },
    tooltip: { backgroundColor: p.surface, borderColor: p.border, textStyle: { color: p.text } },
    categoryAxis: axis,
    valueAxis: axis,
    visualMap: { textStyle: { color: p.muted } },
    dataZoom: { textStyle: { color: p.muted }, borderColor: p.border },
  };
}

/**
 * One ECharts chart: follows the theme, resizes with its box, reports
 * clicks (drill-down) and how long it took to draw, and exports itself as a
 * PNG through main's save dialog.
 */
export function EChart(props: {
  /** Builds the option from the palette (so colours follow the theme). */
  option: (palette: ChartPalette) => ChartOption;
  label: string;
  exportName: string;
  height: number;
  onItemClick?: (click: ChartClick) => void;
  /** Milliseconds from handing the option to ECharts to its first finished frame. */
  onRendered?: (ms: number) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ click: props.onItemClick, rendered: props.onRendered });
  const [exporting, setExporting] = useState(false);
  // Which option has finished drawing (animations included): tests and screenshots wait for it.
  const [drawn, setDrawn] = useState<{ option: unknown; theme: string } | null>(null);
  const theme = useUiStore((s) => resolveTheme(s.preferences.theme, s.systemTheme));
  const { option } = props;

  useEffect(() => {
    handlers.current = { click: props.onItemClick, rendered: props.onRendered };
  });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, themeOf(chartPalette()), { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => handlers.current.click?.(params as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const started = performance.now();
    instance.off('finished');
    instance.on('finished', () => {
      instance.off('finished');
      handlers.current.rendered?.(performance.now() - started);
      setDrawn({ option, theme });
    });
    const built = option(chartPalette()) as { tooltip?: object };
    // Tooltips drawn on the canvas: ECharts' HTML tooltips carry inline styles, which the app's CSP refuses.
    const tooltip = built.tooltip ? { tooltip: { ...built.tooltip, renderMode: 'richText' } } : {};
    instance.setOption({ ...built, ...tooltip, aria: { enabled: true, decal: { show: false } } }, { notMerge: true, lazyUpdate: false });
  }, [option, theme]);

  const exportPng = async () => {
    const instance = chart.current;
    if (!instance) return;
    setExporting(true);
    try {
      const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: chartPalette().surface });
      const result = await bridge().files.saveExport({ suggestedName: props.exportName, format: 'png', content: url.slice(url.indexOf(',') + 1) });
      if (!result.ok) useNoticesStore.getState().push({ kind: 'error', code: result.error.code, message: `The chart was not saved: ${result.error.message}` });
      else if (result.value.saved) useNoticesStore.getState().push({ kind: 'info', message: `Saved the chart to ${result.value.path}.` });
    } finally {
      setExporting(false);
    }
  };

  return (
    <figure className="chart" aria-label={props.label} data-testid={props.testId} data-drawn={drawn?.option === option && drawn.theme === theme ? 'true' : 'false'}>
      <div className="chart-actions">
        <button type="button" className="button button-small" onClick={() => void exportPng()} disabled={exporting} aria-label={`Export PNG: ${props.label}`}>
          Export PNG
        </button>
      </div>
      <div ref={box} className="chart-canvas" role="img" aria-label={props.label} style={{ height: props.height }} />
    </figure>
  );
}
