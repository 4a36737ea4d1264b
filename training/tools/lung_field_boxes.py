#!/usr/bin/env python3
"""Boxes of the two lung fields on real frontal chest radiographs, by classical image processing.

Pseudo-labels for training on unlabelled real films (NIH ChestX-ray14, NIH Clinical Center): the aerated lung
fields are the large dark regions inside the body, so a threshold inside the thorax, a morphological opening,
the two largest components that do not touch the image border and a marker watershed give their boxes, as the
rule-based lung segmentations before deep learning did (e.g. Armato et al., Acad Radiol 1998; van Ginneken et
al., IEEE TMI 2001). Films whose fields are not found cleanly (opaque lungs, large effusions, rotated or
cropped films) are left out rather than guessed: every kept box passes shape checks and the two fields must be
mirror-plausible.

Names follow the anatomy, not the display side: the heart bulges into the patient's left lung field, so the
field whose lower medial edge lies farther from the midline between the two fields is the left lung. Films
where that reading is not clear, or says the heart lies on the image left (a mirrored film, situs inversus or a
misreading this rule cannot tell apart), are left out.

Writes DIR/boxes.json in the format `anatomix eval --real` and the trainer's `real_boxes` read:
  {"FILE": {"size": [w, h], "view": "", "Right lung": [x1, y1, x2, y2], "Left lung": [...]}, "_note": ...}
Boxes are in original-image pixels, x2/y2 exclusive.

With --with BOXES_JSON (e.g. the expert heart boxes prepare_nih.py writes), its boxes are kept and the lung
fields added: the trainer's `real_boxes` file for the films of DIR. With --heart, films without such a heart
box get one read from the medial edges of their lung fields (heart_box), so that normal hearts are learnt
beside the enlarged ones NIH's boxes show.

usage: lung_field_boxes.py DIR [--out FILE] [--with BOXES_JSON] [--heart] [--sheet contact.png]
                           [--check BOXES_JSON]
"""
import argparse
import json
import os
import sys

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

WORK = 256  # processing size of the long side


def disk(radius):
    y, x = np.ogrid[-radius:radius + 1, -radius:radius + 1]
    return x * x + y * y <= radius * radius


