/**
 * Fix of an app_misconfig where a caller's URL setting leads to a path its dependency answers with 404: the
 * path part of the setting changed to the one the dependency serves. Served paths are the ones the
 * dependency's own logs answer with 2xx/3xx (access-log and request lines) and its route settings
 * (`routes.0.path: /api/v2/messages`). The setting's path is replaced only when exactly one served path is
 * the called one with one segment of the setting's path changed, and that segment is a slip or another
 * version (`/v1/` -> `/v2/`); whatever the caller appends to the setting's path stays as it is.
 */
import type { SettingFact } from '../../ingest/config/facts';
import { replaceValue, type FixIdea } from '../../agents/executor/fix-idea';
import { isNearMiss } from './near-miss';

const METHOD = '(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)';
/** Request lines that answered: `"POST /v2/charges HTTP/1.1" 201`, `GET /v2/charges 200 12ms`, `path=/x status=200`. */
const ANSWERED = [
  new RegExp(String.raw`"${METHOD} (\/[^\s?"#]*)[^"]*" ([23]\d\d)\b`),
  new RegExp(String.raw`\b${METHOD} (\/[^\s?"#]*)\S* ([23]\d\d)\b`),
  /\bpath=["']?(\/[^\s?"'#]*)[^\n]*?\bstatus=["']?([23]\d\d)\b/,
];
/** The path part of a URL: `http://host:port/v1/x` -> `/v1/x`. */
const URL_PATH = /\b[a-z][a-z0-9+.-]*:\/\/[^/\s"'?#]+(\/[^\s"'?#]*)/gi;
const ROUTE_KEY = /(^|\.)(path|route|endpoint|url_?path)$/i;

/** The paths `lines` (a dependency's own log lines) answered with success, and the paths its `routes` declare. */
export function servedPaths(lines: readonly string[], routes: readonly SettingFact[]): string[] {
  const out = new Set<string>();
  for (const line of lines) {
    for (const re of ANSWERED) {
      const m = re.exec(line);
      if (m) {
        out.add(m[1]!);
        break;
      }
    }
  }
  for (const r of routes) if (ROUTE_KEY.test(r.key) && /^\/\S*$/.test(r.value.trim())) out.add(r.value.trim());
  return [...out];
}

/** The paths that URLs in `texts` (the failing calls) name. */
export function calledPaths(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((t) => [...t.matchAll(URL_PATH)].map((m) => m[1]!)))];
}

/** `setting`'s URL path set to the served one, or undefined when none or several fit. */
export function routeFix(setting: SettingFact, component: string, target: string, called: readonly string[], served: readonly string[]): FixIdea | undefined {
  const url = /^([a-z][a-z0-9+.-]*:\/\/[^/\s"'?#]+)(\/[^\s"'?#]*)?/i.exec(setting.value.trim());
  const path = url?.[2]?.replace(/\/+$/, '');
  if (!url || !path) return undefined;
  const own = segments(path);
  const rests = called.filter((c) => c === path || c.startsWith(`${path}/`)).map((c) => c.slice(path.length));
  if (rests.length === 0) rests.push('');
  const fits = new Set<string>();
  for (const s of served) {
    for (const rest of rests) {
      if (!s.endsWith(rest)) continue;
      const head = s.slice(0, s.length - rest.length).replace(/\/+$/, '');
      const segs = segments(head);
      if (segs.length !== own.length) continue;
      const changed = segs.map((seg, i) => [seg, own[i]!] as const).filter(([a, b]) => a !== b);
      if (changed.length === 1 && related(changed[0]![1], changed[0]![0])) fits.add(head);
    }
  }
  if (fits.size !== 1) return undefined;
  const right = [...fits][0]!;
  const from = url[1]! + path;
  if (!setting.evidence.text.includes(from)) return undefined;
  return replaceValue(setting.evidence, from, url[1]! + right, `${component} calls ${target} under ${path}, which ${target} answers with 404; ${target} serves the same calls under ${right}.`);
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Two path segments that are one API version apart, or one a slip of the other. */
function related(written: string, served: string): boolean {
  return (/^v\d+$/i.test(written) && /^v\d+$/i.test(served)) || isNearMiss(written, served, 1);
}
