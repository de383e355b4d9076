"""Supervised training on the expert trajectories: the rule observer's replayed probe sequences of the
incidents it diagnosed right (accepted), each state labelled with the true fault, the items of the true
component and the expert's next action. Findings are dropped from half the states and items at random, so
the model also learns to read the templates and probe answers the rules did not turn into a finding.
The Evolver's corrective pairs add a preference term: the right fault above the wrong one on the state
where the engine got it wrong."""
import random

import torch
import torch.nn.functional as F

from .data import SUBMIT, Incident, batch
from .policy import action_mask, masked_log_softmax, probe_for


def expert_states(incs: list, actions: list) -> list:
    """(incident, taken probe indexes, target action or None) for every state of every expert trajectory."""
    out = []
    for inc in incs:
        taken = set()
        for a in inc.expert if inc.expert_correct else []:
            if a not in actions or not any(inc.probes[p].action == a for p in inc.available(taken)):
                break
            out.append((inc, frozenset(taken), a))
            taken.add(probe_for(inc, taken, a))
        out.append((inc, frozenset(taken), SUBMIT if inc.expert_correct else None))
    return out


def augment(items: list, rng: random.Random, drop_findings: float, drop_items: float) -> list:
    no_findings = rng.random() < drop_findings
    kept = [i for i in items if not (no_findings and i.kind == "finding") and rng.random() >= drop_items]
    return kept or items[:1]


def sft_loss(model, samples, actions, cfg, rng: random.Random) -> torch.Tensor:
    states = [augment(inc.state(taken), rng, cfg["drop_findings"], cfg["drop_items"]) for inc, taken, _ in samples]
    tokens, mask = batch(states, cfg["max_items"], cfg["max_tokens"])
    faults, items, acts = model(tokens, mask)
    loss = F.cross_entropy(faults, torch.tensor([inc.fault for inc, _, _ in samples]))
    loc_t = torch.zeros_like(items)
    loc_m = torch.zeros_like(items)
    for i, (inc, _, _) in enumerate(samples):
        for j, it in enumerate(states[i][: items.shape[1]]):
            if it.component:
                loc_m[i, j] = 1.0
                loc_t[i, j] = float(inc.located(it))
    loss = loss + (F.binary_cross_entropy_with_logits(items, loc_t, reduction="none") * loc_m).sum() / loc_m.sum().clamp(min=1.0)
    act_terms = []
    for i, (inc, taken, target) in enumerate(samples):
        if target is not None:
            m = action_mask(inc, taken, actions, True)
            act_terms.append(-masked_log_softmax(acts[i], m)[actions.index(target)])
    if act_terms:
        loss = loss + torch.stack(act_terms).mean()
    return loss


def corrective_loss(model, pairs, cfg, beta: float = 1.0) -> torch.Tensor:
    """DPO-style preference on the fault head: the chosen fault above the rejected one, plus its cross-entropy."""
    tokens, mask = batch([items for items, _, _ in pairs], cfg["max_items"], cfg["max_tokens"])
    faults, _, _ = model(tokens, mask)
    logp = torch.log_softmax(faults, dim=-1)
    chosen = torch.tensor([c for _, c, _ in pairs])
    rejected = torch.tensor([r for _, _, r in pairs])
    margin = logp.gather(1, chosen[:, None]) - logp.gather(1, rejected[:, None])
    return (-F.logsigmoid(beta * margin)).mean() + F.nll_loss(logp, chosen)


def all_pairs(incs: list) -> list:
    return [p for inc in incs for p in inc.corrective]
