/**
 * The report of `aoi parse FILE` without `--jsonl`: the templates of a log, most severe and most frequent
 * first, with counts, time range and where they first occur.
 */
import type { ParsedLog } from '../parse-log';

/** Most templates listed. */
const MAX_ROWS = 200;

/** Renders the template table of a parsed log. */
export function renderTemplateTable(file: string, parsed: ParsedLog): string {
  const out: string[] = [];
  const templates = parsed.signals;
  out.push(`${file}: ${parsed.lines.toLocaleString('en-US')} lines, ${parsed.size.toLocaleString('en-US')} records (${parsed.format}), ${templates.length.toLocaleString('en-US')} templates`);
  out.push('');
  const countWidth = Math.max(5, ...templates.slice(0, MAX_ROWS).map((t) => t.count.toLocaleString('en-US').length));
  out.push(`${'count'.padStart(countWidth)}  level    first line  template`);
  for (const t of templates.slice(0, MAX_ROWS)) {
    const level = (t.severityText ?? (t.failureWords.length > 0 ? 'fail?' : '-')).slice(0, 7).padEnd(7);
    const markers = [t.newSince ? `new since ${t.newSince}` : '', t.burst ? `burst ${t.burst.count}/min at ${t.burst.at}` : ''].filter(Boolean).join(', ');
    out.push(`${t.count.toLocaleString('en-US').padStart(countWidth)}  ${level}  ${String(t.examples[0]?.line ?? '').padStart(10)}  ${t.template}${markers ? `   [${markers}]` : ''}`);
  }
  if (templates.length > MAX_ROWS) out.push(`... ${templates.length - MAX_ROWS} more templates (use --jsonl for every record)`);
  return `${out.join('\n')}\n`;
}
