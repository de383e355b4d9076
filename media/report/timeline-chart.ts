/**
 * The report's timeline: error records (solid lines) and warning records (dashed) per component over time,
 * drawn with uPlot on a canvas in the theme's chart colours, with the first anomaly marked by a vertical
 * line. A table of the same numbers sits under it for keyboards and screen readers. Component names and
 * templates come from the logs: they reach the page as text only (uPlot sets legend labels as text too).
 */
import uPlot from 'uplot';
import type { IncidentTimeline } from '../../server/protocol';
import { el } from './dom';
import { evidenceLink } from './evidence-link';

/** Theme variables of VS Code's chart colours, one per component in turn. */
const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-purple', '--vscode-charts-green', '--vscode-charts-yellow', '--vscode-charts-foreground'];
const CHART_HEIGHT = 220;

/** A drawn chart: redraw it when the theme or the panel's width changes; dispose it before re-rendering. */
export interface TimelineChart {
  element: HTMLElement;
  redraw(): void;
  dispose(): void;
}

/** The value of theme variable `name` on the body, or `fallback`. */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The component's name as shown: the empty owner reads "(unattributed)". */
export function componentLabel(component: string): string {
  return component === '' ? '(unattributed)' : component;
}

/** Renders `timeline` into a figure; call `redraw` once the figure is in the document. */
export function timelineChart(timeline: IncidentTimeline): TimelineChart {
  const figure = el('figure', 'timeline');
  const plotHost = el('div', 'timeline-plot');
  plotHost.setAttribute('role', 'img');
  const count = timeline.series[0]?.errors.length ?? 0;
  const xs = Array.from({ length: count }, (_, i) => (timeline.start + i * timeline.bucketMs) / 1000);
  const lines = timeline.series.flatMap((s, component) => [
    { label: `${componentLabel(s.component)} errors`, values: s.errors, component, dash: undefined as number[] | undefined },
    { label: `${componentLabel(s.component)} warnings`, values: s.warnings, component, dash: [6, 4] },
  ]).filter((l) => l.values.some((n) => n > 0));
  const points = lines.reduce((n, l) => n + l.values.filter((v) => v > 0).length, 0);
  figure.dataset.points = String(points);
  figure.dataset.series = String(lines.length);
  const anomaly = timeline.firstAnomaly;
  plotHost.setAttribute('aria-label', `Error and warning log records over time per component, ${lines.length} series, ${points} data points${anomaly ? `; first anomaly at ${anomaly.time} in ${componentLabel(anomaly.component)}` : ''}.`);
  figure.append(plotHost);
  const caption = el('figcaption', 'anomaly');
  if (anomaly) {
    caption.append(el('span', 'marker', 'First anomaly'), el('span', undefined, ` ${anomaly.time} · ${componentLabel(anomaly.component)} · ${anomaly.level} at `), evidenceLink(anomaly.evidence), el('code', 'text', anomaly.template));
  } else {
    caption.textContent = 'No error or warning template stood out from the start of the logs.';
  }
  figure.append(caption, dataTable(timeline, xs));

  let plot: uPlot | undefined;
  const draw = (): void => {
    plot?.destroy();
    const fg = themeColor('--vscode-charts-foreground', themeColor('--vscode-foreground', '#888'));
    const grid = themeColor('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
    const red = themeColor('--vscode-charts-red', '#e51400');
    const font = `11px ${themeColor('--vscode-font-family', 'sans-serif')}`;
    const colorOf = (component: number): string => themeColor(PALETTE[component % PALETTE.length]!, fg);
    const width = Math.max(320, plotHost.clientWidth || figure.clientWidth || 640);
    const opts: uPlot.Options = {
      width,
      height: CHART_HEIGHT,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid }, font },
        { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid }, font, label: `records per ${Math.round(timeline.bucketMs / 60_000)} min`, labelFont: font },
      ],
      series: [
        { label: 'time' },
        ...lines.map((l): uPlot.Series => ({ label: l.label, stroke: colorOf(l.component), width: 2, ...(l.dash ? { dash: l.dash } : {}), points: { show: true, size: 5 } })),
      ],
      cursor: { points: { size: 7 } },
      legend: { show: true, live: false },
      hooks: anomaly ? { draw: [(u: uPlot) => markAnomaly(u, anomaly.at / 1000, red, font)] } : {},
    };
    plot = new uPlot(opts, [xs, ...lines.map((l) => l.values)], plotHost);
  };
  const resize = new ResizeObserver(() => {
    if (plot && Math.abs(plot.width - plotHost.clientWidth) > 8) draw();
  });
  resize.observe(plotHost);
  return {
    element: figure,
    redraw: draw,
    dispose: () => {
      resize.disconnect();
      plot?.destroy();
    },
  };
}

/** A vertical line at `x` (seconds) across the plotting area, labelled "first anomaly". */
function markAnomaly(u: uPlot, x: number, color: string, font: string): void {
  const ctx = u.ctx;
  const px = u.valToPos(x, 'x', true);
  const dpr = window.devicePixelRatio || 1;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2 * dpr;
  ctx.setLineDash([4 * dpr, 3 * dpr]);
  ctx.beginPath();
  ctx.moveTo(px, u.bbox.top);
  ctx.lineTo(px, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.font = font.replace(/^(\d+)px/, (_m, n: string) => `${Number(n) * dpr}px`);
  ctx.textAlign = px > u.bbox.left + u.bbox.width * 0.8 ? 'right' : 'left';
  ctx.fillText('first anomaly', px + (ctx.textAlign === 'right' ? -4 : 4) * dpr, u.bbox.top + 12 * dpr);
  ctx.restore();
}

/** The numbers of the chart as a table (collapsed under "Show as table"). */
function dataTable(timeline: IncidentTimeline, xs: number[]): HTMLElement {
  const details = el('details', 'timeline-table');
  details.append(el('summary', undefined, 'Show as table'));
  const table = el('table');
  const head = el('tr');
  head.append(el('th', undefined, 'time'));
  for (const s of timeline.series) head.append(el('th', undefined, `${componentLabel(s.component)} errors`), el('th', undefined, `${componentLabel(s.component)} warnings`));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  xs.forEach((x, i) => {
    if (!timeline.series.some((s) => s.errors[i]! > 0 || s.warnings[i]! > 0)) return;
    const row = el('tr');
    row.append(el('td', undefined, new Date(x * 1000).toISOString().replace('T', ' ').slice(0, 16)));
    for (const s of timeline.series) row.append(el('td', undefined, String(s.errors[i])), el('td', undefined, String(s.warnings[i])));
    table.tBodies[0]!.append(row);
  });
  details.append(table);
  return details;
}