def lung_fields(gray):
    """(right_box, left_box, reason) in working pixels of `gray` (H x W float in [0, 1]), or None boxes."""
    h, w = gray.shape
    lo, hi = np.percentile(gray, [1, 99])
    g = np.clip((gray - lo) / max(1e-6, hi - lo), 0, 1)
    g = ndimage.gaussian_filter(g, 1.5)
    # Lungs reach the dark air outside the body through the chest wall and the axillae at a threshold that
    # takes all of them in: the darkest share of the central thorax that leaves two large fields standing free
    # of the border (after a small opening) gives the fields; the highest such share gives the largest fields.
    core = g[int(0.15 * h):int(0.8 * h), int(0.15 * w):int(0.85 * w)]
    border = np.zeros(g.shape, dtype=bool)
    border[0, :] = border[-1, :] = border[:, 0] = border[:, -1] = True
    sides = {}
    for share in (50, 45, 40, 35, 30, 25, 20):
        dark = ndimage.binary_opening(g < np.percentile(core, share), structure=disk(3))
        labels, count = ndimage.label(dark)
        touching = set(np.unique(labels[border & dark]))
        sizes = ndimage.sum(np.ones_like(g), labels, index=np.arange(1, count + 1)) if count else []
        sides = {}
        for index in sorted(range(1, count + 1), key=lambda i: -sizes[i - 1]):
            if index in touching or sizes[index - 1] < 0.02 * h * w:
                continue
            ys, xs = np.nonzero(labels == index)
            if xs.min() < w / 2 < xs.max():
                sides = {}  # a field joined across the midline: a darker share may part it
                break
            sides.setdefault("image_left" if xs.mean() < w / 2 else "image_right", (ys, xs))
        if len(sides) == 2:
            break
    if len(sides) != 2:
        return None, None, "two lung fields free of the border and of each other not found"
    # The darker share finds the fields but not all of them (apices and bases are brighter): grow them back to
    # the strongest edges around them, a marker watershed on the gradient against the bright tissue and the
    # air outside the body.
    markers = np.zeros(g.shape, dtype=np.int16)
    markers[g > np.percentile(core, 75)] = 3
    markers[border] = 3
    outside = np.isin(labels, [t for t in touching if t != 0])
    markers[outside] = 3
    for value, side in ((1, "image_left"), (2, "image_right")):
        field = np.zeros(g.shape, dtype=bool)
        field[sides[side]] = True
        markers[ndimage.binary_erosion(field, structure=disk(2)) | (field & ~ndimage.binary_erosion(field))] = value
    gradient = ndimage.gaussian_gradient_magnitude(g, 1.5)
    gradient = np.round(65535 * gradient / max(1e-6, gradient.max())).astype(np.uint16)
    grown = ndimage.watershed_ift(gradient, markers)
    boxes = {}
    for value, side in ((1, "image_left"), (2, "image_right")):
        mask = ndimage.binary_fill_holes(grown == value)
        ys, xs = np.nonzero(mask)
        boxes[side] = (mask, [float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1)])
    (ml, bl), (mr, br) = boxes["image_left"], boxes["image_right"]
    for b in (bl, br):
        bw, bh = b[2] - b[0], b[3] - b[1]
        if bh < 0.35 * h or bw < 0.15 * w or bw > 0.5 * w or bh / bw < 1.0 or bh / bw > 3.5:
            return None, None, "a field has an implausible shape"
        if (ml if b is bl else mr)[int(b[1]):int(b[3]), int(b[0]):int(b[2])].mean() < 0.45:
            return None, None, "a field fills less than 0.45 of its box"
    if abs(bl[1] - br[1]) > 0.12 * h or abs(bl[3] - br[3]) > 0.1 * h:
        return None, None, "the fields are not at the same height"
    if bl[2] > br[0]:
        return None, None, "the fields overlap"
    # The heart: in the lower third of the fields, the medial edge of the patient's left field lies farther
    # from the midline between them than the right one's.
    midline = (bl[2] + br[0]) / 2
    top = int(bl[1] + 0.6 * (min(bl[3], br[3]) - bl[1]))
    bottom = int(min(bl[3], br[3]))
    gaps = []
    for mask, toward in ((ml, +1), (mr, -1)):
        rows = mask[top:bottom]
        edge = []
        for row in rows:
            xs = np.nonzero(row)[0]
            if xs.size:
                edge.append(xs.max() + 1 if toward > 0 else xs.min())
        if len(edge) < 5:
            return None, None, "no lower medial edge"
        gaps.append(abs(np.median(edge) - midline))
    if max(gaps) < 1.3 * min(gaps):
        return None, None, "the heart's side is not clear"
    if gaps[1] < gaps[0]:
        # Left out rather than named: a mirrored film and a misread heart look alike to this rule.
        return None, None, "the heart seems to lie on the image left"
    lung_fields.masks = (ml, mr)  # for heart_box on the same film
    return bl, br, ""


def heart_box(image_left_field, image_right_field, bl, br):
    """The heart's box from the two lung fields (working pixels), or None where it is not plausible.

    On a frontal film the heart's borders are the lung fields' medial edges, as a cardiothoracic ratio is read:
    the right border bulges into the patient's right field (image left), the left border into the left field.
    The box spans the farthest reach of each border in the fields' lower half and runs down to the lower of the
    two cardiophrenic angles, the lowest point of each field in a band just lateral to its heart border; its top
    is at 0.425 of the fields' height, where NIH's heart boxes of the "adapt" films start. Nothing is added
    beyond the borders: NIH's boxes, drawn loosely around enlarged hearts, would make every heart large.
    """
    top, bottom = (bl[1] + br[1]) / 2, (bl[3] + br[3]) / 2
    width = br[2] - bl[0]
    first = int(bl[1] + 0.5 * (min(bl[3], br[3]) - bl[1]))
    last = int(bl[1] + 0.95 * (min(bl[3], br[3]) - bl[1]))
    right_edges, left_edges = [], []
    for y in range(first, last):
        xs = np.nonzero(image_left_field[y])[0]
        if xs.size:
            right_edges.append(xs.max() + 1)
        xs = np.nonzero(image_right_field[y])[0]
        if xs.size:
            left_edges.append(xs.min())
    if len(right_edges) < 5 or len(left_edges) < 5:
        return None
    right_border, left_border = float(np.percentile(right_edges, 25)), float(np.percentile(left_edges, 95))
    band = 0.05 * width

    def lowest_row(field, x1, x2):
        rows = np.nonzero(field[:, max(0, int(x1)):max(0, int(x2)) + 1].any(axis=1))[0]
        return float(rows.max() + 1) if rows.size else None

    angles = (lowest_row(image_left_field, right_border - band, right_border),
              lowest_row(image_right_field, left_border, left_border + band))
    if None in angles:
        return None
    box = [right_border, top + 0.425 * (bottom - top), left_border, max(angles)]
    midline = (bl[2] + br[0]) / 2
    if not box[0] < midline < box[2] or not 0.3 <= (box[2] - box[0]) / width <= 0.8 or box[3] <= box[1]:
        return None
    return box


