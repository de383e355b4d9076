"""Featurized incidents as written by scripts/model-data.ts (one JSON line per bundle), tokenized once, and
the incident states built from them: the first state's items plus the items each answered probe adds."""
import hashlib
import json
from dataclasses import dataclass, field

import torch

from .tokenizer import tokenize

LABELS = ["port_misconfig", "app_misconfig", "auth_failure", "service_down", "crash_loop", "oom", "disk_full", "network_delay",
          "network_loss", "dns_failure", "tls_failure", "resource_exhaustion", "scheduling_failure", "image_pull_failure", "code_defect", "none"]
SUBMIT = "submit"


@dataclass
class Item:
    ids: list
    component: str
    kind: str


@dataclass
class Probe:
    action: str
    status: str
    items: list


@dataclass
class Incident:
    name: str
    fault: int
    components: list
    base: list
    probes: list
    expert: list
    expert_correct: bool
    corrective: list = field(default_factory=list)

    def state(self, taken) -> list:
        """The items after the probes of index set `taken`: findings and probe answers first, as the server orders them."""
        added = [i for p in sorted(taken) for i in self.probes[p].items]
        findings = [i for i in self.base if i.kind == "finding"]
        return findings + added + [i for i in self.base if i.kind != "finding"]

    def available(self, taken) -> list:
        return [p for p in range(len(self.probes)) if p not in taken]

    def located(self, item: Item) -> bool:
        return self.fault != LABELS.index("none") and item.component.lower() in self.components


def read_jsonl(paths) -> tuple[list, str]:
    """The lines of `paths` and the sha256 of their bytes (the manifest's training data digest)."""
    digest, rows = hashlib.sha256(), []
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        digest.update(data)
        rows += [json.loads(l) for l in data.decode("utf-8").splitlines() if l.strip()]
    return rows, digest.hexdigest()


def incidents(rows, vocab: int, max_tokens: int) -> list:
    def items(xs):
        return [Item(tokenize(x["t"], vocab, max_tokens), x["c"], x["k"]) for x in xs]

    out = []
    for r in rows:
        probes = [Probe(p["id"] or "unknown", p["status"], items(p["items"])) for p in r["probes"]]
        corrective = [(items(c["items"]), LABELS.index(c["chosen"]["fault"]), LABELS.index(c["rejected"]["fault"])) for c in r.get("corrective", [])
                      if c["chosen"]["fault"] in LABELS and c["rejected"]["fault"] in LABELS]
        out.append(Incident(r["name"], LABELS.index(r["truth"]["fault"]), [c.lower() for c in r["truth"]["components"]], items(r["base"]), probes,
                            r["expert"]["probes"], r["expert"]["correct"], corrective))
    return out


def action_space(incs) -> list:
    """`submit` and every probe catalog id the incidents offer, sorted."""
    return [SUBMIT] + sorted({p.action for i in incs for p in i.probes})


def batch(states, max_items: int, max_tokens: int):
    """Pads states (lists of Items) to tokens [S, N, L] and item_mask [S, N]."""
    n = max(1, min(max_items, max(len(s) for s in states)))
    tokens = torch.zeros(len(states), n, max_tokens, dtype=torch.long)
    mask = torch.zeros(len(states), n, dtype=torch.bool)
    for i, s in enumerate(states):
        s = s[:n]
        if s:
            tokens[i, :len(s)] = torch.tensor([it.ids for it in s])
            mask[i, :len(s)] = True
    return tokens, mask
