#!/bin/bash
# The engine on a GPU machine, from the working tree: builds the engine-only tree (ANATOMIX_BUILD_IMAGE_IO=OFF)
# against the LibTorch inside the machine's Python torch, compares the engine on CUDA with the engine on the CPU
# (engine_device_tests), checks the APM against PyTorch's reference where torchvision is there, and prints
# benchmark figures: the APM at 1024 px, a 2500-token prefill and decode tokens/s of the C++ Gemma 3 decoder
# beside Hugging Face transformers on the same random Gemma 3 270M weights and the same device.
# Its steps are sized to finish in about ten minutes on one data-centre GPU with 16 CPU cores; run from the
# repository root.
#
# Needs: a C++20 compiler, CMake >= 3.25, Python with torch (transformers for the language-model figures), and
# the headers of spdlog, {fmt}, nlohmann-json and the GoogleTest sources: either installed (Debian packages) or
# in ANATOMIX_HEADER_DEPS_DIR, made beforehand with packaging/device/collect_header_deps.sh (copy that folder to
# the GPU machine).
#
# Environment:
#   ANATOMIX_DEVICE_PYTHON    the Python whose torch is built against (default: python3)
#   ANATOMIX_HEADER_DEPS_DIR  the header folder (default: build-device-deps; made here if the packages exist)
#   ANATOMIX_DEVICE_BUILD     build folder (default: build-device); ANATOMIX_DEVICE_BUILD_TYPE (default: Release)
#   ANATOMIX_CHECK_DEVICE     cuda (default) or cpu: cpu hides every GPU (CUDA_VISIBLE_DEVICES=) to try the
#                             script on a machine without one; the parity tests then compare the CPU with itself
#   ANATOMIX_CHECK_PROMPT     prefill length (default 2500); ANATOMIX_CHECK_DECODE decode tokens (default 64)
#   ANATOMIX_CHECK_SMALL_LM=1 a 2-layer model of the Gemma 3 270M family instead of 18 layers (CPU tries)
#   ANATOMIX_CHECK_APM_RUNS   timed APM runs (default 10)
#   ANATOMIX_DEVICE_JOBS      build jobs (default: all cores)
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 1
root=$PWD
python=${ANATOMIX_DEVICE_PYTHON:-python3}
deps=${ANATOMIX_HEADER_DEPS_DIR:-build-device-deps}
case $deps in /*) ;; *) deps=$root/$deps ;; esac
build=${ANATOMIX_DEVICE_BUILD:-build-device}
case $build in /*) ;; *) build=$root/$build ;; esac
device=${ANATOMIX_CHECK_DEVICE:-cuda}
prompt=${ANATOMIX_CHECK_PROMPT:-2500}
decode=${ANATOMIX_CHECK_DECODE:-64}
apm_runs=${ANATOMIX_CHECK_APM_RUNS:-10}
jobs=${ANATOMIX_DEVICE_JOBS:-$(nproc)}
# Without a GPU the parity tests compare the CPU with itself (and bf16 with fp32), to try them and their figures.
[ "$device" = cpu ] && export CUDA_VISIBLE_DEVICES= ANATOMIX_PARITY_DEVICE=cpu
[ "$device" = cuda ] || [ "$device" = cpu ] || { echo "ANATOMIX_CHECK_DEVICE must be cuda or cpu" >&2; exit 2; }

summary=()
failed=0
# step NAME SECONDS COMMAND...: runs the command under a time limit and records its outcome.
step() {
  local name=$1 limit=$2
  shift 2
  echo
  echo "=== $name ($(date -u +%H:%M:%S))"
  local start=$SECONDS
  timeout "$limit" "$@"
  local status=$?
  local outcome=ok
  [ $status -eq 124 ] && outcome="TIMED OUT after ${limit}s"
  [ $status -ne 0 ] && [ $status -ne 124 ] && outcome="FAILED (exit $status)"
  [ $status -ne 0 ] && failed=1
  summary+=("$(printf '%-34s %-22s %4ds' "$name" "$outcome" $((SECONDS - start)))")
  return $status
}
skip() {
  echo
  echo "=== $1: skipped, $2"
  summary+=("$(printf '%-34s %-22s' "$1" "skipped ($2)")")
}
finish() {
  echo
  echo "=== summary (device $device)"
  printf '%s\n' "${summary[@]}"
  exit $failed
}

echo "=== machine"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
echo "cores $(nproc); $(cmake --version | head -1); $(${CXX:-c++} --version | head -1)"
if ! "$python" -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda, "C++11 ABI", torch.compiled_with_cxx11_abi(), "devices", torch.cuda.device_count())'; then
  echo "$python cannot import torch: set ANATOMIX_DEVICE_PYTHON" >&2
  exit 1
fi
if [ "$device" = cuda ] && ! "$python" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)'; then
  echo "torch sees no CUDA device; ANATOMIX_CHECK_DEVICE=cpu tries the script without one" >&2
  exit 1
fi

if [ ! -f "$deps/include/spdlog/spdlog.h" ]; then
  step "header dependencies" 60 packaging/device/collect_header_deps.sh "$deps" || finish
fi
generator="Unix Makefiles"
command -v ninja >/dev/null && generator=Ninja
step "configure (engine only)" 120 cmake -S "$root" -B "$build" -G "$generator" -DCMAKE_BUILD_TYPE="${ANATOMIX_DEVICE_BUILD_TYPE:-Release}" \
  -DANATOMIX_BUILD_GUI=OFF -DANATOMIX_BUILD_TRAINING=OFF -DANATOMIX_BUILD_IMAGE_IO=OFF \
  -DANATOMIX_TORCH_PYTHON="$(command -v "$python")" -DANATOMIX_PYTHON="$(command -v "$python")" \
  -DANATOMIX_HEADER_DEPS_DIR="$deps" || finish
step "build" 300 cmake --build "$build" -j "$jobs" \
  --target anatomix engine_device_tests engine_apm_tests bench_lm || finish

# CUDA against CPU on the shipped demonstration bundle (figures printed by the tests themselves).
step "engine cuda vs cpu" 120 "$build/bin/engine_device_tests"
if "$python" -c 'import torchvision' 2>/dev/null; then
  step "APM against PyTorch (cpu)" 180 ctest --test-dir "$build" --output-on-failure -R '^engine\.(fixture\.apm_|ApmNumerics)'
else
  skip "APM against PyTorch (cpu)" "no torchvision for the reference"
fi

step "bench: APM 1024 px on $device" 120 "$build/bin/anatomix" bench --apm full --runs "$apm_runs" --device "$device"
[ "$device" = cuda ] && step "bench: APM 1024 px on cpu" 120 "$build/bin/anatomix" bench --apm full --runs 2 --device cpu

lm_bundle=$build/gemma3-270m-random
small=()
[ "${ANATOMIX_CHECK_SMALL_LM:-0}" = 1 ] && { small=(--small); lm_bundle=$build/gemma3-small-random; }
if "$python" -c 'import transformers' 2>/dev/null; then
  step "random Gemma 3 bundle" 180 "$python" packaging/device/hf_gemma3_bench.py "$lm_bundle" "${small[@]}" --write-only
  step "bench: C++ decoder on $device" 180 "$build/bin/bench_lm" --bundle "$lm_bundle" --device "$device" \
    --prompt-lengths "$prompt" --decode "$decode" --precisions bf16 --threads "$(nproc)"
  step "bench: transformers on $device" 180 "$python" packaging/device/hf_gemma3_bench.py "$lm_bundle" "${small[@]}" \
    --device "$device" --prompt-length "$prompt" --decode "$decode"
else
  skip "language-model benchmarks" "no transformers to write the random bundle"
fi
finish
