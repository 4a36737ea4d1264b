#!/usr/bin/env python3
"""Writes images that are not frontal chest radiographs, for training and scoring the learned chest-radiograph check.

The check (`anatomix train gate`) learns "frontal chest radiograph or not" from the APM's image features with
generated and NIH radiographs as positives and these as negatives. Everything here is drawn from seeded random
numbers (no downloaded images), in eight kinds:
  ct_chest    axial chest CT-like slices: body outline, fat, lungs with vessels, heart, spine, ribs, table
  ct_head     axial head CT-like slices: skull, brain, ventricles
  lateral     lateral chest radiograph-like views: spine behind, heart in front, one lung field, sternum
  extremity   limb radiograph-like views: long bones with cortex and marrow, joints, soft tissue
  dental      panoramic dental radiograph-like views: two arches of teeth, mandible, spine shadows
  document    text pages, dark or light
  pattern     noise, gradients, stripes, checkerboards, blobs
  inverted    a frontal chest radiograph of the given study set with its grey values inverted (MONOCHROME1
              read as MONOCHROME2): the model must not read it as it stands
Shapes, contrasts, sizes, blur and noise vary per image, so that a check cannot learn one picture per kind.

usage: gate_negatives.py --out DIR --count N --seed S [--inverted-from SYNTH_DIR]
Writes DIR/<kind>_<index>.png (8-bit grey) and DIR/kinds.tsv (file, kind).
"""
import argparse
import glob
import os

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

KINDS = ("ct_chest", "ct_head", "lateral", "extremity", "dental", "document", "pattern", "inverted")


def finish(img, rng, blur=True):
    """Blur, noise and a random window; float image in [0, 1] -> uint8."""
    if blur:
        k = int(rng.integers(0, 3)) * 2 + 1
        if k > 1:
            img = cv2.GaussianBlur(img, (k, k), 0)
    img = img + rng.normal(0, rng.uniform(0.005, 0.05), img.shape)
    lo, hi = np.percentile(img, rng.uniform(0, 3)), np.percentile(img, rng.uniform(97, 100))
    img = np.clip((img - lo) / max(hi - lo, 1e-3), 0, 1) ** rng.uniform(0.7, 1.4)
    return (img * 255).astype(np.uint8)


def ellipse(img, centre, axes, angle, value, thickness=-1):
    cv2.ellipse(img, (int(centre[0]), int(centre[1])), (max(int(axes[0]), 1), max(int(axes[1]), 1)), angle, 0, 360,
                float(value), int(thickness))


