#!/usr/bin/env python3
"""Rewrite a GGUF with every 2-D weight dequantized to F32 or BF16 (PyPI `gguf`), so llama.cpp can run the
exact weights the C++ decoder runs (the LM benchmark's equal-precision peer and the fp32 greedy goldens).
The result is cached next to the source as NAME.f32.gguf / NAME.bf16.gguf; a GGUF already of the asked
type is used as it is.

Usage: gguf_retype.py MODEL.gguf f32|bf16   (prints the output path)
"""
import sys
from pathlib import Path


def retyped_gguf(source, precision):
    """The GGUF with every 2-D weight dequantized to `precision` (norms stay F32, as llama.cpp wants)."""
    import numpy as np
    from gguf import GGMLQuantizationType, GGUFReader, GGUFValueType, GGUFWriter, quants

    reader = GGUFReader(str(source))
    file_type = reader.fields.get("general.file_type")
    if file_type is not None and int(file_type.contents()) == {"f32": 0, "bf16": 32}[precision]:
        return source  # already of that type (LLAMA_FTYPE_ALL_F32 / MOSTLY_BF16)
    target = source.with_name(source.stem + f".{precision}.gguf")
    if target.exists():
        return target
    qtype = {"f32": GGMLQuantizationType.F32, "bf16": GGMLQuantizationType.BF16}[precision]
    arch = reader.fields["general.architecture"].contents()
    tmp = target.with_suffix(".tmp")
    writer = GGUFWriter(str(tmp), arch)
    for name, field in reader.fields.items():
        if name.startswith("GGUF.") or name == "general.architecture":
            continue
        if name == "general.file_type":
            writer.add_file_type(0 if precision == "f32" else 32)  # LLAMA_FTYPE_ALL_F32 / MOSTLY_BF16
            continue
        value_type = field.types[0]
        sub_type = field.types[1] if value_type == GGUFValueType.ARRAY and len(field.types) > 1 else None
        writer.add_key_value(name, field.contents(), value_type, sub_type=sub_type)
    for tensor in reader.tensors:
        values = np.asarray(quants.dequantize(tensor.data, tensor.tensor_type), dtype=np.float32)
        if values.ndim >= 2 and qtype != GGMLQuantizationType.F32:
            writer.add_tensor(tensor.name, quants.quantize(values, qtype), raw_dtype=qtype)
        else:
            writer.add_tensor(tensor.name, values)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    tmp.rename(target)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in ("f32", "bf16"):
        sys.exit("usage: gguf_retype.py MODEL.gguf f32|bf16")
    print(retyped_gguf(Path(sys.argv[1]), sys.argv[2]))
