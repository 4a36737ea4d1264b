"""Writes a complete model bundle with a random APM and projectors around a real Gemma 3 LM.

Usage: make_random_bundle.py --config APM_CONFIG_JSON --lm-config LM_CONFIG_JSON --lm-weights PATH
                             --tokenizer TOKENIZER_MODEL --out DIR [--seed N]

APM_CONFIG_JSON is a bundle config.json without its "lm" part (see tests/engine/configs); the LM's
config (HF Gemma 3 text keys) is inserted, the projectors are sized to its hidden_size, the LM weights
and tokenizer are linked (not copied), and a vector database with a few sentences per anatomy and
random 16-d embeddings is written (vector_db.json + vector_db.safetensors).
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apm_reference import build, save_safetensors  # noqa: E402

FINDINGS = ["is healthy.", "shows atelectasis.", "shows opacity and effusion.", "shows a nodule."]


def link(target, link_path):
    if os.path.lexists(link_path):
        os.remove(link_path)
    os.symlink(os.path.abspath(target), link_path)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True)
    parser.add_argument("--lm-config", required=True)
    parser.add_argument("--lm-weights", required=True)
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)

    with open(args.config) as stream:
        config = json.load(stream)
    with open(args.lm_config) as stream:
        lm_config = json.load(stream)
    config["lm"] = lm_config.get("text_config", lm_config)
    config.setdefault("files", {})
    config["files"].update({"weights": ["anatomix.safetensors"], "lm": "lm.safetensors",
                            "tokenizer": "tokenizer.model", "vector_db": "vector_db.safetensors",
                            "vector_db_sentences": "vector_db.json"})
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(2)
    model = build(config, args.seed)
    save_safetensors(os.path.join(args.out, "anatomix.safetensors"), model.state_dict())

    object_dim = config.get("apm", {}).get("object_dim", 16)
    generator = torch.Generator().manual_seed(args.seed + 7)
    anatomies, embeddings = [], {}
    for i, name in enumerate(config["anatomies"]):
        sentences = [f"{name} {finding}" for finding in FINDINGS]
        anatomies.append({"name": name, "sentences": sentences})
        embeddings[f"anatomy.{i}"] = torch.randn(len(sentences), object_dim, generator=generator)
    with open(os.path.join(args.out, "vector_db.json"), "w") as stream:
        json.dump({"format": "anatomix-vector-db", "version": 1, "anatomies": anatomies}, stream, indent=1)
    save_safetensors(os.path.join(args.out, "vector_db.safetensors"), embeddings)

    link(args.lm_weights, os.path.join(args.out, "lm.safetensors"))
    link(args.tokenizer, os.path.join(args.out, "tokenizer.model"))
    with open(os.path.join(args.out, "config.json"), "w") as stream:
        json.dump(config, stream, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
