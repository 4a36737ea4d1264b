"""Writes a complete model bundle that answers fast: a tiny random Gemma 3 decoder (2 layers, hidden 64) on
Gemma's real tokenizer, wrapped by tests/engine/make_random_bundle.py with a random small APM, projectors and
vector database. Random weights: the evaluator's tests need a real engine that answers, not a good one.

Usage: make_tiny_bundle.py --tokenizer TOKENIZER_MODEL --out DIR [--seed N]
"""
import argparse
import json
import os
import sys

import torch

ENGINE_TESTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "engine")
sys.path.insert(0, ENGINE_TESTS)
import make_random_bundle  # noqa: E402
from apm_reference import save_safetensors  # noqa: E402

# Gemma's embedding rows with the AnatomiX tokens (262145..262189) inside, as MedGemma pads them.
VOCAB_ROWS = 262208
HIDDEN, LAYERS, HEADS, HEAD_DIM, FFN = 64, 2, 2, 32, 128


def tiny_lm(seed):
    generator = torch.Generator().manual_seed(seed)

    def normal(*shape):
        return torch.randn(*shape, generator=generator) * 0.02

    tensors = {"model.embed_tokens.weight": normal(VOCAB_ROWS, HIDDEN), "model.norm.weight": torch.zeros(HIDDEN)}
    for layer in range(LAYERS):
        p = f"model.layers.{layer}."
        for norm in ("input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm",
                     "post_feedforward_layernorm"):
            tensors[p + norm + ".weight"] = torch.zeros(HIDDEN)
        tensors[p + "self_attn.q_norm.weight"] = torch.zeros(HEAD_DIM)
        tensors[p + "self_attn.k_norm.weight"] = torch.zeros(HEAD_DIM)
        tensors[p + "self_attn.q_proj.weight"] = normal(HEADS * HEAD_DIM, HIDDEN)
        tensors[p + "self_attn.k_proj.weight"] = normal(HEAD_DIM, HIDDEN)
        tensors[p + "self_attn.v_proj.weight"] = normal(HEAD_DIM, HIDDEN)
        tensors[p + "self_attn.o_proj.weight"] = normal(HIDDEN, HEADS * HEAD_DIM)
        tensors[p + "mlp.gate_proj.weight"] = normal(FFN, HIDDEN)
        tensors[p + "mlp.up_proj.weight"] = normal(FFN, HIDDEN)
        tensors[p + "mlp.down_proj.weight"] = normal(HIDDEN, FFN)
    config = {
        "architectures": ["Gemma3ForCausalLM"], "model_type": "gemma3_text", "hidden_size": HIDDEN,
        "intermediate_size": FFN, "num_hidden_layers": LAYERS, "num_attention_heads": HEADS,
        "num_key_value_heads": 1, "head_dim": HEAD_DIM, "query_pre_attn_scalar": HEAD_DIM, "sliding_window": 512,
        "layer_types": ["sliding_attention", "full_attention"], "max_position_embeddings": 4096,
        "rms_norm_eps": 1e-6, "rope_theta": 1e6, "rope_local_base_freq": 1e4, "rope_scaling": None,
        "vocab_size": VOCAB_ROWS, "hidden_activation": "gelu_pytorch_tanh", "tie_word_embeddings": True,
        "bos_token_id": 2, "eos_token_id": [1, 106], "pad_token_id": 0, "torch_dtype": "float32",
    }
    return config, tensors


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not os.path.isfile(args.tokenizer):
        sys.exit(f"make_tiny_bundle: the tokenizer {args.tokenizer} does not exist")

    lm_dir = os.path.join(args.out, "tiny_lm")
    os.makedirs(lm_dir, exist_ok=True)
    config, tensors = tiny_lm(args.seed)
    save_safetensors(os.path.join(lm_dir, "model.safetensors"), tensors)
    with open(os.path.join(lm_dir, "config.json"), "w") as stream:
        json.dump(config, stream, indent=1)
    make_random_bundle.main([
        "--config", os.path.join(ENGINE_TESTS, "configs", "bundle_small.json"),
        "--lm-config", os.path.join(lm_dir, "config.json"),
        "--lm-weights", os.path.join(lm_dir, "model.safetensors"),
        "--tokenizer", args.tokenizer, "--out", args.out, "--seed", str(args.seed)])


if __name__ == "__main__":
    main(sys.argv[1:])
