#!/usr/bin/env python3
"""Reference tokenizations of a mixed corpus for the C++ tokenizer tests (inference/src/lm/tokenizer.h).

Writes OUT_JSON with
  "model": MODEL path, "pieces": its piece count,
  "corpus": [{"text": str, "sentencepiece": [int], "llama": [int] or null}],
  "variants": [{"name": str, "model": path, "corpus": [{"text": str, "sentencepiece": [int]}]}] (--variants)
"sentencepiece" is PyPI `sentencepiece` (the reference implementation) on MODEL; control and unknown pieces
written in the text (<bos>, <eos>, <pad>, <unk>), which SentencePiece never matches in text, become their ids
as in the C++ tokenizer and HF. "llama" is llama.cpp (PyPI llama-cpp-python) on GGUF with special tokens
parsed, when --gguf is given, for the texts without AnatomiX tokens and without a literal U+2581 (see below).

With --variants, MODEL is also rewritten with other normalizer and trainer options and piece types (written
beside OUT_JSON) and each text is tokenized whole by SentencePiece (no control tokens split out: these
goldens are for the C++ SentencePiece encoder alone, lm/sentencepiece_model.h), to cover the encoder paths
that AnatomiX's own models leave unused: dummy prefix, extra-whitespace removal, unescaped whitespace as a
suffix, unused pieces, and <unk> without byte fallback.

Usage: tokenizer_goldens.py MODEL OUT_JSON [--gguf GGUF] [--variants]
"""
import argparse
import json
import re
import sys
from pathlib import Path

CORPUS = [
    "",
    "a",
    " ",
    "    ",
    "\n",
    "\t \n \t",
    "Hello world",
    "The quick brown fox jumps over the lazy dog.",
    " leading space and trailing space ",
    "Numbers: 1024, 3.14159, -42 and 2026-11-23. Dose 0.5 mg/kg, 120/80 mmHg, 37.5 °C, 10^6, 1e-3.",
    "Coordinates (358,307),(665,512) in pixels",
    "<box>(12,34),(56,78)</box>",
    "<ref>left lung</ref><box>(0,0),(999,999)</box><ref>Right hilar structures</ref><box>(537,138),(809,809)</box>",
    "emb:<emb><obj_7></emb> box:<box>(1,2),(3,4)</box> <obj_0><obj_35><obj_10> <image_start><image><image_end>",
    "<start_of_turn>user\nDescribe the image.<end_of_turn>\n<start_of_turn>model\n",
    "<bos>Text after a literal bos<eos>",
    "<pad><unk><bos><bos><start_of_turn>user\nTask: Report<end_of_turn>",
    "Findings:\nModerate left pleural effusion with adjacent atelectasis. No pneumothorax.\n\nImpression:\n"
    "1. Cardiomegaly (CTR 0.58).\n2. Small right apical pneumothorax, 2 cm.\n",
    "Small left apical pneumothorax; no pleural effusion. Heart size is normal.",
    "PA and lateral views: ET tube 4.5 cm above the carina; NG tube tip in the stomach; "
    "R PICC at the cavoatrial junction.",
    "Unicode: naïve café, Straße, Ελληνικά, русский, 日本語のテキスト, 한국어",
    "Befund: Herzgröße normal, Lungenflügel beidseits belüftet, kein Pleuraerguss. "
    "Überblähung, Ödem, Zwerchfell.",
    "ÄÖÜäöüß ÀÉÎÕÜ ñ ç ø å œ",
    "Emoji: 🫁🩻 👩‍⚕️ 🇫🇷 ✅",
    "胸部X线片：心脏大小正常，双肺清晰。肺炎？无气胸。",
    "胸部レントゲン: 心拡大なし。 흉부 X선: 정상.",
    "Whitespace   runs\t\ttabs\n\n\nnewlines  \n  mixed   ",
    "a  b   c    d     e      f",
    "\n\n\n\n\n\n\n\n",
    "\t\t\t\t",
    "line one\r\nline two\rline three",
    "Rare glyphs: \u00a0 \u200b \ufeff \U0001d54f end",
    "Literal replacement \ufffd and private use \ue000 and supplementary \U00010348",
    "code: for (int i = 0; i < n; ++i) { x[i] *= 2; }",
    "<table><tr><td>not a token</td></tr></table> <b>bold</b> <obj_36> <box <box/> <ref>",
    "Case: LEFT left Left lEfT; RIGHT right Right.",
    "0123456789 00 000 9999999999",
    "x" * 200,
    "pneumothorax " * 20,
]

# llama.cpp matches the whitespace-run tokens (Gemma ids 138..167) in the raw text, SentencePiece after turning
# spaces into U+2581, so a literal U+2581 next to spaces tokenizes differently there (tokenizer.h).
SENTENCEPIECE_ONLY = [
    "\u2581 literal \u2581\u2581 space  \u2581marks",
]

CONTROL_IN_TEXT = re.compile(r"(<bos>|<eos>|<pad>|<unk>)")
# The GGUF is a stock Gemma 3 vocabulary: llama.cpp splits the AnatomiX tokens into ordinary pieces.
ANATOMIX_TOKEN = re.compile(r"<(image|image_start|image_end|box|/box|emb|/emb|obj_([0-9]|[12][0-9]|3[0-5])|ref|/ref)>")


