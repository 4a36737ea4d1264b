"""The published VinDr-CXR DICOM-to-8-bit conversion (the published AnatomiX code,
`vindr_cxr.py: read_xray`), run with pydicom as an independent reference for load_model_input.

Usage: vindr_read_xray.py INPUT.dcm OUTPUT.raw [--modality-first]
Writes rows*columns uint8 bytes, row-major. read_xray windows the raw stored values; with
--modality-first the modality LUT / rescale is applied before the VOI step, as DICOM (and
pydicom's apply_voi_lut documentation) require and as load_model_input does.
"""
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut, apply_voi_lut


def read_xray(path, voi_lut=True, fix_monochrome=True, modality_first=False):
    dicom = pydicom.dcmread(path)
    pixels = apply_modality_lut(dicom.pixel_array, dicom) if modality_first else dicom.pixel_array
    data = apply_voi_lut(pixels, dicom) if voi_lut else pixels
    if fix_monochrome and dicom.PhotometricInterpretation == "MONOCHROME1":
        data = np.amax(data) - data
    data = data - np.min(data)
    data = data / np.max(data)
    return (data * 255).astype(np.uint8)


if __name__ == "__main__":
    read_xray(sys.argv[1], modality_first="--modality-first" in sys.argv[3:]).tofile(sys.argv[2])
