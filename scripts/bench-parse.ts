/**
 * `npm run bench:parse`: the log parsing benchmark of the template miner on Loghub-2k (Loghub-2.0's corrected
 * templates). Reads `../shared/data/loghub-2k/` beside the repository (per dataset `D`: `D_2k.log`,
 * `D_2k.log_structured_corrected.csv`, either directly there or in a folder `D/`, and `formats.json`); when
 * it is absent it says so and exits 0. Each log is split with its header format (`loghub-format.ts`) and
 * its contents are mined by one `TemplateMiner` with the same settings for every dataset. A message's
 * predicted group is its template id at the end of the run, its predicted template that id's final text.
 *
 * Metrics, as defined by Loghub-2.0 (Jiang et al., "A Large-scale Evaluation for Log Parsing Techniques:
 * How Far are We?", ISSTA 2024), over the N messages of a dataset:
 * - GA, grouping accuracy: the fraction of messages whose predicted group, as a set of messages, equals
 *   their ground-truth group (all messages with the same ground-truth template).
 * - PA, parsing accuracy: the fraction of messages whose predicted template equals the ground-truth
 *   template exactly.
 * - FGA, F1 grouping accuracy: a predicted group is correct when it equals a ground-truth group as a set of
 *   messages; precision = correct / predicted groups, recall = correct / ground-truth groups, FGA = their F1.
 * - FTA, F1 template accuracy: a predicted template is correct when its group is correct and its text is
 *   identical to the ground-truth template; precision and recall over predicted and ground-truth templates
 *   as for FGA, FTA = their F1.
 * It also prints the miner's throughput (messages/s) per dataset and over all nine repeated to 1,000,000
 * messages, and published baselines. Exits 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileLogFormat } from '../server/ingest/loghub-format';
import { TemplateMiner } from '../server/ingest/template-miner';

const DATASETS = ['Apache', 'HDFS', 'HPC', 'Hadoop', 'Linux', 'OpenSSH', 'Proxifier', 'Spark', 'Thunderbird'];
const DATA_DIR = resolve(__dirname, '..', '..', 'shared', 'data', 'loghub-2k');
/** Messages mined per throughput measurement of one dataset (its contents repeated). */
const RATE_MESSAGES = 200_000;
const OVERALL_MESSAGES = 1_000_000;

