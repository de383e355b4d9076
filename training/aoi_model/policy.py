"""What the model's outputs mean for one incident state: the masked next-action distribution (the probes
still available there, and submit), the fault distribution and the component distribution (per component,
the log-sum-exp of its items' localization logits)."""
import torch

from .data import SUBMIT, Incident

NEG = -1e4


def action_mask(inc: Incident, taken, actions: list, allow_probe: bool) -> torch.Tensor:
    mask = torch.zeros(len(actions), dtype=torch.bool)
    mask[actions.index(SUBMIT)] = True
    if allow_probe:
        for p in inc.available(taken):
            if inc.probes[p].action in actions:
                mask[actions.index(inc.probes[p].action)] = True
    return mask


def probe_for(inc: Incident, taken, action: str) -> int:
    """The first available probe of catalog id `action`."""
    return next(p for p in inc.available(taken) if inc.probes[p].action == action)


def component_logits(items, item_logits: torch.Tensor):
    """(components, logits): one logit per component named by the items."""
    names = sorted({it.component.lower() for it in items if it.component})
    if not names:
        return [], item_logits.new_zeros(0)
    rows = []
    for c in names:
        idx = [i for i, it in enumerate(items[: item_logits.shape[0]]) if it.component.lower() == c]
        rows.append(torch.logsumexp(item_logits[idx], dim=0) if idx else item_logits.new_tensor(NEG))
    return names, torch.stack(rows)


def masked_log_softmax(logits: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    return torch.log_softmax(logits.masked_fill(~mask, NEG), dim=-1)
