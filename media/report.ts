/**
 * The incident report webview: the summary, the timeline of error and warning records per component with
 * the first anomaly marked, the ranked hypotheses with their evidence, the probes and what they changed,
 * the fixes with their review buttons, and the team guidance that applied. Every string from the incident
 * is untrusted and set as text, never as HTML. The shown diagnosis is kept in the webview's state, so the
 * panel's serializer restores it after a reload.
 */
import 'uplot/dist/uPlot.min.css';
import './report.css';
import type { ReportState } from '../server/protocol';
import { onPush, saveState, savedState } from './report/channel';
import { el, section } from './report/dom';
import { renderFixes, renderProbes } from './report/actions-section';
import { renderHypotheses } from './report/hypotheses-section';
import { renderGuidance, renderNotes, renderSummary } from './report/summary-section';
import { timelineChart, type TimelineChart } from './report/timeline-chart';

let chart: TimelineChart | undefined;

function render(state: ReportState): void {
  const d = state.result.diagnosis;
  const root = document.getElementById('report')!;
  chart?.dispose();
  chart = undefined;
  root.replaceChildren();
  renderSummary(root, d);
  const timeline = section(root, 'Timeline', 'timeline-section');
  if (d.timeline && d.timeline.series.length > 0) {
    chart = timelineChart(d.timeline);
    timeline.append(chart.element);
    chart.redraw();
  } else {
    timeline.append(el('p', 'note', 'No error or warning log line carried a time, so there is no timeline.'));
  }
  renderHypotheses(root, d.hypotheses);
  renderProbes(root, d.probes, state.trusted);
  renderFixes(root, d.fixes, state.trusted);
  renderGuidance(root, d.guidance);
  renderNotes(root, d);
}

onPush((push) => {
  const state: ReportState = { result: push.result, trusted: push.trusted };
  saveState(state);
  render(state);
});

// Canvas colours come from the theme: redraw the chart when VS Code switches theme (it sets the body's class
// and the theme variables on the root element's style).
const themeChanged = new MutationObserver(() => chart?.redraw());
themeChanged.observe(document.body, { attributes: true, attributeFilter: ['class'] });
themeChanged.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

const saved = savedState();
// A state saved before `trusted` existed lacks it: show no buttons until the extension says.
if (saved) render({ ...saved, trusted: saved.trusted === true });
