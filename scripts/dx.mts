import { diagnose } from '/work/main/server/diagnose';
const d = await diagnose(process.argv[2]!, { rawConfidence: true });
for (const h of d.hypotheses.slice(0, Number(process.argv[3] ?? 5))) {
  console.log(`${h.fault} ${h.component} ${h.confidence} :: ${h.explanation}`);
  for (const e of h.evidence.slice(0, 4)) console.log(`   ${e.role} ${e.file}:${e.line} ${e.note} | ${e.text.slice(0, 120)}`);
}
