/**
 * Benchmark worker: AOI's ingest over the given files (format detection, record parsing, multi-line
 * folding, template mining, template signals) and prints one JSON line: lines, records, templates,
 * milliseconds, peak resident memory in MiB.
 */
import { readLogRecords } from '../../server/ingest/record-reader';
import { TemplateMiner } from '../../server/ingest/template-miner';
import { TemplateSignalCollector } from '../../server/ingest/template-signals';
import { peakRssMiB } from './peak-rss';

async function main(): Promise<void> {
  const started = performance.now();
  const miner = new TemplateMiner();
  const signals = new TemplateSignalCollector();
  let lines = 0;
  let records = 0;
  for (const file of process.argv.slice(2)) {
    const result = await readLogRecords(file, (record) => {
      signals.observe(file, record, miner.add(record.body));
    });
    lines += result.lines;
    records += result.records;
  }
  const templates = signals.finish((id) => miner.template(id), (id) => miner.canonical(id)).length;
  const ms = performance.now() - started;
  console.log(JSON.stringify({ lines, records, templates, ms, peakRssMiB: peakRssMiB() }));
}

void main();
