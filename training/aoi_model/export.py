"""ONNX export with the TorchScript exporter (`dynamo=False` where torch has the argument) and the manifest
server/model/manifest.ts reads."""
import inspect
import json
import os

import torch

from .data import LABELS

IO = {"tokens": "tokens", "faults": "fault_logits", "items": "item_logits", "actions": "action_logits"}


def export_onnx(model, path: str, max_tokens: int) -> None:
    model.eval()
    example = torch.randint(2, 100, (7, max_tokens), dtype=torch.long)
    kwargs = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(model, (example,), path, input_names=[IO["tokens"]], output_names=[IO["faults"], IO["items"], IO["actions"]],
                      dynamic_axes={IO["tokens"]: {0: "items"}, IO["items"]: {0: "items"}}, opset_version=17, do_constant_folding=True, **kwargs)


def write_manifest(out_dir: str, name: str, version: str, actions: list, cfg: dict, training: dict, metrics: dict) -> None:
    manifest = {
        "format": 1,
        "name": name,
        "version": version,
        "file": "model.onnx",
        "labels": LABELS,
        "actions": actions,
        "tokenizer": {"kind": "hashed-word-pieces", "vocab": cfg["vocab"], "maxTokens": cfg["max_tokens"]},
        "maxItems": cfg["serve_items"],
        "io": IO,
        "modelWeight": cfg["model_weight"],
        "training": training,
        "metrics": metrics,
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
