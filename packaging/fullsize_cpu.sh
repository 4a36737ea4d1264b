#!/bin/bash
# The published model's full sizes on a CPU, with random weights: writes the published checkpoint layout at full
# size (tests/import/make_fullsize_checkpoints.py), imports it (`anatomix import --dtype bf16`), analyses an image
# and streams a report with the bundle, and runs `anatomix bench` on it beside llama.cpp (PyPI llama-cpp-python)
# on a GGUF of the same tensors (inference/tools/bundle_to_gguf.py) and beside the memory-bandwidth bound.
# Prints each step's wall time and peak resident memory (GNU time). README: "Full size on a CPU".
#
# Usage: packaging/fullsize_cpu.sh WORKDIR [IMAGE]   (from anywhere; WORKDIR needs about 20 GB free; IMAGE: a
# chest radiograph, by default the generated sample study in resources/samples)
# Environment:
#   ANATOMIX_BIN          the anatomix program (default: build/bin/anatomix)
#   ANATOMIX_PYTHON       Python with torch, sentencepiece, gguf and llama-cpp-python (default: build/venv/bin/python)
#   ANATOMIX_TOKENIZER    Gemma 3's tokenizer.model (default: build/test-data/gemma3-270m/tokenizer.model, written
#                         by the lm tests' fixture)
#   FULLSIZE_THREADS      CPU threads (default 2); FULLSIZE_PROMPTS prefill lengths of the LM benchmark (default
#                         512,2048); FULLSIZE_DECODE decoded tokens (default 16)
# Disk: the checkpoints (10.7 GB) are deleted once imported, before the GGUF (9.1 GB) is written beside the bundle
# (9.2 GB); the bundle and the GGUF stay in WORKDIR.
set -euo pipefail

[ $# -ge 1 ] || { sed -n '2,/^set /p' "$0" | sed '$d'; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$1
image=${2:-$repo/resources/samples/cardiomegaly_effusion_000000.dcm}
anatomix=${ANATOMIX_BIN:-$repo/build/bin/anatomix}
python=${ANATOMIX_PYTHON:-$repo/build/venv/bin/python}
tokenizer=${ANATOMIX_TOKENIZER:-$repo/build/test-data/gemma3-270m/tokenizer.model}
threads=${FULLSIZE_THREADS:-2}
prompts=${FULLSIZE_PROMPTS:-512,2048}
decode=${FULLSIZE_DECODE:-16}
for needed in "$anatomix" "$python" "$tokenizer" "$image"; do
  [ -e "$needed" ] || { echo "fullsize_cpu.sh: $needed is missing" >&2; exit 1; }
done
mkdir -p "$work"
cd "$work"

# Runs a step under GNU time; prints its wall time and peak resident memory after its output.
step() {
  local name=$1
  shift
  echo
  echo "=== $name: $* ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -f "=== $name: wall %e s, peak RSS %M KiB" "$@"
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB memory"
rm -rf checkpoints bundle anatomix-lm.bf16.gguf
step "write random checkpoints at the published sizes" \
  "$python" "$repo/tests/import/make_fullsize_checkpoints.py" "$tokenizer" checkpoints
step "import (bf16)" "$anatomix" import --apm checkpoints/apm --lm checkpoints/lm.pt --vector-db checkpoints/emb_db.pt \
  --base checkpoints/base --out bundle --dtype bf16
rm -rf checkpoints
step "GGUF of the bundle's language model" "$python" "$repo/inference/tools/bundle_to_gguf.py" bundle anatomix-lm.bf16.gguf
step "analyze" "$anatomix" analyze "$image" --model bundle --threads "$threads" --force
step "ask --task report (streamed)" "$anatomix" ask "$image" --task report --max-new-tokens "$decode" --model bundle \
  --threads "$threads" --force
# Two processes, so that each peak resident memory is its own: the APM and a report request end to end, then the
# decoder beside llama.cpp.
step "bench: APM and a report request" "$anatomix" bench --apm full --runs 3 --model bundle --max-new-tokens "$decode" \
  --threads "$threads"
step "bench: decoder beside llama.cpp" "$anatomix" bench --apm none --lm-bundle bundle --gguf anatomix-lm.bf16.gguf \
  --python "$python" --tools "$repo/inference/tools" --lm-precisions bf16 --prompt-lengths "$prompts" \
  --decode-tokens "$decode" --threads "$threads"
echo
echo "llama.cpp ran anatomix-lm.bf16.gguf: the bundle's own random bf16 tensors written as a Gemma 3 GGUF, so both"
echo "programs run the same weights; speed does not depend on their values."
