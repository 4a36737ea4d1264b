#!/usr/bin/env python3
"""The rooms' boundaries, checked on the sources rather than kept by convention.

- No room's CMakeLists.txt puts another room's src/ folder on an include path or compiles its sources: what
  rooms share is a library target (e.g. anatomix_engine_model, anatomix_anatomy_rules). Tests may reach into
  the room they test.
- No torch, ATen or c10 header in viewer/, ui/, app/ or network/; no Qt header in inference/.
- No #include path that climbs into another room's src/.

usage: room_boundaries_test.py SOURCE_DIR
"""
import os
import re
import sys

ROOMS = ["app", "inference", "network", "training", "ui", "viewer", "resources", "packaging", "translations"]
TORCH_FREE = ["viewer", "ui", "app", "network"]
QT_FREE = ["inference"]
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc", ".cxx")
TORCH_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](torch|ATen|c10)/', re.M)
QT_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](Q[A-Z][A-Za-z]*|Qt[A-Za-z]+/)', re.M)
CMAKE_ROOM_SRC = re.compile(r'\$\{(?:CMAKE_SOURCE_DIR|PROJECT_SOURCE_DIR)\}/(\w+)/(?:[\w./-]*/)?src\b')
INCLUDE_INTO_SRC = re.compile(r'^\s*#\s*include\s*"(?:\.\./)+(\w+)/(?:[\w./-]*/)?src/', re.M)


def files_under(root, top, suffixes):
    for folder, _, names in os.walk(os.path.join(root, top)):
        for name in names:
            if name.endswith(suffixes) or name in suffixes:
                yield os.path.join(folder, name)


def main():
    root = os.path.abspath(sys.argv[1])
    failures = []
    for room in ROOMS:
        for path in files_under(root, room, ("CMakeLists.txt",)):
            for match in CMAKE_ROOM_SRC.finditer(open(path, encoding="utf-8").read()):
                if match.group(1) != room:
                    failures.append(f"{os.path.relpath(path, root)}: reaches into {match.group(0)}")
        for path in files_under(root, room, SOURCE_SUFFIXES):
            text = open(path, encoding="utf-8", errors="replace").read()
            relative = os.path.relpath(path, root)
            if room in TORCH_FREE and TORCH_INCLUDE.search(text):
                failures.append(f"{relative}: includes a LibTorch header")
            if room in QT_FREE and QT_INCLUDE.search(text):
                failures.append(f"{relative}: includes a Qt header")
            for match in INCLUDE_INTO_SRC.finditer(text):
                if match.group(1) != room:
                    failures.append(f"{relative}: includes another room's source ({match.group(0).strip()})")
    checked = sum(1 for room in ROOMS for _ in files_under(root, room, SOURCE_SUFFIXES + ("CMakeLists.txt",)))
    for failure in failures:
        print("FAIL", failure)
    print(f"room_boundaries_test: {checked} files checked,", "failed" if failures else "passed")
    sys.exit(1 if failures else 0 if checked > 100 else 2)


if __name__ == "__main__":
    main()
