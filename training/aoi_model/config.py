"""Training configurations: `smoke` (seconds on a CPU, for the tests), `small` (the evaluation's runs on a
CPU) and `full` (the shipped model, on a GPU)."""

BASE = {
    "vocab": 8192, "max_tokens": 32, "max_items": 160, "serve_items": 1024, "d": 64, "heads": 4, "token_layers": 1, "item_layers": 2,
    "lr": 2e-3, "batch": 8, "drop_findings": 0.5, "drop_items": 0.1, "sft_epochs": 40, "grpo_iters": 40, "grpo_incidents": 4,
    "group": 8, "grpo_lr": 3e-4, "clip": 0.2, "kl": 0.05, "inner_epochs": 2, "model_weight": 0.5, "corrective_weight": 1.0,
}

CONFIGS = {
    "smoke": {**BASE, "d": 32, "item_layers": 1, "max_items": 48, "sft_epochs": 2, "grpo_iters": 2, "group": 4, "grpo_incidents": 2},
    "small": BASE,
    "full": {**BASE, "d": 96, "max_items": 256, "sft_epochs": 80, "grpo_iters": 120, "group": 16},
}
