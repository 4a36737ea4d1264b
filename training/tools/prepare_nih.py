#!/usr/bin/env python3
"""Prepares NIH ChestX-ray14 radiographs for domain adaptation and for scoring on real films.

NIH ChestX-ray14 (NIH Clinical Center; no restrictions on use, please credit the NIH Clinical Center) images
are read from a folder of their original PNG files (NIH's own download or any copy, e.g. the 621 sample images
of github.com/jrzech/reproduce-chexnet, folder starter_images). Their labels come from NIH's
Data_Entry_2017_v2020.csv (shipped gzipped inside PyPI's torchxrayvision wheel, torchxrayvision/data/).

The images are split by patient (a hash of the Patient ID, so a patient never lands on both sides):
  OUT/adapt/   used in training (histogram references, batch-norm statistics, boxes, image labels)
  OUT/choose/  with --choose-percent: held out from training, for choosing settings (steps, loss weights)
  OUT/score/   held out: image-label AUROC and the cardiothoracic-ratio check, scored once per model
  OUT/files.tsv  file, sha256, patient, split, view, NIH labels (the list to rebuild the same set)
Images are linked, not copied; nothing of them enters the repository.

With --boxes BBox_List_2017.csv[.gz] (NIH's finding boxes, in the same wheel), the heart of every film with a
Cardiomegaly box (NIH's radiologists outlined the enlarged heart) goes into OUT/<split>/boxes.json as "Heart"
(the format of `anatomix eval --real`): expert boxes of real films, scored on "score", learned on "adapt". Its
boxes of findings in the lung fields (atelectasis, effusion, infiltrate, pneumonia, mass, nodule) go into
OUT/<split>/findings.json, where `anatomix eval --nih` asks how much of each lies inside the two lung boxes.

usage: prepare_nih.py --images DIR --labels Data_Entry_2017_v2020.csv[.gz] --out DIR [--score-percent 35]
                      [--choose-percent 0] [--boxes BBox_List_2017.csv[.gz]]
A patient whose hash bucket (0-99) is below the score percent is in "score", the next choose-percent buckets
are "choose", the rest "adapt"; so adding a "choose" part leaves "score" as it was.
"""
import argparse
import csv
import gzip
import hashlib
import json
import os
import struct
import sys

SPLITS = ("adapt", "choose", "score")


def open_text(path):
    return gzip.open(path, "rt") if path.endswith(".gz") else open(path, newline="")


def png_size(path):
    with open(path, "rb") as stream:
        head = stream.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        sys.exit(f"prepare_nih: {path} is not a PNG file")
    return list(struct.unpack(">II", head[16:24]))


# NIH's findings whose boxes lie in the lung fields (pneumothorax is air outside the lung, cardiomegaly the heart).
LUNG_FINDINGS = ("Atelectasis", "Effusion", "Infiltrate", "Pneumonia", "Mass", "Nodule")


