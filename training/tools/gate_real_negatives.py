#!/usr/bin/env python3
"""Real images that are not chest radiographs, from the ones PyPI and Debian packages ship, for the learned
chest-radiograph check (`anatomix train gate`) beside the drawn negatives of gate_negatives.py.

Drawn pictures alone taught the check the look of the drawings: real head CT slices and photographs of cats
passed it with probabilities near 1. These are real pixels, each source in exactly one split so that the
figures on "val" and "test" are on sources the check never fitted:
  train  brain MRI (the MNI ICBM152 2009a T1 template bundled with nilearn: axial, coronal and sagittal
         slices; matplotlib's sample MRI slice), two of matplotlib's photographs and a bathymetry map
  val    scikit-learn's two sample photographs, matplotlib's logo and elevation map, the MR brain slice of
         Debian's dicom3tools examples
  test   scikit-image's sample images (photographs, microscopy, text, astronomy) and pydicom's test images
         with real pixels (head and spine CT, MR, nuclear medicine, secondary capture), as PNG without
         their headers: the case of a header that is missing or lies
Each source image gives several variants (crop, small rotation, window, gamma, sometimes inverted grey
values) drawn from --seed, at 256-1024 pixels; "test" images are written at their own size, windowed to
their 0.5-99.5 percentiles.

usage: gate_real_negatives.py --out DIR --split train|val|test [--variants N] [--seed S]
Needs nilearn, matplotlib, scikit-learn, scikit-image, pydicom with pylibjpeg(-openjpeg, -libjpeg) and
Pillow from PyPI in a virtual environment of their own (they need NumPy 2, the tools' venv keeps NumPy 1 for
Debian's torch) and, for "val", Debian's dicom3tools examples.
"""

import argparse
import gzip
import os

import numpy as np
from PIL import Image


def windowed(a, lo_pct=0.5, hi_pct=99.5):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 3:
        a = a[..., :3].mean(axis=2)
    lo, hi = np.percentile(a, lo_pct), np.percentile(a, hi_pct)
    return np.clip((a - lo) / max(hi - lo, 1e-9), 0.0, 1.0)


def train_sources():
    import matplotlib
    import nibabel
    import nilearn

    sources = []
    template = os.path.join(os.path.dirname(nilearn.__file__), "datasets", "data",
                            "mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz")
    volume = np.asarray(nibabel.load(template).dataobj, dtype=np.float64)
    for axis in range(3):
        n = volume.shape[axis]
        for index in range(int(n * 0.15), int(n * 0.85), 6):
            plane = np.rot90(np.take(volume, index, axis=axis))
            sources.append((f"mni_t1_axis{axis}_{index:03d}", windowed(plane)))
    samples = os.path.join(matplotlib.get_data_path(), "sample_data")
    with gzip.open(os.path.join(samples, "s1045.ima.gz")) as f:  # a 256 x 256 16-bit MR head slice
        mri = np.frombuffer(f.read(), dtype="<u2")[-256 * 256:].reshape(256, 256)
    sources.append(("matplotlib_mri", windowed(mri)))
    for name in ["grace_hopper.jpg", "Minduka_Present_Blue_Pack.png"]:
        sources.append((f"matplotlib_{os.path.splitext(name)[0]}", windowed(Image.open(os.path.join(samples, name)))))
    sources.append(("matplotlib_topobathy", windowed(np.load(os.path.join(samples, "topobathy.npz"))["topo"])))
    return sources


def val_sources():
    import matplotlib
    import pydicom
    from sklearn.datasets import load_sample_images

    sources = []
    images = load_sample_images()
    for name, image in zip(images.filenames, images.images):
        sources.append((f"sklearn_{os.path.splitext(os.path.basename(name))[0]}", windowed(image)))
    samples = os.path.join(matplotlib.get_data_path(), "sample_data")
    sources.append(("matplotlib_logo2", windowed(Image.open(os.path.join(samples, "logo2.png")))))
    sources.append(("matplotlib_jacksboro_fault_dem",
                    windowed(np.load(os.path.join(samples, "jacksboro_fault_dem.npz"))["elevation"])))
    sources.append(("dicom3tools_mr_brain", windowed(pydicom.dcmread("/usr/share/doc/dicom3tools/examples/0051.dcm").pixel_array)))
    return sources


def test_sources():
    import pydicom
    import skimage.data

    sources = []
    for name in ["astronaut", "brick", "camera", "cat", "cell", "checkerboard", "chelsea", "clock", "coffee",
                 "coins", "colorwheel", "grass", "gravel", "horse", "hubble_deep_field", "immunohistochemistry",
                 "logo", "microaneurysms", "moon", "page", "retina", "rocket", "text"]:
        sources.append((f"skimage_{name}", windowed(getattr(skimage.data, name)())))
    folder = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")
    for name, file in [("pydicom_ct_head", "693_J2KI.dcm"), ("pydicom_ct_head_j2k", "J2K_pixelrep_mismatch.dcm"),
                       ("pydicom_ct_spine", "CT_small.dcm"), ("pydicom_mr", "MR_small.dcm"),
                       ("pydicom_nm_whole_body", "JPEG2000.dcm"), ("pydicom_ot", "image_dfl.dcm")]:
        sources.append((name, windowed(pydicom.dcmread(os.path.join(folder, file)).pixel_array)))
    return sources


def variant(image, rng):
    h, w = image.shape
    scale = np.sqrt(rng.uniform(0.7, 1.0))
    ch, cw = max(int(h * scale), 16), max(int(w * scale), 16)
    y, x = rng.integers(0, h - ch + 1), rng.integers(0, w - cw + 1)
    picture = Image.fromarray((image[y:y + ch, x:x + cw] * 255).astype(np.uint8))
    picture = picture.rotate(rng.uniform(-10, 10), resample=Image.BILINEAR)
    a = np.asarray(picture, dtype=np.float64) / 255.0
    a = np.clip((a - rng.uniform(0.0, 0.15)) / rng.uniform(0.7, 1.0), 0.0, 1.0) ** rng.uniform(0.7, 1.4)
    if rng.random() < 0.2:
        a = 1.0 - a
    return a


def save(a, path, resize=True):
    picture = Image.fromarray((np.clip(a, 0.0, 1.0) * 255).astype(np.uint8))
    longest = max(picture.size)
    if resize and (longest < 256 or longest > 1024):  # readable sizes, the aspect kept
        factor = 512.0 / longest
        picture = picture.resize((max(int(picture.size[0] * factor), 1), max(int(picture.size[1] * factor), 1)),
                                 Image.BILINEAR)
    picture.save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--split", required=True, choices=["train", "val", "test"])
    parser.add_argument("--variants", type=int, default=3, help="variants of each source image (train, val)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sources = {"train": train_sources, "val": val_sources, "test": test_sources}[args.split]()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    written = 0
    for name, image in sources:
        if args.split == "test":
            save(image, os.path.join(args.out, f"{name}.png"), resize=False)
            written += 1
            continue
        for k in range(args.variants):
            save(variant(image, rng), os.path.join(args.out, f"{name}_{k}.png"))
            written += 1
    print(f"gate_real_negatives: {written} images from {len(sources)} sources ({args.split}) in {args.out}")


if __name__ == "__main__":
    main()
