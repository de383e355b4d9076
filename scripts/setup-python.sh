#!/usr/bin/env bash
# Idempotent installer for what the model tests need (test/integration/model-training.test.ts): Debian's
# python3-torch (CPU) and python3-onnx for /usr/bin/python3 (the Python on PATH may be another one without
# them). Offline-safe: Debian packages only. When both import, it only checks.
set -euo pipefail

if /usr/bin/python3 -c 'import torch, onnx' 2>/dev/null; then
  echo "python3-torch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "setup-python: /usr/bin/python3 lacks torch or onnx; as root run:" >&2
  echo "  apt-get update && apt-get install -y python3-torch python3-onnx" >&2
  exit 0 # the model tests skip without them
fi
echo "setup-python: installing python3-torch python3-onnx (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq python3-torch python3-onnx >/dev/null
/usr/bin/python3 -c 'import torch, onnx; print("python3-torch:", torch.__version__)'