def ct_chest(rng, size):
    img = np.zeros((size, size), np.float32)
    c = size / 2 + rng.normal(0, size * 0.02, 2)
    ax, ay = size * rng.uniform(0.38, 0.47), size * rng.uniform(0.26, 0.36)
    ellipse(img, c, (ax, ay), 0, 0.35)                        # fat
    ellipse(img, c, (ax * 0.93, ay * 0.9), 0, 0.45)          # muscle and organs
    for side in (-1, 1):                                      # lungs
        lc = (c[0] + side * ax * rng.uniform(0.38, 0.48), c[1] - ay * rng.uniform(0.0, 0.1))
        ellipse(img, lc, (ax * rng.uniform(0.3, 0.4), ay * rng.uniform(0.55, 0.7)), rng.uniform(-15, 15), 0.05)
        for _ in range(int(rng.integers(10, 40))):          # vessels
            p = (lc[0] + rng.normal(0, ax * 0.12), lc[1] + rng.normal(0, ay * 0.25))
            ellipse(img, p, (rng.uniform(1, size * 0.01),) * 2, 0, 0.4)
    ellipse(img, (c[0] + ax * rng.uniform(-0.05, 0.15), c[1] + ay * 0.05), (ax * 0.25, ay * 0.35), rng.uniform(0, 40), 0.55)
    spine = (c[0], c[1] + ay * 0.65)
    ellipse(img, spine, (ax * 0.12, ay * 0.16), 0, 0.9)       # vertebral body
    ellipse(img, (spine[0], spine[1] + ay * 0.25), (ax * 0.08, ay * 0.1), 0, 0.85, 3)
    for k in range(int(rng.integers(6, 12))):                 # ribs around the edge
        t = rng.uniform(0, 2 * np.pi)
        ellipse(img, (c[0] + np.cos(t) * ax * 0.88, c[1] + np.sin(t) * ay * 0.86), (size * 0.012, size * 0.02),
                np.degrees(t), 0.95)
    cv2.line(img, (0, int(c[1] + ay * 1.12)), (size, int(c[1] + ay * 1.12)), 0.6, max(2, size // 100))  # table
    if rng.random() < 0.5:                                    # circular field of view
        mask = np.zeros_like(img)
        ellipse(mask, (size / 2, size / 2), (size * 0.5, size * 0.5), 0, 1)
        img *= mask
    return finish(img, rng)


def ct_head(rng, size):
    img = np.zeros((size, size), np.float32)
    c = size / 2 + rng.normal(0, size * 0.02, 2)
    ax, ay = size * rng.uniform(0.3, 0.38), size * rng.uniform(0.36, 0.44)
    ellipse(img, c, (ax * 1.06, ay * 1.05), 0, 0.3)           # scalp
    ellipse(img, c, (ax, ay), 0, 1.0)                         # skull
    ellipse(img, c, (ax * 0.9, ay * 0.91), 0, 0.45)           # brain
    for side in (-1, 1):                                      # ventricles
        ellipse(img, (c[0] + side * ax * 0.12, c[1] - ay * 0.05), (ax * 0.06, ay * rng.uniform(0.15, 0.3)),
                side * rng.uniform(5, 20), 0.15)
    for _ in range(int(rng.integers(0, 3))):
        ellipse(img, c + rng.normal(0, ax * 0.4, 2), (rng.uniform(3, ax * 0.2),) * 2, 0, rng.uniform(0.2, 0.7))
    return finish(img, rng)


def lateral(rng, size):
    img = np.full((size, size), rng.uniform(0.0, 0.1), np.float32)
    front = rng.random() < 0.5                                # which side the patient faces
    cx, cy = size / 2, size / 2
    body = np.zeros_like(img)
    ellipse(body, (cx, cy + size * 0.05), (size * rng.uniform(0.3, 0.4), size * 0.6), 0, 0.55)
    img = np.maximum(img, body)
    ellipse(img, (cx, cy), (size * 0.26, size * rng.uniform(0.3, 0.36)), 0, 0.2)   # one lung field
    sx = cx + (1 if front else -1) * size * rng.uniform(0.2, 0.27)                   # spine behind
    for k in range(10):
        y = size * (0.12 + 0.08 * k)
        cv2.rectangle(img, (int(sx - size * 0.04), int(y)), (int(sx + size * 0.04), int(y + size * 0.06)), 0.8, -1)
    hx = cx - (1 if front else -1) * size * 0.08
    ellipse(img, (hx, cy + size * 0.12), (size * 0.15, size * 0.17), 0, 0.6)       # heart in front
    stx = cx - (1 if front else -1) * size * 0.3
    cv2.line(img, (int(stx), int(size * 0.2)), (int(stx + (1 if front else -1) * size * 0.03), int(size * 0.6)), 0.8,
             max(2, size // 60))                                                   # sternum
    ellipse(img, (cx, size * 0.78), (size * 0.3, size * 0.08), 0, 0.6)            # diaphragm domes
    return finish(img, rng)


def extremity(rng, size):
    img = np.full((size, size), rng.uniform(0.0, 0.15), np.float32)
    angle = rng.uniform(-30, 30)
    tissue = np.zeros_like(img)
    cv2.rectangle(tissue, (int(size * 0.28), 0), (int(size * 0.72), size), 0.3, -1)
    img = np.maximum(img, tissue)
    bones = int(rng.integers(1, 3))
    for b in range(bones):
        x = size * (0.5 + (b - (bones - 1) / 2) * 0.14)
        w = size * rng.uniform(0.05, 0.09)
        joint = size * rng.uniform(0.3, 0.7)
        for y0, y1 in ((0, joint - size * 0.02), (joint + size * 0.02, size)):
            cv2.rectangle(img, (int(x - w), int(y0)), (int(x + w), int(y1)), 0.9, -1)      # cortex
            cv2.rectangle(img, (int(x - w * 0.55), int(y0)), (int(x + w * 0.55), int(y1)), 0.6, -1)  # marrow
        ellipse(img, (x, joint - size * 0.03), (w * 1.4, size * 0.03), 0, 0.9)
    m = cv2.getRotationMatrix2D((size / 2, size / 2), angle, 1.0)
    img = cv2.warpAffine(img, m, (size, size), borderValue=float(img[0, 0]))
    return finish(img, rng)


def dental(rng, size):
    width, height = size, int(size * rng.uniform(0.45, 1.0))
    img = np.full((height, width), 0.15, np.float32)
    ellipse(img, (width / 2, height * 0.2), (width * 0.45, height * 0.75), 0, 0.4)   # mandible
    for arch, direction in ((0.42, -1), (0.58, 1)):
        for k in range(14):
            x = width * (0.12 + 0.76 * k / 13)
            curve = height * 0.06 * ((x - width / 2) / (width / 2)) ** 2
            y = height * arch - direction * curve
            ellipse(img, (x, y + direction * height * 0.06), (width * 0.022, height * 0.09), 0, 0.95)
    for side in (0.05, 0.95):
        cv2.rectangle(img, (int(width * side - width * 0.03), 0), (int(width * side + width * 0.03), height), 0.5, -1)
    return finish(img, rng)


def document(rng, size):
    dark = rng.random() < 0.3
    page = Image.new("L", (size, size), 20 if dark else 235)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default()
    words = ["chest", "report", "patient", "normal", "lung", "heart", "study", "date", "findings", "impression",
             "left", "right", "no", "acute", "disease", "signed", "radiology", "page", "of", "1"]
    y = int(size * 0.05)
    while y < size * 0.95:
        line = " ".join(rng.choice(words, int(rng.integers(3, 12))))
        draw.text((int(size * 0.05), y), line, fill=230 if dark else 25, font=font)
        y += int(rng.integers(12, 30))
    img = np.asarray(page, np.float32) / 255
    return finish(img, rng, blur=False)


def pattern(rng, size):
    kind = int(rng.integers(0, 5))
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size
    if kind == 0:
        img = rng.random((size, size)).astype(np.float32)
    elif kind == 1:
        a = rng.uniform(0, 2 * np.pi)
        img = np.cos(a) * xx + np.sin(a) * yy
    elif kind == 2:
        f = rng.uniform(3, 30)
        img = 0.5 + 0.5 * np.sin(2 * np.pi * f * (xx if rng.random() < 0.5 else yy))
    elif kind == 3:
        n = int(rng.integers(2, 16))
        img = ((np.floor(xx * n) + np.floor(yy * n)) % 2).astype(np.float32)
    else:
        img = np.zeros((size, size), np.float32)
        for _ in range(int(rng.integers(3, 30))):
            ellipse(img, rng.uniform(0, size, 2), rng.uniform(size * 0.02, size * 0.3, 2), rng.uniform(0, 180),
                    rng.uniform(0.1, 1.0))
        img = cv2.GaussianBlur(img, (0, 0), size * rng.uniform(0.002, 0.03))
    return finish(img.astype(np.float32), rng)


def inverted(rng, size, sources):
    path = sources[int(rng.integers(0, len(sources)))]
    img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise SystemExit(f"gate_negatives: cannot read {path}")
    return 255 - img


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, required=True, help="images of each kind")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--inverted-from", help="folder of frontal chest radiographs (PNG) to invert")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    sources = sorted(glob.glob(os.path.join(args.inverted_from, "**", "*.png"), recursive=True)) if args.inverted_from else []
    kinds = [k for k in KINDS if k != "inverted" or sources]
    rows = []
    for kind_index, kind in enumerate(kinds):
        for i in range(args.count):
            rng = np.random.default_rng([args.seed, kind_index, i])
            size = int(rng.choice([256, 384, 512, 768]))
            img = inverted(rng, size, sources) if kind == "inverted" else globals()[kind](rng, size)
            name = f"{kind}_{i:05d}.png"
            cv2.imwrite(os.path.join(args.out, name), img)
            rows.append((name, kind))
    with open(os.path.join(args.out, "kinds.tsv"), "w") as stream:
        stream.write("file\tkind\n")
        for name, kind in rows:
            stream.write(f"{name}\t{kind}\n")
    print(f"gate_negatives: {len(rows)} images of {len(kinds)} kinds in {args.out}")


if __name__ == "__main__":
    main()
