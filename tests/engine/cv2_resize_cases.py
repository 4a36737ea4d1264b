"""OpenCV reference cases for the C++ letterbox and resize (cv2 from opencv-python-headless).

Usage: cv2_resize_cases.py OUT.safetensors
Writes, for each case k: "case.k.source" (uint8 [h, w]), "case.k.resized" (cv2.resize INTER_LINEAR to
[out_h, out_w]) and, for letterbox cases, "case.k.letterbox" (the published padd_and_resize: zero-pad
(long-short)//2 on each side of the short axis, then cv2.resize to side x side).
"""
import os
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apm_reference import save_safetensors  # noqa: E402


def published_letterbox(image, side):
    h, w = image.shape
    pad = (max(h, w) - min(h, w)) // 2
    if h > w:
        image = np.pad(image, ((0, 0), (pad, pad)))
    else:
        image = np.pad(image, ((pad, pad), (0, 0)))
    return cv2.resize(image, (side, side))


def main(out_path):
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    rng = np.random.default_rng(42)
    # (source w, h, destination w, h): up, down, non-integer ratios, exact 2x (cv2 switches to INTER_AREA),
    # widths that are not multiples of 8 (scalar tail).
    resize_cases = [(37, 23, 64, 64), (300, 200, 128, 128), (64, 64, 256, 256), (1000, 700, 1024, 1024),
                    (256, 256, 128, 128), (97, 131, 53, 61), (7, 5, 19, 13), (512, 384, 1024, 1024)]
    # (source w, h, side): portrait and landscape, odd and even differences, a square.
    letterbox_cases = [(300, 401, 256), (401, 300, 256), (300, 400, 256), (400, 300, 256), (250, 250, 128),
                       (1201, 977, 1024)]
    tensors = {}
    k = 0
    for w, h, ow, oh in resize_cases:
        source = rng.integers(0, 256, size=(h, w), dtype=np.uint8)
        # Smooth content as well as noise, so both rounding paths see varied values.
        source[: h // 2] = (np.arange(w)[None, :] * 255 // max(w - 1, 1)).astype(np.uint8)
        tensors[f"case.{k}.source"] = torch.from_numpy(source)
        tensors[f"case.{k}.resized"] = torch.from_numpy(cv2.resize(source, (ow, oh), interpolation=cv2.INTER_LINEAR))
        k += 1
    for w, h, side in letterbox_cases:
        source = rng.integers(0, 256, size=(h, w), dtype=np.uint8)
        tensors[f"case.{k}.source"] = torch.from_numpy(source)
        tensors[f"case.{k}.letterbox"] = torch.from_numpy(published_letterbox(source, side))
        k += 1
    save_safetensors(out_path, tensors, {"cv2_version": cv2.__version__})


if __name__ == "__main__":
    main(sys.argv[1])
