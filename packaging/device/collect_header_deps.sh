#!/bin/sh
# Copies what an engine-only build needs besides a compiler, CMake, Ninja and Python's torch into one folder
# (about 5 MB): the headers of spdlog, {fmt} and nlohmann-json and the GoogleTest sources, from the Debian
# packages libspdlog-dev, libfmt-dev, nlohmann-json3-dev and googletest. Configure with
# -DANATOMIX_HEADER_DEPS_DIR=<folder>.
set -eu
out=${1:?usage: collect_header_deps.sh OUT_DIR}
for path in /usr/include/spdlog/spdlog.h /usr/include/fmt/core.h /usr/include/nlohmann/json.hpp \
            /usr/src/googletest/googletest/CMakeLists.txt; do
  [ -e "$path" ] || { echo "collect_header_deps.sh: $path is missing (apt install libspdlog-dev libfmt-dev nlohmann-json3-dev googletest)" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out/include"
cp -r /usr/include/spdlog /usr/include/fmt /usr/include/nlohmann "$out/include/"
cp -r /usr/src/googletest/googletest "$out/googletest"
echo "header dependencies in $out: $(du -sh "$out" | cut -f1)"
