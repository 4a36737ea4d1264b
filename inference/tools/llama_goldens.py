#!/usr/bin/env python3
"""Reference outputs of llama.cpp (PyPI llama-cpp-python) on a Gemma 3 GGUF, for the C++ LM tests.

Writes OUT_JSON with
  "greedy": {"f32": [...], "q4_k_m": [...]}, each entry
      {"prompt": str, "prompt_ids": [int], "ids": [int], "text": str, "top2": [[id1, logit1, id2, logit2]]}
  greedy continuations (temperature 0) on the GGUF's weights dequantized to F32 (the exact weights of the C++
  test bundle; the strict reference) and on the Q4_K_M GGUF as shipped (for information).

Usage: llama_goldens.py MODEL.gguf OUT_JSON [--tokens N]
"""
import argparse
import json
import sys
from pathlib import Path

from gguf_retype import retyped_gguf

GOLDEN_VERSION = 3

GREEDY_PROMPTS = [
    "The capital of France is",
    "Once upon a time, in a small village near the mountains,",
    "A chest X-ray is a medical imaging test that",
    "The three primary colors are",
]


def greedy_runs(model_path, tokens):
    import numpy as np
    from llama_cpp import Llama

    # logits_all: llama-cpp-python only fills `scores` for every evaluated position with it on.
    llm = Llama(model_path=str(model_path), n_ctx=64, n_batch=64, n_threads=2, logits_all=True, verbose=False)
    runs = []
    for prompt in GREEDY_PROMPTS:
        prompt_ids = [2] + llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
        llm.reset()
        llm.eval(prompt_ids)
        ids, top2 = [], []
        for _ in range(tokens):
            logits = np.asarray(llm.scores[llm.n_tokens - 1], dtype=np.float64)
            order = np.argsort(-logits)[:2]
            top2.append([int(order[0]), float(logits[order[0]]), int(order[1]), float(logits[order[1]])])
            ids.append(int(order[0]))
            llm.eval([ids[-1]])
        text = llm.detokenize(ids).decode("utf-8", errors="replace")
        print(f"llama.cpp greedy ({Path(model_path).name}): {prompt!r} -> {text!r}")
        runs.append({"prompt": prompt, "prompt_ids": prompt_ids, "ids": ids, "text": text, "top2": top2})
    return runs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("out")
    parser.add_argument("--tokens", type=int, default=20)
    args = parser.parse_args()
    out = Path(args.out)
    if out.exists():
        try:
            if json.loads(out.read_text()).get("version") == GOLDEN_VERSION:
                print(f"llama_goldens: {out} is up to date")
                return
        except ValueError:
            pass
    try:
        from llama_cpp import Llama
    except ImportError as e:
        sys.exit(f"llama_goldens: {e}; install packaging/requirements-tools.txt into the tool venv")

    greedy = {"f32": greedy_runs(retyped_gguf(Path(args.model), "f32"), args.tokens),
              "q4_k_m": greedy_runs(args.model, args.tokens)}
    out.write_text(json.dumps({"version": GOLDEN_VERSION, "model": str(args.model), "greedy": greedy},
                              ensure_ascii=False, indent=1))
    print(f"llama_goldens: wrote {out}")


if __name__ == "__main__":
    main()