def nih_boxes(path, rows, out):
    """OUT/<split>/boxes.json with NIH's Cardiomegaly boxes as "Heart", and OUT/<split>/findings.json with its
    boxes of lung findings (x, y, w, h -> x1, y1, x2, y2, clipped to the film)."""
    hearts, findings = {}, {}
    with open_text(path) as stream:
        reader = csv.reader(stream)
        next(reader)
        for row in reader:
            if len(row) < 6:
                continue
            x, y, w, h = (float(v) for v in row[2:6])
            box = [round(x, 1), round(y, 1), round(x + w, 1), round(y + h, 1)]
            if row[1] == "Cardiomegaly":
                hearts[row[0]] = box
            elif row[1] in LUNG_FINDINGS:
                findings.setdefault(row[0], []).append({"label": row[1], "box": box})
    clipped = lambda box, size: [box[0], box[1], min(box[2], size[0]), min(box[3], size[1])]
    for split in SPLITS:
        heart_document = {"_note": "Heart: NIH ChestX-ray14 Cardiomegaly boxes (BBox_List_2017.csv, NIH Clinical "
                                   "Center), drawn by radiologists around the enlarged heart."}
        finding_document = {"_note": "NIH ChestX-ray14 boxes of findings in the lung fields (" + ", ".join(LUNG_FINDINGS)
                                     + "; BBox_List_2017.csv, NIH Clinical Center), drawn by radiologists."}
        for name, _, _, row_split, view, _ in rows:
            if row_split != split or (name not in hearts and name not in findings):
                continue
            size = png_size(os.path.join(out, split, name))
            if name in hearts:
                heart_document[name] = {"size": size, "view": view, "Heart": clipped(hearts[name], size)}
            if name in findings:
                finding_document[name] = {"size": size, "view": view, "findings": [
                    {"label": f["label"], "box": clipped(f["box"], size)} for f in findings[name]]}
        for file, document in (("boxes.json", heart_document), ("findings.json", finding_document)):
            with open(os.path.join(out, split, file), "w") as stream:
                json.dump(document, stream, indent=1)
        print(f"prepare_nih: {len(heart_document) - 1} heart boxes -> {split}/boxes.json, "
              f"{sum(len(v['findings']) for k, v in finding_document.items() if not k.startswith('_'))} "
              f"lung-finding boxes -> {split}/findings.json")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", required=True)
    parser.add_argument("--labels", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--score-percent", type=int, default=35)
    parser.add_argument("--choose-percent", type=int, default=0)
    parser.add_argument("--boxes", help="NIH's BBox_List_2017.csv[.gz]: heart boxes into OUT/<split>/boxes.json, "
                                        "boxes of lung findings into OUT/<split>/findings.json")
    args = parser.parse_args()

    with open_text(args.labels) as stream:
        entries = {row["Image Index"]: row for row in csv.DictReader(stream)}
    files = sorted(f for f in os.listdir(args.images) if f.lower().endswith(".png"))
    if not files:
        sys.exit(f"prepare_nih: no PNG file in {args.images}")
    unknown = [f for f in files if f not in entries]
    if unknown:
        sys.exit(f"prepare_nih: {len(unknown)} files are not in {args.labels}, e.g. {unknown[0]}")

    if args.score_percent < 0 or args.choose_percent < 0 or args.score_percent + args.choose_percent > 100:
        sys.exit("prepare_nih: --score-percent and --choose-percent must be >= 0 and add up to at most 100")
    for split in SPLITS:
        os.makedirs(os.path.join(args.out, split), exist_ok=True)
    rows = []
    for name in files:
        entry = entries[name]
        patient = entry["Patient ID"]
        bucket = int(hashlib.sha256(("nih-patient-" + patient).encode()).hexdigest(), 16) % 100
        if bucket < args.score_percent:
            split = "score"
        elif bucket < args.score_percent + args.choose_percent:
            split = "choose"
        else:
            split = "adapt"
        source = os.path.abspath(os.path.join(args.images, name))
        with open(source, "rb") as image:
            digest = hashlib.sha256(image.read()).hexdigest()
        target = os.path.join(args.out, split, name)
        if os.path.lexists(target):
            os.remove(target)
        os.symlink(source, target)
        rows.append([name, digest, patient, split, entry["View Position"], entry["Finding Labels"]])

    with open(os.path.join(args.out, "files.tsv"), "w", newline="") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "sha256", "patient", "split", "view", "labels"])
        writer.writerows(rows)
    counts = {s: sum(1 for r in rows if r[3] == s) for s in SPLITS}
    print(f"prepare_nih: {len(rows)} images, {len({r[2] for r in rows})} patients: "
          f"{counts['adapt']} adapt, {counts['choose']} choose, {counts['score']} score -> {args.out}")
    if args.boxes:
        nih_boxes(args.boxes, rows, args.out)


if __name__ == "__main__":
    main()
