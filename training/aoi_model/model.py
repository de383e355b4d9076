"""The evidence encoder: a small transformer over the tokens of each evidence item, mean-pooled into one
vector per item, then a transformer over the items of the incident state (a set: no positions), with three
heads: fault label logits, per-item localization logits and next-action (probe catalog id or submit) logits.
Hand-written attention (no fused kernels) so the TorchScript ONNX exporter gives the same graph everywhere."""
import math

import torch
from torch import nn

NEG = -1e4


class Attention(nn.Module):
    def __init__(self, d: int, heads: int):
        super().__init__()
        self.heads, self.dh = heads, d // heads
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, d = x.shape
        q, k, v = self.qkv(x).reshape(b, t, 3, self.heads, self.dh).permute(2, 0, 3, 1, 4)
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.dh)) + bias
        y = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.out(y.transpose(1, 2).reshape(b, t, d))


class Block(nn.Module):
    def __init__(self, d: int, heads: int):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.attn = Attention(d, heads)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.ln1(x), bias)
        return x + self.mlp(self.ln2(x))


class EvidenceEncoder(nn.Module):
    def __init__(self, vocab: int, max_tokens: int, labels: int, actions: int, d: int = 64, heads: int = 4, token_layers: int = 1, item_layers: int = 2):
        super().__init__()
        self.embed = nn.Embedding(vocab, d, padding_idx=0)
        self.pos = nn.Parameter(torch.randn(max_tokens, d) * 0.02)
        self.token_blocks = nn.ModuleList([Block(d, heads) for _ in range(token_layers)])
        self.item_blocks = nn.ModuleList([Block(d, heads) for _ in range(item_layers)])
        self.ln = nn.LayerNorm(d)
        self.loc = nn.Linear(d, 1)
        self.pool = nn.Linear(d, 1)
        self.faults = nn.Sequential(nn.Linear(2 * d, d), nn.GELU(), nn.Linear(d, labels))
        self.actions = nn.Sequential(nn.Linear(2 * d, d), nn.GELU(), nn.Linear(d, actions))

    def encode_items(self, flat: torch.Tensor) -> torch.Tensor:
        """Token ids [M, L] -> one vector per item [M, d]: the token transformer, mean-pooled over real tokens."""
        mask = flat != 0
        x = self.embed(flat) + self.pos[: flat.shape[1]]
        tbias = (~mask).to(x.dtype)[:, None, None, :] * NEG
        for b in self.token_blocks:
            x = b(x, tbias)
        m = mask.to(x.dtype)[..., None]
        return (x * m).sum(1) / m.sum(1).clamp(min=1.0)

    def forward_batch(self, tokens: torch.Tensor, item_mask: torch.Tensor, dedupe: bool = False):
        """tokens [S, N, L] int64, item_mask [S, N] bool -> fault [S, F], items [S, N], actions [S, A] logits.
        `dedupe` encodes each distinct item once (states of one incident share most items): same result, less work."""
        s, n, l = tokens.shape
        flat = tokens.reshape(s * n, l)
        if dedupe:
            distinct, inverse = torch.unique(flat, dim=0, return_inverse=True)
            items = self.encode_items(distinct)[inverse].reshape(s, n, -1)
        else:
            items = self.encode_items(flat).reshape(s, n, -1)
        imask = item_mask.to(items.dtype)
        ibias = (1.0 - imask)[:, None, None, :] * NEG
        for b in self.item_blocks:
            items = b(items, ibias)
        z = self.ln(items)
        item_logits = self.loc(z)[..., 0]
        weights = torch.softmax(self.pool(z)[..., 0] + (1.0 - imask) * NEG, dim=1)
        attended = (weights[..., None] * z).sum(1)
        mean = (z * imask[..., None]).sum(1) / imask.sum(1, keepdim=True).clamp(min=1.0)
        g = torch.cat([attended, mean], dim=-1)
        return self.faults(g), item_logits, self.actions(g)

    def forward(self, tokens: torch.Tensor, item_mask: torch.Tensor = None):
        """With `item_mask`, forward_batch. Without it, the exported graph: the items of one state, tokens [N, L] ->
        fault [1, F], items [N], actions [1, A]."""
        if item_mask is not None:
            return self.forward_batch(tokens, item_mask, dedupe=True)
        t = tokens[None]
        faults, items, actions = self.forward_batch(t, torch.ones_like(t[:, :, 0], dtype=torch.bool))
        return faults, items[0], actions