/** Reads RFC 4180 CSV: comma-separated fields, optionally double-quoted with `""` for a quote, CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface Scores {
  ga: number;
  pa: number;
  fga: number;
  fta: number;
  predicted: number;
  truth: number;
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Loghub-2.0's four metrics of predicted groups and templates against ground-truth templates. */
function score(truth: string[], groups: number[], templates: string[]): Scores {
  const byTruth = new Map<string, number[]>();
  const byGroup = new Map<number, number[]>();
  truth.forEach((t, i) => (byTruth.get(t) ?? byTruth.set(t, []).get(t)!).push(i));
  groups.forEach((g, i) => (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(i));
  let groupedRight = 0;
  let rightGroups = 0;
  let rightTemplates = 0;
  for (const members of byGroup.values()) {
    const label = truth[members[0]!]!;
    if (members.some((i) => truth[i] !== label) || byTruth.get(label)!.length !== members.length) continue;
    groupedRight += members.length;
    rightGroups++;
    if (templates[members[0]!] === label) rightTemplates++;
  }
  const parsedRight = truth.filter((t, i) => templates[i] === t).length;
  const p = byGroup.size;
  const t = byTruth.size;
  return {
    ga: groupedRight / truth.length,
    pa: parsedRight / truth.length,
    fga: f1(rightGroups / p, rightGroups / t),
    fta: f1(rightTemplates / p, rightTemplates / t),
    predicted: p,
    truth: t,
  };
}

/** The file of dataset `d`, in `DATA_DIR/d/` or directly in `DATA_DIR`. */
function dataFile(d: string, name: string): string {
  const nested = join(DATA_DIR, d, name);
  return existsSync(nested) ? nested : join(DATA_DIR, name);
}

/** Messages per second of one fresh miner over `messages`. */
function rate(messages: string[]): number {
  const miner = new TemplateMiner();
  const t0 = performance.now();
  for (const m of messages) miner.add(m);
  return messages.length / ((performance.now() - t0) / 1000);
}

function repeatTo(messages: string[], total: number): string[] {
  const out: string[] = [];
  while (out.length < total) for (let i = 0; i < messages.length && out.length < total; i++) out.push(messages[i]!);
  return out;
}

function main(): void {
  const formatsFile = join(DATA_DIR, 'formats.json');
  if (!existsSync(formatsFile)) {
    console.log(`bench:parse: no Loghub-2k data at ${DATA_DIR} (expected formats.json and <Dataset>/<Dataset>_2k.log); nothing to measure.`);
    return;
  }
  const formats = JSON.parse(readFileSync(formatsFile, 'utf8')) as Record<string, { log_format: string }>;
  const rows: string[][] = [['dataset', 'GA', 'PA', 'FGA', 'FTA', 'templates', 'truth', 'msgs/s']];
  const all: Scores[] = [];
  const everyMessage: string[] = [];
  const notes: string[] = [];
  for (const d of DATASETS) {
    const logFile = dataFile(d, `${d}_2k.log`);
    const csvFile = dataFile(d, `${d}_2k.log_structured_corrected.csv`);
    if (!existsSync(logFile) || !existsSync(csvFile) || !formats[d]) {
      notes.push(`${d}: missing ${existsSync(logFile) ? csvFile : logFile}, skipped`);
      continue;
    }
    const format = compileLogFormat(formats[d].log_format);
    const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const contents = lines.map((l) => format.parse(l)?.Content ?? l.trim());
    const [header, ...records] = parseCsv(readFileSync(csvFile, 'utf8')).filter((r) => r.length > 1);
    const truth = records.map((r) => r[header!.indexOf('EventTemplate')]!);
    const csvContent = records.map((r) => r[header!.indexOf('Content')]!);
    const unmatched = lines.filter((l) => format.parse(l) === undefined).length;
    const differing = contents.filter((c, i) => c.trim() !== csvContent[i]?.trim()).length;
    if (unmatched > 0 || differing > 0) notes.push(`${d}: ${unmatched} lines did not match the format, ${differing} contents differ from the CSV's`);
    if (truth.length !== contents.length) {
      notes.push(`${d}: ${contents.length} log lines but ${truth.length} ground-truth rows, skipped`);
      continue;
    }
    const miner = new TemplateMiner();
    const ids = contents.map((c) => miner.add(c));
    const groups = ids.map((id) => miner.canonical(id));
    const s = score(truth, groups, groups.map((g) => miner.template(g)));
    all.push(s);
    everyMessage.push(...contents);
    const perSecond = rate(repeatTo(contents, RATE_MESSAGES));
    rows.push([d, s.ga, s.pa, s.fga, s.fta].map((v) => (typeof v === 'number' ? v.toFixed(3) : v)).concat([String(s.predicted), String(s.truth), Math.round(perSecond).toLocaleString('en-US')]));
  }
  if (all.length === 0) {
    console.log(`bench:parse: no dataset could be read under ${DATA_DIR}.`);
    for (const n of notes) console.log(`  ${n}`);
    return;
  }
  const mean = (k: keyof Scores): string => (all.reduce((a, s) => a + s[k], 0) / all.length).toFixed(3);
  const overall = rate(repeatTo(everyMessage, OVERALL_MESSAGES));
  rows.push(['average', mean('ga'), mean('pa'), mean('fga'), mean('fta'), '', '', Math.round(overall).toLocaleString('en-US')]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(`Template miner on Loghub-2k (${all.length} datasets, corrected templates, one configuration)\n`);
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  console.log(`\nthroughput: ${Math.round(overall).toLocaleString('en-US')} messages/s over all datasets repeated to ${OVERALL_MESSAGES.toLocaleString('en-US')} messages (one core, mining only)`);
  console.log('published baselines: Drain GA 0.85, PA 0.32 (average on Loghub-2k); Brain GA 0.98 (Loghub-2k); LILAC PA 0.84 (Loghub-2.0)');
  for (const n of notes) console.log(`note: ${n}`);
}

main();
