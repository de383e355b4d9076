"""The evidence tokenizer, the same steps as server/model/tokenizer.ts (read its doc comment): hashed word
pieces, deterministic, no download. test/fixtures/tokenizer-vectors.json holds ids both sides check."""
import re

_WORD = re.compile(r"<[a-z*]{1,8}>|[a-z0-9_]+|[!-/:-@\[-`{-~]")
_UPPER = re.compile(r"[A-Z]")
_NON_PRINTABLE = re.compile(r"[^\x20-\x7e]")
_DIGITS = re.compile(r"^[0-9]+$")


def words(text: str) -> list[str]:
    """The masked words of `text`."""
    ascii_text = _NON_PRINTABLE.sub(" ", _UPPER.sub(lambda m: m.group(0).lower(), text))
    return [_mask(w) for w in _WORD.findall(ascii_text)]


def _mask(word: str) -> str:
    if _DIGITS.match(word):
        return "<num>"
    if len(word) >= 12 and re.search(r"[0-9]", word) and re.search(r"[a-z]", word):
        return "<id>"
    return word


def pieces(text: str) -> list[str]:
    """The word pieces of `text`."""
    out = []
    for w in words(text):
        out.append("w:" + w)
        if len(w) > 4 and not w.startswith("<"):
            out.append("p:" + w[:4])
    return out


def fnv1a32(s: str) -> int:
    h = 0x811C9DC5
    for ch in s.encode("ascii"):
        h = ((h ^ ch) * 0x01000193) & 0xFFFFFFFF
    return h


def tokenize(text: str, vocab: int, max_tokens: int) -> list[int]:
    """`max_tokens` ids of `text`, padded with 0."""
    ids = [2 + fnv1a32(p) % (vocab - 2) for p in pieces(text)[:max_tokens]]
    return ids + [0] * (max_tokens - len(ids))
