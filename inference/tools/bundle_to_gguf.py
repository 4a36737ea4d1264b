#!/usr/bin/env python3
"""Write a model bundle's language model as a Gemma 3 GGUF (PyPI `gguf`), so llama.cpp runs the very tensors
the engine runs: the llama.cpp peer of the full-size CPU benchmark (README: "Full size on a CPU").

Reads BUNDLE/config.json ("lm": the Gemma 3 text config, "files"."lm": the safetensors), the weights memory-
mapped, and BUNDLE/tokenizer.model (PyPI sentencepiece) for the GGUF vocabulary, padded with unused entries to
the embedding's rows. bf16 matrices are written as they are (GGML BF16); norms as F32 holding 1 + w, as
llama.cpp's converter stores Gemma's norms. A separate LM head becomes output.weight; a tied one is left out,
as in llama.cpp's own Gemma 3 files. Only bf16 and fp32 bundles are accepted; an fp32 bundle's matrices are
rounded to bf16.

Usage: bundle_to_gguf.py BUNDLE OUT.gguf
"""
import json
import re
import struct
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gguf_to_bundle import LAYER_TENSORS  # noqa: E402  (GGUF name -> HF name, the other direction)

HF_TO_GGUF = {hf: (gguf_name, plus_one) for gguf_name, (hf, plus_one) in LAYER_TENSORS.items()}


def fail(message):
    sys.exit(f"bundle_to_gguf: {message}")


def safetensors_arrays(path):
    """name -> numpy memmap (uint16 for BF16, float32 for F32) over the file's bytes."""
    with open(path, "rb") as stream:
        (length,) = struct.unpack("<Q", stream.read(8))
        header = json.loads(stream.read(length))
    arrays = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = {"BF16": np.uint16, "F32": np.float32}.get(info["dtype"])
        if dtype is None:
            fail(f"{path}: tensor {name} is {info['dtype']}; only BF16 and F32 bundles are written as GGUF")
        begin, end = info["data_offsets"]
        arrays[name] = (info["dtype"], np.memmap(path, dtype=dtype, mode="r", offset=8 + length + begin,
                                                 shape=tuple(info["shape"])))
    return arrays


def as_float32(dtype, array):
    if dtype == "F32":
        return np.asarray(array, dtype=np.float32)
    return (np.asarray(array, dtype=np.uint32) << 16).view(np.float32)


def as_bf16(dtype, array):
    if dtype == "BF16":
        return array
    bits = np.asarray(array, dtype=np.float32).view(np.uint32)
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)  # round to nearest even


def vocabulary(tokenizer_path, rows):
    import sentencepiece

    from gguf import TokenType

    model = sentencepiece.SentencePieceProcessor(model_file=str(tokenizer_path))
    tokens, scores, types = [], [], []
    for i in range(model.get_piece_size()):
        tokens.append(model.id_to_piece(i).encode("utf-8"))
        scores.append(model.get_score(i))
        types.append(TokenType.UNKNOWN if model.is_unknown(i) else TokenType.CONTROL if model.is_control(i)
                     else TokenType.BYTE if model.is_byte(i) else TokenType.UNUSED if model.is_unused(i)
                     else TokenType.NORMAL)
    if len(tokens) > rows:
        fail(f"the tokenizer has {len(tokens)} pieces but the embedding only {rows} rows")
    for i in range(len(tokens), rows):
        tokens.append(f"<unused_row_{i}>".encode())
        scores.append(-1000.0)
        types.append(TokenType.UNUSED)
    return tokens, scores, types


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    bundle, out = Path(argv[0]), Path(argv[1])
    from gguf import GGMLQuantizationType, GGUFWriter, LlamaFileType

    config = json.loads((bundle / "config.json").read_text())
    lm, files = config.get("lm"), config.get("files", {})
    if not isinstance(lm, dict) or "lm" not in files:
        fail(f"{bundle}/config.json has no \"lm\" config and \"files\".\"lm\": not a model bundle")
    arrays = safetensors_arrays(bundle / files["lm"])
    hidden, layers = int(lm["hidden_size"]), int(lm["num_hidden_layers"])
    rows = arrays["embed_tokens.weight"][1].shape[0]
    layer_types = lm.get("layer_types") or []
    if layer_types and any((t == "full_attention") != ((i + 1) % 6 == 0) for i, t in enumerate(layer_types)):
        fail("llama.cpp's Gemma 3 runs five sliding-window layers per global one; this config differs")

    writer = GGUFWriter(str(out), "gemma3")
    writer.add_name(config.get("name", "anatomix") + " language model")
    writer.add_file_type(LlamaFileType.MOSTLY_BF16)
    writer.add_context_length(int(lm.get("max_position_embeddings", 131072)))
    writer.add_embedding_length(hidden)
    writer.add_block_count(layers)
    writer.add_feed_forward_length(int(lm["intermediate_size"]))
    writer.add_head_count(int(lm["num_attention_heads"]))
    writer.add_head_count_kv(int(lm["num_key_value_heads"]))
    writer.add_key_length(int(lm["head_dim"]))
    writer.add_value_length(int(lm["head_dim"]))
    writer.add_layer_norm_rms_eps(float(lm.get("rms_norm_eps", 1e-6)))
    writer.add_rope_freq_base(float(lm.get("rope_theta", 1000000.0)))
    writer.add_sliding_window(int(lm["sliding_window"]))
    scaling = lm.get("rope_scaling")
    if scaling and scaling.get("rope_type", scaling.get("type")) == "linear":
        from gguf import RopeScalingType
        writer.add_rope_scaling_type(RopeScalingType.LINEAR)
        writer.add_rope_scaling_factor(float(scaling["factor"]))
    tokens, scores, types = vocabulary(bundle / files.get("tokenizer", "tokenizer.model"), rows)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_bos_token_id(2)
    writer.add_eos_token_id(1)
    writer.add_unk_token_id(3)
    writer.add_pad_token_id(0)
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(False)

    def matrix(gguf_name, name):
        dtype, array = arrays[name]
        writer.add_tensor(gguf_name, as_bf16(dtype, array), raw_dtype=GGMLQuantizationType.BF16)

    def norm(gguf_name, name):
        dtype, array = arrays[name]
        writer.add_tensor(gguf_name, as_float32(dtype, array) + np.float32(1.0))

    matrix("token_embd.weight", "embed_tokens.weight")
    for name in arrays:
        m = re.fullmatch(r"layers\.(\d+)\.(.+)", name)
        if not m:
            continue
        if m.group(2) not in HF_TO_GGUF:
            fail(f"unexpected tensor {name}")
        gguf_name, plus_one = HF_TO_GGUF[m.group(2)]
        (norm if plus_one else matrix)(f"blk.{m.group(1)}.{gguf_name}", name)
    norm("output_norm.weight", "norm.weight")
    if "lm_head.weight" in arrays:
        matrix("output.weight", "lm_head.weight")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file(progress=False)
    writer.close()
    print(out)


if __name__ == "__main__":
    main(sys.argv[1:])
