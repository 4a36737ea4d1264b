#!/usr/bin/env python3
"""llama.cpp (PyPI llama-cpp-python) speed on a Gemma 3 GGUF, as the peer of the C++ LM benchmark.

For each requested precision ("q4_k_m" = the GGUF as shipped; "f32"/"bf16" = the same weights dequantized and
rewritten with PyPI `gguf`, cached next to the source GGUF, or the source itself when it has that type) it
measures prefill tokens/s for each prompt length
and decode tokens/s, with the given thread count, and prints one JSON object on the last line of stdout:
  {"results": [{"precision", "prefill": {"512": tok_s, ...}, "decode_tok_s", "decode_context", "load_seconds",
                "bytes_per_token", "peak_rss_mib"}]}

Usage: llama_bench.py MODEL.gguf --threads N --prompt-lengths 512,2048 --decode 64 --precisions q4_k_m,bf16,f32
"""
import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from gguf_retype import retyped_gguf


def bytes_read_per_token(model_path):
    """Tensor bytes one decode step reads: all of them, the token embedding only when it is also the output
    matrix (a separate output.weight leaves one embedding row read)."""
    from gguf import GGUFReader

    tensors = {t.name: t for t in GGUFReader(str(model_path)).tensors}
    total = sum(int(t.n_bytes) for t in tensors.values())
    if "output.weight" in tensors:
        embedding = tensors["token_embd.weight"]
        total -= int(embedding.n_bytes) - int(embedding.n_bytes) // int(embedding.shape[-1])
    return total


def measure(model_path, threads, prompt_lengths, decode_tokens):
    from llama_cpp import Llama

    n_ctx = max(prompt_lengths) + decode_tokens + 8
    load_start = time.perf_counter()
    llm = Llama(model_path=str(model_path), n_ctx=n_ctx, n_batch=512, n_ubatch=512, n_threads=threads,
                n_threads_batch=threads, logits_all=False, verbose=False)
    load_seconds = time.perf_counter() - load_start
    vocab = 262144
    prompt = [2] + [(i * 7919 + 13) % (vocab - 1000) + 500 for i in range(max(prompt_lengths))]
    llm.reset()
    llm.eval(prompt[:16])  # warm-up
    prefill = {}
    for length in prompt_lengths:
        llm.reset()
        start = time.perf_counter()
        llm.eval(prompt[:length])
        prefill[str(length)] = length / (time.perf_counter() - start)
    # Decode after a 128-token context, greedy, one token per eval.
    llm.reset()
    llm.eval(prompt[:128])
    token = 506
    start = time.perf_counter()
    for _ in range(decode_tokens):
        llm.eval([token])
    decode = decode_tokens / (time.perf_counter() - start)
    return {"prefill": prefill, "decode_tok_s": decode, "decode_context": 128, "load_seconds": load_seconds,
            "bytes_per_token": bytes_read_per_token(model_path),
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--prompt-lengths", default="512,2048")
    parser.add_argument("--decode", type=int, default=64)
    parser.add_argument("--precisions", default="q4_k_m,bf16,f32")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one GGUF in this process
    args = parser.parse_args()
    lengths = [int(x) for x in args.prompt_lengths.split(",") if x]
    if args.one:
        print(json.dumps(measure(args.one, args.threads, lengths, args.decode)))
        return
    source = Path(args.model)
    results = []
    for precision in [p for p in args.precisions.split(",") if p]:
        path = source if precision == "q4_k_m" else retyped_gguf(source, precision)
        # A child process per model, so that each peak RSS is its own.
        child = subprocess.run([sys.executable, __file__, str(path), "--threads", str(args.threads),
                                "--prompt-lengths", args.prompt_lengths, "--decode", str(args.decode),
                                "--one", str(path)], capture_output=True, text=True)
        if child.returncode != 0:
            results.append({"precision": precision, "error": child.stderr.strip()[-500:]})
            continue
        result = json.loads(child.stdout.strip().splitlines()[-1])
        result["precision"] = precision
        results.append(result)
        print(f"llama.cpp {precision}: {result}", file=sys.stderr)
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
