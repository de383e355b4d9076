"""The Python tokenizer gives the shared test vectors' pieces and ids (the TypeScript side checks the same file)."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from aoi_model.tokenizer import pieces, tokenize  # noqa: E402

VECTORS = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "tokenizer-vectors.json")


class TokenizerVectors(unittest.TestCase):
    def test_vectors(self):
        with open(VECTORS, encoding="utf-8") as f:
            v = json.load(f)
        p = v["params"]
        for case in v["cases"]:
            self.assertEqual(pieces(case["text"]), case["pieces"], case["text"])
            self.assertEqual(tokenize(case["text"], p["vocab"], p["maxTokens"]), case["ids"], case["text"])


if __name__ == "__main__":
    unittest.main()