def sentencepiece_ids(processor, text):
    ids = []
    for part in CONTROL_IN_TEXT.split(text):
        if CONTROL_IN_TEXT.fullmatch(part):
            ids.append(processor.piece_to_id(part))
        elif part:
            ids.extend(processor.encode(part))
    return ids


# --- ModelProto rewriting (protobuf wire format; field numbers of sentencepiece_model.proto) ---

def read_varint(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def varint(value):
    out = bytearray()
    while True:
        out.append((value & 0x7F) | (0x80 if value > 0x7F else 0))
        value >>= 7
        if not value:
            return bytes(out)


def fields(data):
    """[(number, wire_type, value bytes incl. any length prefix)] of one message."""
    out, i = [], 0
    while i < len(data):
        key, j = read_varint(data, i)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            _, k = read_varint(data, j)
        elif wire_type == 2:
            length, k = read_varint(data, j)
            k += length
        elif wire_type == 5:
            k = j + 4
        else:
            sys.exit(f"tokenizer_goldens: unexpected wire type {wire_type}")
        out.append((number, wire_type, data[j:k]))
        i = k
    return out


def payload(value):
    length, start = read_varint(value, 0)
    return value[start:start + length]


def message(field_list):
    return b"".join(varint(n << 3 | w) + v for n, w, v in field_list)


def set_flags(spec, flags):
    """A TrainerSpec or NormalizerSpec payload with the bool fields {number: value} replaced."""
    kept = [f for f in fields(spec) if f[0] not in flags]
    return message(kept + [(n, 0, varint(int(v))) for n, v in flags.items()])


def rewrite(model, trainer_flags=None, normalizer_flags=None, piece_type=None):
    out = []
    normal_seen = 0
    for number, wire_type, value in fields(model):
        if number == 1 and piece_type:
            piece = fields(payload(value))
            text = next(payload(v) for n, _, v in piece if n == 1).decode("utf-8")
            old_type = next((read_varint(v, 0)[0] for n, _, v in piece if n == 3), 1)
            if old_type == 1:
                normal_seen += 1
            new_type = piece_type(text, old_type, normal_seen)
            body = message([f for f in piece if f[0] != 3] + [(3, 0, varint(new_type))])
            value = varint(len(body)) + body
        elif number == 2 and trainer_flags:
            body = set_flags(payload(value), trainer_flags)
            value = varint(len(body)) + body
        elif number == 3 and normalizer_flags:
            body = set_flags(payload(value), normalizer_flags)
            value = varint(len(body)) + body
        out.append((number, wire_type, value))
    return message(out)


NORMAL, CONTROL, UNUSED, BYTE = 1, 3, 5, 6
VARIANTS = {
    # NormalizerSpec 3 add_dummy_prefix, 4 remove_extra_whitespaces, 5 escape_whitespaces;
    # TrainerSpec 24 treat_whitespace_as_suffix, 35 byte_fallback.
    "dummy_prefix": dict(normalizer_flags={3: True, 4: True}),
    "whitespace_suffix": dict(normalizer_flags={3: True, 5: False}, trainer_flags={24: True}),
    # Every third multi-character normal piece unused: BPE still merges through it, then splits it back.
    "unused_pieces": dict(piece_type=lambda text, t, n: UNUSED if t == NORMAL and len(text) > 1 and n % 3 == 0 else t),
    # No byte fallback (the byte pieces become control pieces): unknown characters give one <unk> per run.
    "no_byte_fallback": dict(trainer_flags={35: False}, piece_type=lambda text, t, n: CONTROL if t == BYTE else t),
}


def tokenize(processor, vocab, texts):
    corpus = []
    for text in texts:
        llama = None
        if vocab is not None and text not in SENTENCEPIECE_ONLY and not ANATOMIX_TOKEN.search(text):
            llama = vocab.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        corpus.append({"text": text, "sentencepiece": sentencepiece_ids(processor, text), "llama": llama})
    return corpus


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("out")
    parser.add_argument("--gguf")
    parser.add_argument("--variants", action="store_true")
    args = parser.parse_args()
    try:
        import sentencepiece as spm
        llama_cpp = None
        if args.gguf:
            import llama_cpp
    except ImportError as e:
        sys.exit(f"tokenizer_goldens: {e}; install packaging/requirements-tools.txt into the tool venv")

    processor = spm.SentencePieceProcessor(model_file=args.model)
    vocab = llama_cpp.Llama(model_path=args.gguf, vocab_only=True, verbose=False) if llama_cpp else None
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    variants = []
    if args.variants:
        model = Path(args.model).read_bytes()
        for name, options in VARIANTS.items():
            path = out.with_name(f"{out.stem}.{name}.model")
            path.write_bytes(rewrite(model, **options))
            variant = spm.SentencePieceProcessor(model_file=str(path))
            variants.append({"name": name, "model": str(path),
                             "corpus": [{"text": t, "sentencepiece": variant.encode(t)} for t in CORPUS]})
    corpus = tokenize(processor, vocab, CORPUS + SENTENCEPIECE_ONLY)
    out.write_text(json.dumps({"model": args.model, "pieces": processor.get_piece_size(), "corpus": corpus,
                               "variants": variants}, ensure_ascii=False, indent=1))
    print(f"tokenizer_goldens: {len(corpus)} texts of {args.model} -> {out}")


if __name__ == "__main__":
    main()
