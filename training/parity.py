"""Writes the PyTorch outputs of a trained model for fixed inputs, for the export parity test
(test/integration/model-training.test.ts runs the same inputs through onnxruntime-node and compares).

    python3 training/parity.py MODEL_DIR OUT.json [--items 1,7,64]"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aoi_model.data import LABELS  # noqa: E402
from aoi_model.model import EvidenceEncoder  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("out")
    ap.add_argument("--items", default="1,7,64")
    args = ap.parse_args()
    ck = torch.load(os.path.join(args.model, "checkpoint.pt"), map_location="cpu")
    cfg = ck["config"]
    model = EvidenceEncoder(cfg["vocab"], cfg["max_tokens"], len(LABELS), len(ck["actions"]), cfg["d"], cfg["heads"], cfg["token_layers"], cfg["item_layers"])
    model.load_state_dict(ck["state"])
    model.eval()
    gen = torch.Generator().manual_seed(7)
    cases = []
    for n in [int(x) for x in args.items.split(",")]:
        tokens = torch.randint(2, cfg["vocab"], (n, cfg["max_tokens"]), generator=gen)
        lengths = torch.randint(1, cfg["max_tokens"] + 1, (n,), generator=gen)
        tokens[torch.arange(cfg["max_tokens"])[None, :] >= lengths[:, None]] = 0
        with torch.no_grad():
            faults, items, actions = model(tokens)
        cases.append({"tokens": tokens.tolist(), "faults": faults[0].tolist(), "items": items.tolist(), "actions": actions[0].tolist()})
    with open(args.out, "w") as f:
        json.dump({"cases": cases}, f)


if __name__ == "__main__":
    main()