def process(path):
    image = Image.open(path)
    image = image.convert("I;16") if image.mode.startswith("I") else image.convert("L")
    arr = np.asarray(image, dtype=np.float32)
    arr = arr / (65535.0 if arr.max() > 255 else 255.0)
    height, width = arr.shape
    scale = WORK / max(height, width)
    small = np.asarray(Image.fromarray(arr).resize((max(1, round(width * scale)), max(1, round(height * scale))),
                                                   Image.BILINEAR))
    right, left, reason = lung_fields(small)
    if right is None:
        return (width, height), None, None, None, reason
    heart = heart_box(*lung_fields.masks, right, left)
    to_original = lambda b: [round(min(max(v / scale, 0), (width, height)[i % 2]), 1) for i, v in enumerate(b)]
    return (width, height), to_original(right), to_original(left), heart and to_original(heart), ""


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--out", help="default DIR/boxes.json")
    parser.add_argument("--with", dest="with_boxes", help="a boxes.json whose boxes are kept beside the lung fields")
    parser.add_argument("--heart", action="store_true",
                        help="add the heart's box read from the fields where the films have no other heart box")
    parser.add_argument("--sheet", help="a contact sheet of the films with their boxes (PNG)")
    parser.add_argument("--check", help="a boxes.json with expert lung boxes: print the IoU against them")
    args = parser.parse_args()

    files = sorted(f for f in os.listdir(args.directory)
                   if f.lower().endswith((".png", ".jpg", ".jpeg", ".tif", ".tiff")))
    if not files:
        sys.exit(f"lung_field_boxes: no image in {args.directory}")
    document = {"_note": "Lung-field boxes found by lung_field_boxes.py (classical thresholding, not expert "
                         "boxes); films where the fields were not found cleanly are left out."}
    if args.with_boxes:
        kept_boxes = json.load(open(args.with_boxes))
        document["_note"] += " Other boxes from " + os.path.basename(args.with_boxes) + ": " + kept_boxes.get("_note", "")
        document.update({k: v for k, v in kept_boxes.items() if not k.startswith("_")})
    reasons = {}
    tiles = []
    for name in files:
        size, right, left, heart, reason = process(os.path.join(args.directory, name))
        if right is None:
            reasons[reason] = reasons.get(reason, 0) + 1
        else:
            entry = document.setdefault(name, {"size": list(size), "view": ""})
            entry.update({"Right lung": right, "Left lung": left})
            if args.heart and heart and "Heart" not in entry:
                entry["Heart"] = heart
        if args.sheet and len(tiles) < 48:
            tiles.append((name, right, left, document.get(name, {}).get("Heart")))
    kept = sum(1 for k, v in document.items() if not k.startswith("_") and "Left lung" in v)
    print(f"lung_field_boxes: lung fields on {kept} of {len(files)} films; left out: "
          + ", ".join(f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda x: -x[1])))
    out = args.out or os.path.join(args.directory, "boxes.json")
    with open(out, "w") as stream:
        json.dump(document, stream, indent=1)
    if args.check:
        truth = json.load(open(args.check))
        scores = []
        for name, entry in truth.items():
            if name.startswith("_") or name not in document:
                continue
            for key in ("Right lung", "Left lung", "Heart"):
                if key not in entry or key not in document[name]:
                    continue
                scores.append(iou(document[name][key], entry[key]))
                print(f"  {name} {key}: IoU {scores[-1]:.3f}")
        print(f"lung_field_boxes: mean IoU {np.mean(scores) if scores else float('nan'):.3f} "
              f"over {len(scores)} boxes of {sum(1 for k in truth if not k.startswith('_'))} films")
    if args.sheet:
        side = 192
        columns = 8
        sheet = Image.new("RGB", (columns * side, ((len(tiles) + columns - 1) // columns) * side))
        for i, (name, right, left, heart) in enumerate(tiles):
            image = Image.open(os.path.join(args.directory, name)).convert("RGB")
            scale = side / max(image.size)
            image = image.resize((round(image.size[0] * scale), round(image.size[1] * scale)))
            draw = ImageDraw.Draw(image)
            for box, colour in ((right, (255, 80, 80)), (left, (80, 160, 255)), (heart, (255, 220, 0))):
                if box:
                    draw.rectangle([v * scale for v in box], outline=colour, width=2)
            if right is None:
                draw.line([0, 0, image.size[0], image.size[1]], fill=(255, 255, 0), width=2)
            sheet.paste(image, ((i % columns) * side, (i // columns) * side))
        sheet.save(args.sheet)


if __name__ == "__main__":
    main()
