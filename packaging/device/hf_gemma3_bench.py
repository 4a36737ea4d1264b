#!/usr/bin/env python3
"""Gemma 3 270M-shaped decoder with random weights: writes it as a bundle that bench_lm reads (config.json and
model.safetensors, as transformers saves them) and times Hugging Face transformers on it, so that the C++
decoder and transformers are measured on the same weights, prompt and device.

Prefill: one forward over a synthetic prompt (BOS, then ordinary vocabulary ids, as bench_lm's prompt).
Decode: one token at a time with the KV cache after a 128-token context, greedy input fixed (id 506), as
bench_lm decodes. Figures only. --small writes a 2-layer model of the same family for checks on a CPU.
"""
import argparse
import inspect
import json
import os
import sys
import time

import torch


def bench_prompt(length):
    ids = [2]
    i = 0
    while len(ids) < length:
        ids.append((i * 7919 + 13) % (262144 - 1000) + 500)
        i += 1
    return ids


def gemma3_270m_config(small):
    from transformers import Gemma3TextConfig

    layers = 2 if small else 18
    return Gemma3TextConfig(
        vocab_size=262144, hidden_size=640, intermediate_size=2048, num_hidden_layers=layers,
        num_attention_heads=4, num_key_value_heads=1, head_dim=256, query_pre_attn_scalar=256,
        sliding_window=512, max_position_embeddings=32768, rms_norm_eps=1e-6, tie_word_embeddings=True,
        layer_types=["full_attention" if (i + 1) % 6 == 0 else "sliding_attention" for i in range(layers)],
        hidden_activation="gelu_pytorch_tanh", attn_implementation="sdpa")


def wait(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bundle", help="folder for config.json + model.safetensors (written once, then reused)")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--prompt-length", type=int, default=2500)
    parser.add_argument("--decode", type=int, default=64)
    parser.add_argument("--small", action="store_true", help="2 layers instead of 18 (CPU checks)")
    parser.add_argument("--write-only", action="store_true", help="write the bundle, time nothing")
    args = parser.parse_args()
    try:
        from transformers import Gemma3ForCausalLM
    except ImportError as error:
        print(f"transformers: not installed here ({error}); no bundle and no Hugging Face figures")
        return 3

    device = torch.device(args.device)
    if not os.path.exists(os.path.join(args.bundle, "config.json")):
        torch.manual_seed(0)
        model = Gemma3ForCausalLM(gemma3_270m_config(args.small)).to(torch.bfloat16)
        model.save_pretrained(args.bundle, safe_serialization=True)
        print(f"random Gemma 3 {'2-layer' if args.small else '270M'} bundle written to {args.bundle}")
    if args.write_only:
        return 0

    try:
        model = Gemma3ForCausalLM.from_pretrained(args.bundle, dtype=torch.bfloat16, attn_implementation="sdpa")
    except TypeError:  # transformers before 4.56 name it torch_dtype
        model = Gemma3ForCausalLM.from_pretrained(args.bundle, torch_dtype=torch.bfloat16, attn_implementation="sdpa")
    model = model.to(device).eval()
    prompt = torch.tensor([bench_prompt(args.prompt_length)], device=device)
    context = torch.tensor([bench_prompt(128)], device=device)
    step = torch.tensor([[506]], device=device)
    # transformers 5 renames the cache argument (past_key_values until then).
    cache_argument = "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"
    with torch.inference_mode():
        model(context[:, :16], use_cache=True)  # warm-up: kernels, allocator
        wait(device)
        start = time.perf_counter()
        model(prompt, use_cache=True, logits_to_keep=1)
        wait(device)
        prefill = args.prompt_length / (time.perf_counter() - start)

        cache = model(context, use_cache=True, logits_to_keep=1).past_key_values
        wait(device)
        start = time.perf_counter()
        for _ in range(args.decode):
            cache = model(step, use_cache=True, **{cache_argument: cache}).past_key_values
        wait(device)
        decode = args.decode / (time.perf_counter() - start)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    print(f"transformers {__import__('transformers').__version__} bf16 on {name}: prefill{args.prompt_length} "
          f"{prefill:.1f} tok/s, decode {decode:.1f} tok/s ({args.decode} tokens after a 128-token context)")
    print(json.dumps({"engine": "transformers", "device": name, "prompt_length": args.prompt_length,
                      "prefill_tok_s": prefill, "decode_tok_s": decode}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
