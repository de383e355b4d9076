/**
 * Ground truth of an incident bundle (spec/bundle.md): `<bundle>.truth.json` beside the bundle folder, and
 * how a diagnosis is scored against it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnosis } from '../../server/protocol';

/** A truth file. */
export interface Truth {
  fault: string;
  components: string[];
  fix?: { file: string; added: string };
}

/** A bundle folder with its truth. */
export interface LabeledBundle {
  name: string;
  dir: string;
  truth: Truth;
}

/** The bundles under each of `dirs` (a bundle itself, or a folder of bundles) that have a truth file. */
export function findBundles(dirs: string[]): LabeledBundle[] {
  const out: LabeledBundle[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`not a folder: ${dir}`);
    const own = join(dirname(dir), `${basename(dir)}.truth.json`);
    if (existsSync(own)) {
      out.push({ name: basename(dir), dir, truth: readTruth(own) });
      continue;
    }
    for (const name of readdirSync(dir).sort()) {
      const truthFile = join(dir, `${name}.truth.json`);
      if (existsSync(truthFile) && statSync(join(dir, name)).isDirectory()) out.push({ name, dir: join(dir, name), truth: readTruth(truthFile) });
    }
  }
  return out;
}

function readTruth(file: string): Truth {
  const t = JSON.parse(readFileSync(file, 'utf8')) as Truth;
  if (typeof t.fault !== 'string' || !Array.isArray(t.components)) throw new Error(`${file}: a truth file needs "fault" and "components"`);
  return t;
}

/** How one diagnosis scored. */
export interface Score {
  top1Fault: boolean;
  top3Fault: boolean;
  /** Top-1 fault and component right (faulty bundles only). */
  component: boolean | undefined;
  /** `detected` agrees with the truth. */
  detection: boolean;
  /** A proposed fix to the truth's file adds a line the truth's pattern matches; undefined when the truth gives no fix. */
  fixHit: boolean | undefined;
  confidence: number;
}

/** Scores `d` against `truth`. */
export function score(d: Diagnosis, truth: Truth): Score {
  const top = d.hypotheses[0]!;
  const faults = d.hypotheses.slice(0, 3).map((h) => h.fault);
  const healthy = truth.fault === 'none';
  let fixHit: boolean | undefined;
  if (truth.fix) {
    const re = new RegExp(truth.fix.added);
    fixHit = d.fixes.some((f) => f.file === truth.fix!.file && f.diff.split('\n').some((l) => l.startsWith('+') && !l.startsWith('+++') && re.test(l.slice(1))));
  }
  return {
    top1Fault: top.fault === truth.fault,
    top3Fault: faults.includes(truth.fault as never),
    component: healthy ? undefined : top.fault === truth.fault && truth.components.includes(top.component),
    detection: d.detected === !healthy,
    fixHit,
    confidence: top.confidence,
  };
}
