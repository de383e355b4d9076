"""Trains the observer model and exports it (training/README.md).

    python3 training/train.py --data training/data/examples.jsonl --out models/aoi-observer [--config small]
        [--phases sft,grpo] [--no-corrective] [--exclude-labels oom,disk_full] [--seed 0]

Runs as one process on the CPU, or under `torchrun --nproc_per_node N training/train.py ...` with DDP
(NCCL on GPUs, gloo on CPUs); rank 0 writes the checkpoint, the ONNX file and the manifest."""
import argparse
import copy
import datetime
import json
import os
import random
import sys
import time

import torch
import torch.distributed as dist

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from aoi_model.config import CONFIGS  # noqa: E402
from aoi_model.data import LABELS, action_space, incidents, read_jsonl  # noqa: E402
from aoi_model.export import export_onnx, write_manifest  # noqa: E402
from aoi_model.grpo import grpo_loss, rollouts  # noqa: E402
from aoi_model.model import EvidenceEncoder  # noqa: E402
from aoi_model.sft import all_pairs, corrective_loss, expert_states, sft_loss  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", nargs="+", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--config", default="small", choices=sorted(CONFIGS))
    ap.add_argument("--phases", default="sft,grpo")
    ap.add_argument("--no-corrective", action="store_true")
    ap.add_argument("--exclude-labels", default="")
    ap.add_argument("--exclude-names", default="")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--name", default="aoi-observer")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    args = ap.parse_args()
    cfg = CONFIGS[args.config]

    distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
    device = torch.device("cpu")
    if distributed:
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        dist.init_process_group(backend)
        if backend == "nccl":
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
            torch.cuda.set_device(device)
    elif torch.cuda.is_available():
        device = torch.device("cuda")
    rank = dist.get_rank() if distributed else 0
    world = dist.get_world_size() if distributed else 1
    if device.type == "cuda":
        torch.set_default_device(device)

    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    rows, digest = read_jsonl(args.data)
    excluded_labels = {l for l in args.exclude_labels.split(",") if l}
    excluded_names = {n for n in args.exclude_names.split(",") if n}
    rows = [r for r in rows if r["truth"]["fault"] not in excluded_labels and r["name"] not in excluded_names]
    incs = incidents(rows, cfg["vocab"], cfg["max_tokens"])
    actions = action_space(incs)
    model = EvidenceEncoder(cfg["vocab"], cfg["max_tokens"], len(LABELS), len(actions), cfg["d"], cfg["heads"], cfg["token_layers"], cfg["item_layers"]).to(device)
    wrapped = torch.nn.parallel.DistributedDataParallel(model, device_ids=[device] if device.type == "cuda" else None) if distributed else model
    pairs = [] if args.no_corrective else all_pairs(incs)
    phases = args.phases.split(",")
    rng = random.Random(args.seed * 1000 + rank)
    log = {"rank": rank, "world": world, "device": str(device), "incidents": len(incs), "pairs": len(pairs)}
    started = time.time()

    if "sft" in phases:
        samples = expert_states(incs, actions)
        opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=0.01)
        for epoch in range(cfg["sft_epochs"]):
            # Every rank shuffles alike and takes its own stride, so the ranks see disjoint samples.
            random.Random(args.seed * 131 + epoch).shuffle(samples)
            mine = samples[rank::world]
            for i in range(0, len(mine), cfg["batch"]):
                loss = sft_loss(wrapped, mine[i : i + cfg["batch"]], actions, cfg, rng)
                if pairs:
                    loss = loss + cfg["corrective_weight"] * corrective_loss(wrapped, pairs, cfg) / max(1, len(mine) // cfg["batch"])
                opt.zero_grad()
                loss.backward()
                opt.step()
        log["sft_loss"] = float(loss)

    if "grpo" in phases:
        ref = copy.deepcopy(model).eval()
        for p in ref.parameters():
            p.requires_grad_(False)
        opt = torch.optim.AdamW(model.parameters(), lr=cfg["grpo_lr"])
        gen = torch.Generator(device="cpu").manual_seed(args.seed * 7919 + rank)
        history = []
        for it in range(cfg["grpo_iters"]):
            order = random.Random(args.seed * 31 + it).sample(incs, len(incs))
            chosen = order[rank * cfg["grpo_incidents"] : (rank + 1) * cfg["grpo_incidents"]] or order[: cfg["grpo_incidents"]]
            model.eval()
            decisions, mean_reward, accuracy = rollouts(model, chosen, actions, cfg, gen)
            history.append((mean_reward, accuracy))
            model.train()
            for _ in range(cfg["inner_epochs"]):
                loss = grpo_loss(wrapped, ref, decisions, actions, cfg)
                if pairs:
                    loss = loss + cfg["corrective_weight"] * 0.1 * corrective_loss(wrapped, pairs, cfg)
                opt.zero_grad()
                loss.backward()
                opt.step()
        k = max(1, len(history) // 4)
        log["grpo_reward_first"] = sum(h[0] for h in history[:k]) / k
        log["grpo_reward_last"] = sum(h[0] for h in history[-k:]) / k
        log["grpo_accuracy_last"] = sum(h[1] for h in history[-k:]) / k

    log["seconds"] = round(time.time() - started, 1)
    if rank == 0:
        os.makedirs(args.out, exist_ok=True)
        if device.type == "cuda":
            torch.set_default_device("cpu")
        cpu_model = copy.deepcopy(model).cpu().float().eval()
        torch.save({"state": cpu_model.state_dict(), "config": cfg, "actions": actions}, os.path.join(args.out, "checkpoint.pt"))
        export_onnx(cpu_model, os.path.join(args.out, "model.onnx"), cfg["max_tokens"])
        version = f"{datetime.date.today().isoformat()}-{digest[:8]}-{args.config}-s{args.seed}"
        training = {"dataDigest": digest, "incidents": len(incs), "excludedLabels": sorted(excluded_labels), "phases": phases, "corrective": not args.no_corrective,
                    "config": args.config, "seed": args.seed, "torch": torch.__version__, "world": world, "device": str(device)}
        write_manifest(args.out, args.name, version, actions, cfg, training, {"train": log})
        print(json.dumps(log))
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
