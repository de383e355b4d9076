"""GRPO in the replay environment (env.py). For each incident, a group of episodes is sampled from the
policy: probes chosen by the next-action head until it submits (or MAX_STEPS), then a fault sampled from the
fault head and a component from the localization head. Rewards are normalised within the group (the
group-relative advantage); the update is the clipped policy-gradient objective over every sampled decision,
with a KL penalty (the k3 estimator) to the frozen SFT model. Corrective pairs of the Evolver can join the
loss as in SFT."""
import random
from dataclasses import dataclass

import torch

from .data import SUBMIT, Incident, batch
from .env import MAX_STEPS, reward
from .policy import action_mask, component_logits, masked_log_softmax, probe_for


@dataclass
class Decision:
    inc: Incident
    taken: frozenset
    kind: str  # "action" | "fault" | "component"
    choice: int
    mask: torch.Tensor
    old_logp: float
    advantage: float = 0.0


def _outputs(model, states, cfg):
    tokens, mask = batch([s for s in states], cfg["max_items"], cfg["max_tokens"])
    return model(tokens, mask)


@torch.no_grad()
def rollouts(model, incs, actions, cfg, rng: torch.Generator):
    """Samples `group` episodes per incident; returns decisions (with advantages) and the mean reward and accuracy."""
    decisions, rewards, right = [], [], []
    for inc in incs:
        group = []
        # The policy is fixed while sampling: episodes of a group that reach the same state share its outputs.
        seen = {}
        for _ in range(cfg["group"]):
            taken, steps = set(), []
            while True:
                fz = frozenset(taken)
                items = inc.state(fz)
                if fz not in seen:
                    seen[fz] = _outputs(model, [items], cfg)
                faults, item_logits, acts = seen[fz]
                m = action_mask(inc, fz, actions, len(taken) < MAX_STEPS)
                logp = masked_log_softmax(acts[0], m)
                a = int(torch.multinomial(logp.exp().cpu(), 1, generator=rng))
                steps.append(Decision(inc, fz, "action", a, m, float(logp[a])))
                if actions[a] == SUBMIT:
                    break
                taken.add(probe_for(inc, fz, actions[a]))
            flp = torch.log_softmax(faults[0], dim=-1)
            f = int(torch.multinomial(flp.exp().cpu(), 1, generator=rng))
            steps.append(Decision(inc, fz, "fault", f, torch.ones_like(flp, dtype=torch.bool), float(flp[f])))
            names, clog = component_logits(items, item_logits[0])
            component = ""
            if names:
                clp = torch.log_softmax(clog, dim=-1)
                c = int(torch.multinomial(clp.exp().cpu(), 1, generator=rng))
                component = names[c]
                steps.append(Decision(inc, fz, "component", c, torch.ones_like(clp, dtype=torch.bool), float(clp[c])))
            r = reward(inc, f, component, taken)
            group.append((steps, r.total))
            right.append(float(r.fault_right and r.component_right))
        rs = torch.tensor([g[1] for g in group])
        adv = (rs - rs.mean()) / (rs.std() + 1e-6) if len(group) > 1 else rs * 0
        for (steps, _), a in zip(group, adv.tolist()):
            for s in steps:
                s.advantage = a
            decisions += steps
        rewards += rs.tolist()
    return decisions, sum(rewards) / max(1, len(rewards)), sum(right) / max(1, len(right))


def _logps(model, decisions, actions, cfg):
    """New log-probabilities of each decision, one forward over the distinct states."""
    keys = list({(id(d.inc), d.taken): d for d in decisions}.keys())
    index = {k: i for i, k in enumerate(keys)}
    first = {}
    for d in decisions:
        first.setdefault((id(d.inc), d.taken), d)
    states = [first[k].inc.state(first[k].taken) for k in keys]
    faults, items, acts = _outputs(model, states, cfg)
    out = []
    for d in decisions:
        i = index[(id(d.inc), d.taken)]
        if d.kind == "action":
            out.append(masked_log_softmax(acts[i], d.mask)[d.choice])
        elif d.kind == "fault":
            out.append(torch.log_softmax(faults[i], dim=-1)[d.choice])
        else:
            _, clog = component_logits(states[i], items[i, : min(len(states[i]), items.shape[1])])
            out.append(torch.log_softmax(clog, dim=-1)[d.choice])
    return torch.stack(out)


def grpo_loss(model, ref, decisions, actions, cfg) -> torch.Tensor:
    new = _logps(model, decisions, actions, cfg)
    with torch.no_grad():
        old_ref = _logps(ref, decisions, actions, cfg)
    old = torch.tensor([d.old_logp for d in decisions])
    adv = torch.tensor([d.advantage for d in decisions])
    ratio = torch.exp(new - old)
    clipped = torch.clamp(ratio, 1 - cfg["clip"], 1 + cfg["clip"])
    pg = -torch.min(ratio * adv, clipped * adv)
    kl = torch.exp(old_ref - new) - (old_ref - new) - 1
    return (pg + cfg["kl"] * kl).mean()
