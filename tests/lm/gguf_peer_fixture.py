"""Fixture of the llama.cpp peer check (lm_tests LlamaPeer.*): the shipped bundle's decoder written as a Gemma 3
GGUF by inference/tools/bundle_to_gguf.py, and llama.cpp's logits on it at every position of a report sentence in
the bundle's own tokens. Report text of the kind the model was trained on rather than arbitrary ids: on arbitrary
ids a trained model's best two logits are often within the bf16 rounding of each other, and which of them comes
first then says nothing about the two implementations.

The copy in OUT_DIR marks all four layers sliding-window: llama.cpp's Gemma 3 makes every sixth layer global,
and with prompts shorter than the 512-token window a sliding layer sees what a global one sees, so the engine
and llama.cpp run the same computation on the same config.

Writes OUT_DIR/config.json, lm.safetensors, tokenizer.model (the bundle's decoder), lm.bf16.gguf and
llama_logits.json {"ids": [...], "logits": [[vocab floats] per position]}.

Usage: gguf_peer_fixture.py BUNDLE TOOLS_DIR OUT_DIR
"""
import json
import shutil
import sys
from pathlib import Path

TEXT = "Findings: Heart size is normal. The mediastinal contours are normal. The lungs are clear. No pleural effusion."


def main(argv):
    bundle, tools, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    config = json.loads((bundle / "config.json").read_text())
    lm = config["lm"]
    import sentencepiece

    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(bundle / config["files"]["tokenizer"]))
    ids = [tokenizer.bos_id()] + tokenizer.encode(TEXT)
    if len(ids) >= lm["sliding_window"]:
        sys.exit("gguf_peer_fixture: the ids must stay inside the sliding window")
    lm["layer_types"] = ["sliding_attention"] * lm["num_hidden_layers"]
    files = {"lm": "lm.safetensors", "tokenizer": "tokenizer.model"}
    (out / "config.json").write_text(json.dumps({"name": config.get("name", "bundle"), "lm": lm, "files": files}))
    for key, name in files.items():
        shutil.copyfile(bundle / config["files"][key], out / name)
    sys.path.insert(0, str(tools))
    import bundle_to_gguf

    gguf = out / "lm.bf16.gguf"
    bundle_to_gguf.main([str(out), str(gguf)])

    import numpy as np
    from llama_cpp import Llama

    llm = Llama(model_path=str(gguf), n_ctx=64, n_batch=64, n_threads=2, logits_all=True, verbose=False)
    llm.eval(ids)
    logits = [np.asarray(llm.scores[i], dtype=np.float32).tolist() for i in range(len(ids))]
    (out / "llama_logits.json").write_text(json.dumps({"ids": ids, "logits": logits}))
    print(f"gguf_peer_fixture: wrote {gguf} and llama.cpp's logits at {len(ids)} positions")


if __name__ == "__main__":
    main(sys.argv[1:])
