#!/usr/bin/env python3
"""`anatomix analyze --json` writes only the JSON document on stdout, its log lines (the forced-analysis
warning among them) on stderr, so that scripts such as training/tools/pseudo_boxes.py can read it; an image
the checks refuse without --force fails with the reason on stderr.

usage: analyze_output_test.py ANATOMIX BUNDLE IMAGE_REFUSED_BY_THE_CHECK
"""
import json
import subprocess
import sys

anatomix, bundle, image = sys.argv[1:4]
command = [anatomix, "analyze", image, "--json", "--threads", "1", "--model", bundle]

refused = subprocess.run(command, capture_output=True, text=True)
assert refused.returncode != 0, f"the check accepted {image}: pick an image it refuses"
assert "does not look like a frontal chest radiograph" in refused.stderr, refused.stderr
assert refused.stdout.strip() == "", f"stdout of a refused image: {refused.stdout[:200]!r}"

forced = subprocess.run(command + ["--force"], capture_output=True, text=True)
assert forced.returncode == 0, forced.stderr
assert "analysing despite the check" in forced.stderr, f"no warning on stderr: {forced.stderr[:300]!r}"
document = json.loads(forced.stdout)  # fails when a log line precedes the document
assert len(document["anatomies"]) == 36, len(document["anatomies"])
print("analyze --json: stdout is one JSON document with 36 anatomies; the warning is on stderr")
