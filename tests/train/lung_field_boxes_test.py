#!/usr/bin/env python3
"""training/tools/lung_field_boxes.py on drawn radiographs whose lung fields are known: a body with two dark
lung fields and the heart bulging into the one on the image's right (the patient's left in standard display).
The boxes must match the drawn fields and be named by the heart's side; the mirror of the film (heart on the
image's left) and a blank film must be left out, never named by the display side or guessed. With --heart the
heart read from the fields' medial edges must lie on the drawn heart, and a heart box given with --with is kept.

usage: lung_field_boxes_test.py TOOL_PATH WORK_DIR
"""
import json
import os
import subprocess
import sys

import numpy as np
from PIL import Image


def ellipse(h, w, cx, cy, rx, ry):
    y, x = np.ogrid[:h, :w]
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1


def drawn_film(size=512):
    """(pixels uint8, right-lung box, left-lung box, heart box) with the heart on the image's right."""
    h = w = size
    rng = np.random.default_rng(7)
    film = np.full((h, w), 20.0)
    film[ellipse(h, w, w / 2, h * 0.55, w * 0.46, h * 0.6)] = 200  # body
    right = ellipse(h, w, w * 0.30, h * 0.47, w * 0.13, h * 0.30)  # image left
    left = ellipse(h, w, w * 0.70, h * 0.47, w * 0.13, h * 0.30)
    heart = ellipse(h, w, w * 0.54, h * 0.70, w * 0.15, h * 0.12)
    left &= ~heart
    right &= ~heart
    film[right | left] = 70
    film += rng.normal(0, 4, film.shape)
    boxes = []
    for mask in (right, left, heart):
        ys, xs = np.nonzero(mask)
        boxes.append([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1])
    return np.clip(film, 0, 255).astype(np.uint8), boxes[0], boxes[1], boxes[2]


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy
    return ix * iy / union


def main():
    tool, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    for name in os.listdir(work):
        os.remove(os.path.join(work, name))
    film, right, left, drawn_heart = drawn_film()
    Image.fromarray(film).save(os.path.join(work, "standard.png"))
    Image.fromarray(film[:, ::-1].copy()).save(os.path.join(work, "mirrored.png"))
    Image.fromarray(np.full((512, 512), 128, np.uint8)).save(os.path.join(work, "blank.png"))
    Image.fromarray(film).save(os.path.join(work, "expert_heart.png"))
    heart = {"blank.png": {"size": [512, 512], "view": "PA", "Heart": [200, 300, 340, 420]},
             "expert_heart.png": {"size": [512, 512], "view": "PA", "Heart": [190, 290, 350, 425]}}
    with open(os.path.join(work, "heart.json"), "w") as stream:
        json.dump(heart, stream)
    out = os.path.join(work, "boxes.json")
    failures = []
    subprocess.run([sys.executable, tool, work, "--out", out], check=True)
    if "Heart" in json.load(open(out)).get("standard.png", {}):
        failures.append("standard.png: a heart box without --heart")
    subprocess.run([sys.executable, tool, work, "--out", out, "--with", os.path.join(work, "heart.json"), "--heart"],
                   check=True)
    boxes = json.load(open(out))
    standard = boxes.get("standard.png", {})
    for key, truth in (("Right lung", right), ("Left lung", left)):
        if key not in standard:
            failures.append(f"standard.png: no {key}")
        elif iou(standard[key], truth) < 0.9:
            failures.append(f"standard.png: {key} {standard[key]} against {truth}, IoU {iou(standard[key], truth):.3f}")
    found = standard.get("Heart")
    if not found:
        failures.append("standard.png: no heart with --heart")
    elif iou(found, drawn_heart) < 0.45 or not drawn_heart[0] < (found[0] + found[2]) / 2 < drawn_heart[2]:
        failures.append(f"standard.png: heart {found} against the drawn {drawn_heart}, IoU {iou(found, drawn_heart):.3f}")
    if standard.get("size") != [512, 512]:
        failures.append(f"standard.png: size {standard.get('size')}")
    if "Left lung" in boxes.get("mirrored.png", {}):
        failures.append("mirrored.png: lungs named although the heart lies on the image's left")
    if boxes.get("expert_heart.png", {}).get("Heart") != heart["expert_heart.png"]["Heart"]:
        failures.append(f"expert_heart.png: the given heart box replaced by {boxes.get('expert_heart.png')}")
    if "Left lung" not in boxes.get("expert_heart.png", {}):
        failures.append("expert_heart.png: no lung fields beside the given heart box")
    if boxes.get("blank.png") != heart["blank.png"]:
        failures.append(f"blank.png: {boxes.get('blank.png')} instead of only the kept heart box")
    for failure in failures:
        print("FAIL", failure)
    print("lung_field_boxes_test:", "failed" if failures else "passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
