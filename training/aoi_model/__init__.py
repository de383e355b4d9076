"""AOI's observer model: featurized incident states (scripts/model-data.ts), the evidence encoder, SFT and
GRPO training in a replay environment, and ONNX export with a manifest."""
