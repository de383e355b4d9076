"""The replay environment: an incident's recorded probes answer the policy's probes (a probe without a
recording answers nothing; one the read-only policy refuses is refused), and a submitted diagnosis is
rewarded: +1 for the right fault, +0.5 for the right component (for a faulty incident), minus a cost per
probe asked and a penalty per refused probe."""
from dataclasses import dataclass

from .data import LABELS, Incident

PROBE_COST = 0.05
REFUSED_PENALTY = 0.3
MAX_STEPS = 4


@dataclass
class Reward:
    total: float
    fault_right: bool
    component_right: bool


def reward(inc: Incident, fault: int, component: str, taken) -> Reward:
    fault_right = fault == inc.fault
    none = inc.fault == LABELS.index("none")
    component_right = fault_right and (none or component.lower() in inc.components)
    refused = sum(1 for p in taken if inc.probes[p].status == "refused")
    total = float(fault_right) + (0.5 * float(component_right) if not none else 0.5 * float(fault_right)) - PROBE_COST * len(taken) - REFUSED_PENALTY * refused
    return Reward(total, fault_right, component_right)
