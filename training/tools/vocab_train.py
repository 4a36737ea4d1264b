#!/usr/bin/env python3
"""Trains the small SentencePiece vocabulary of the shipped language model on a generated study set.

    vocab_train.py --data DIR --out tokenizer.model [--vocab-size 2048] [--limit N]

The corpus is every text the language model reads or writes for the studies of DIR (`anatomix synth`
output, training/README.md): task instructions and answers (all phrasings), reports, per-object
sentences, anatomy names, finding phrases and class names, the fixed prompt text, and the same texts
with left and right exchanged (flip augmentation). The model is built like Gemma's: BPE, byte fallback,
digits split one per token, no dummy prefix, whitespace kept as written, <pad>/<eos>/<bos>/<unk> at ids
0/1/2/3. The Gemma turn and image tokens and the 45 AnatomiX tokens are user-defined pieces (matched
whole, never split), so the tokenizer takes their ids from the model itself (inference/src/lm/tokenizer.h).
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import sys
import tempfile

import sentencepiece as spm

GEMMA_TOKENS = ["<start_of_turn>", "<end_of_turn>", "<start_of_image>", "<end_of_image>", "<image_soft_token>"]
ANATOMIX_TOKENS = (["<image>", "<image_start>", "<image_end>", "<box>", "</box>", "<emb>", "</emb>"]
                   + [f"<obj_{i}>" for i in range(36)] + ["<ref>", "</ref>"])
# Prompt text around the per-study content (inference/src/prompts.cpp build_prompt).
PROMPT_TEXT = ["user\n", "model\n", "Image: ", "Likely findings:\n", "emb:", " box:", "Task: "]

MODEL_PREFIX = "anatomix"  # recorded in the model's TrainerSpec in place of a path

SIDE_WORDS = re.compile(r"\b(left|right|Left|Right|LEFT|RIGHT)")
SWAP = {"left": "right", "right": "left", "Left": "Right", "Right": "Left", "LEFT": "RIGHT", "RIGHT": "LEFT"}


def swap_sides(text):
    return SIDE_WORDS.sub(lambda m: SWAP[m.group(1)], text)


def study_texts(manifest):
    texts = []
    for task in manifest.get("tasks", []):
        texts.extend(task.get("instructions", []))
        texts.extend(task.get("answers", []))
    texts.append(manifest.get("report", {}).get("text", ""))
    for obj in manifest.get("objects", []):
        texts.extend([obj.get("sentence", ""), obj.get("display_name", ""), obj.get("name", "")])
    for finding in manifest.get("findings", []):
        texts.extend([finding.get("phrase", ""), finding.get("class_name", "")])
    return [t for t in texts if t]


def corpus(data_dir, limit):
    index_path = data_dir / "index.json"
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        studies = index["studies"]
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"vocab_train: {index_path}: not a study index ({error})")
    if limit > 0:
        studies = studies[:limit]
    seen = set()
    for study in studies:
        path = data_dir / study["manifest"]
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            sys.exit(f"vocab_train: {path}: unreadable manifest ({error})")
        for text in study_texts(manifest):
            for variant in (text, swap_sides(text)):
                if variant not in seen:  # templated text repeats a lot; frequencies barely matter for BPE here
                    seen.add(variant)
                    yield variant
    yield from PROMPT_TEXT


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=pathlib.Path, help="generated study set (index.json)")
    parser.add_argument("--out", required=True, type=pathlib.Path, help="tokenizer.model to write")
    parser.add_argument("--vocab-size", type=int, default=2048)
    parser.add_argument("--limit", type=int, default=0, help="read only the first N studies")
    args = parser.parse_args()
    if not 300 <= args.vocab_size <= 65536:
        sys.exit(f"vocab_train: --vocab-size {args.vocab_size} is outside 300..65536")

    sentences = list(corpus(args.data, args.limit))
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    # The model records its model_prefix (TrainerSpec): training in a scratch folder under the neutral
    # MODEL_PREFIX, rather than at the output path, keeps the paths of the training machine out of the file.
    with tempfile.TemporaryDirectory() as scratch:
        previous = os.getcwd()
        os.chdir(scratch)
        try:
            spm.SentencePieceTrainer.train(
                sentence_iterator=iter(sentences),
                model_prefix=MODEL_PREFIX,
                model_type="bpe",
                vocab_size=args.vocab_size,
                character_coverage=1.0,
                byte_fallback=True,
                split_digits=True,
                add_dummy_prefix=False,
                remove_extra_whitespaces=False,
                normalization_rule_name="identity",
                allow_whitespace_only_pieces=True,
                max_sentence_length=1 << 16,
                pad_id=0, eos_id=1, bos_id=2, unk_id=3,
                pad_piece="<pad>", eos_piece="<eos>", bos_piece="<bos>", unk_piece="<unk>",
                user_defined_symbols=GEMMA_TOKENS + ANATOMIX_TOKENS,
                minloglevel=2,
            )
        finally:
            os.chdir(previous)
        shutil.move(os.path.join(scratch, MODEL_PREFIX + ".model"), out)
    model = spm.SentencePieceProcessor(model_file=str(out))
    print(f"vocab_train: {len(sentences)} distinct texts -> {out} ({model.get_piece_size()} pieces; "
          f"<image>={model.piece_to_id('<image>')}, <obj_0>={model.piece_to_id('<obj_0>')}, "
          f"</ref>={model.piece_to_id('</ref>')})")


if __name__ == "__main__":
    main()
