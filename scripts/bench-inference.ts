/**
 * `npm run bench:inference [-- --model DIR] [--providers cpu,webgpu] [--runs 20] [--json]`: latency and
 * throughput of the observer model (default: the bundled one) for batches of 1..1024 evidence items on each
 * execution provider that loads here, and the speed-up of each provider over the CPU. Inputs are tokenized
 * evidence-like texts from the seeded corpus generator, so every batch is real tokenizer output. Prints a
 * Markdown table (the README's) or JSON.
 */
import { parseArgs } from 'node:util';
import { defaultModelPath } from '../server/model/observer-model';
import { readManifest } from '../server/model/manifest';
import { openSession } from '../server/model/providers';
import { tokenize } from '../server/model/tokenizer';

const BATCHES = [1, 4, 16, 64, 128, 256, 512, 1024];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string' }, providers: { type: 'string', default: 'cpu,webgpu' }, runs: { type: 'string', default: '20' }, json: { type: 'boolean' } } });
  const dir = values.model ?? defaultModelPath();
  if (!dir) throw new Error('no model: pass --model DIR (models/aoi-observer is missing)');
  const { manifest, onnxPath } = await readManifest(dir);
  const ort = await import('onnxruntime-node');
  const runs = Number(values.runs);
  const texts = evidenceTexts(Math.max(...BATCHES));
  const rows: { provider: string; batch: number; medianMs: number; p90Ms: number; itemsPerSecond: number }[] = [];
  const failed: string[] = [];
  for (const provider of values.providers!.split(',') as ('cpu' | 'webgpu' | 'cuda')[]) {
    let session;
    try {
      session = (await openSession(onnxPath, provider)).session;
    } catch (err) {
      failed.push(`${provider}: ${(err as Error).message}`);
      continue;
    }
    for (const batch of BATCHES) {
      const ids = texts.slice(0, batch).flatMap((t) => tokenize(t, manifest.tokenizer));
      const feeds = { [manifest.io.tokens]: new ort.Tensor('int64', BigInt64Array.from(ids, (x) => BigInt(x)), [batch, manifest.tokenizer.maxTokens]) };
      for (let i = 0; i < 3; i++) await session.run(feeds); // warm-up (WebGPU compiles its shaders on the first runs)
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await session.run(feeds);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      rows.push({ provider, batch, medianMs: median, p90Ms: times[Math.floor(times.length * 0.9)]!, itemsPerSecond: (batch * 1000) / median });
    }
    await session.release();
  }
  const cpu = new Map(rows.filter((r) => r.provider === 'cpu').map((r) => [r.batch, r.medianMs]));
  if (values.json) {
    console.log(JSON.stringify({ model: `${manifest.name} ${manifest.version}`, rows, failed }, null, 2));
    return;
  }
  console.log(`model ${manifest.name} ${manifest.version}, ${manifest.tokenizer.maxTokens} tokens per item, median of ${runs} runs\n`);
  const providers = [...new Set(rows.map((r) => r.provider))];
  console.log(`| batch | ${providers.map((p) => `${p} ms (items/s)`).join(' | ')} |${providers.filter((p) => p !== 'cpu').map((p) => ` ${p} speed-up |`).join('')}`);
  console.log(`| --- |${providers.map(() => ' --- |').join('')}${providers.filter((p) => p !== 'cpu').map(() => ' --- |').join('')}`);
  for (const batch of BATCHES) {
    const cells = providers.map((p) => rows.find((r) => r.provider === p && r.batch === batch)).map((r) => (r ? `${r.medianMs.toFixed(2)} (${Math.round(r.itemsPerSecond)})` : '-'));
    const ups = providers.filter((p) => p !== 'cpu').map((p) => {
      const r = rows.find((x) => x.provider === p && x.batch === batch);
      return r && cpu.has(batch) ? `${(cpu.get(batch)! / r.medianMs).toFixed(1)}x` : '-';
    });
    console.log(`| ${batch} | ${cells.join(' | ')} |${ups.map((u) => ` ${u} |`).join('')}`);
  }
  for (const f of failed) console.log(`\nnot loaded: ${f}`);
}

/** Evidence-like lines (templates, findings, probe answers), deterministic. */
function evidenceTexts(n: number): string[] {
  const verbs = ['connection refused', 'timed out after <num> ms', 'no space left on device', 'certificate has expired', 'OOMKilled exit code <num>', 'NOAUTH authentication required', 'too many clients', 'no such host'];
  const parts = ['cart', 'redis', 'postgres', 'checkout', 'nginx', 'payments', 'inventory', 'gateway'];
  const kinds = ['template error c4 |', 'template warn c7 |', 'finding fault:port_misconfig s8 |', 'probe redis.ping replayed exit:0 |'];
  return Array.from({ length: n }, (_, i) => `${kinds[i % kinds.length]} ${parts[(i * 3) % parts.length]} request ${i} to ${parts[(i * 5 + 1) % parts.length]}:<num> failed: ${verbs[(i * 7) % verbs.length]} while handling upstream response id <id>`);
}

main().catch((err: unknown) => {
  console.error(`bench:inference: ${(err as Error).message}`);
  process.exitCode = 1;
});
