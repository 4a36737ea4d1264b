"""Reference outputs of the published AnatomiX model on the tiny checkpoints of make_published_checkpoints.py.

Built as the published code builds it (src/models/{anatomix,LM,apm}.py), with the libraries it uses:
- transformers' Gemma3ForConditionalGeneration.from_pretrained(base snapshot), vision tower and multimodal
  projector set to None, wrapped by peft (LoraConfig r=8, lora_alpha=16, target_modules="all-linear",
  modules_to_save=["lm_head", "embed_tokens"]); lm.pt's core_model loaded into it with strict=False, after
  checking that its keys are exactly the PEFT model's keys that contain lora_, lm_head or embed_tokens;
  LoRA stays unmerged (peft's forward), as in the published model;
- the APM of tests/engine/apm_reference.py (the published module tree) loaded from the .pth's vis_model.*;
- retrieval, prompt text, tokenizer-time substitutions and the two BOS tokens of the published LMTokenizer
  (SentencePiece on the tokenizer.model, the literal "<bos>" split out as the HF tokenizer does);
- embeddings: the scaled embedding of the ids with P_im(memory) and P_A(objects) scattered into the <image>
  and <obj_i> positions; logits from the model's forward in fp32 (eager attention); greedy continuation.

Needs a recent transformers (Gemma 3) and peft, so PyTorch 2: it was run once in a separate virtual
environment, and its outputs are committed next to it (reference/). The test regenerates only the
checkpoints (Debian's PyTorch 1.13 suffices) and compares the engine with these outputs.

The environment it was run in (PyPI only; versions in the JSON it writes):
  python3 -m venv .venv-ref && .venv-ref/bin/pip install torch transformers peft sentencepiece torchvision
  build/venv/bin/python tests/import/make_published_checkpoints.py \
      resources/models/anatomix-demo/tokenizer.model /tmp/checkpoints
  .venv-ref/bin/python tests/import/reference_logits.py /tmp/checkpoints tests/import/reference/anatomix_tiny

Usage: reference_logits.py FIXTURE_DIR OUT_PREFIX   (writes OUT_PREFIX.json and OUT_PREFIX.safetensors)
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "engine"))
sys.path.insert(0, HERE)
from apm_reference import Projector, VisionModel, save_safetensors  # noqa: E402
import make_published_checkpoints as published  # noqa: E402

INSTRUCTION = "Please locate the following phrase: small left apical pneumothorax"
IMAGE_SIZE, IMAGE_TOKENS, NEW_TOKENS, POSITION_STEP = 1024, 1024, 12, 149


def test_image():
    """The same formula as tests/import/import_test.cpp: ((7 x + 13 y) mod 256) / 255."""
    y, x = np.meshgrid(np.arange(IMAGE_SIZE), np.arange(IMAGE_SIZE), indexing="ij")
    return torch.from_numpy(((7 * x + 13 * y) % 256).astype(np.float32) / 255.0)[None, None]


def main(fixtures, out_prefix):
    torch.set_num_threads(2)
    from peft import LoraConfig, get_peft_model
    import peft
    import sentencepiece
    import transformers
    from transformers import Gemma3ForConditionalGeneration

    # APM (build_anatomix: text_model.* dropped) and retrieval (APMModel.retrieve_rag_sentences).
    checkpoint = torch.load(os.path.join(fixtures, "apm", "last_checkpoint.pth"), weights_only=False)
    vision = VisionModel(published.APM, 36, 14).eval()
    vision.load_state_dict({k[len("vis_model."):]: v for k, v in checkpoint["model"].items()
                            if k.startswith("vis_model.")})
    with torch.no_grad():
        out = vision(test_image())
    boxes, objects, memory = out["boxes"][0], out["objects"][0], out["memory"][0]
    database = torch.load(os.path.join(fixtures, "emb_db.pt"), weights_only=False)
    names = sorted(database.keys())
    sentences, chosen = [], []
    for i, name in enumerate(names):
        texts = list(database[name].keys())
        matrix = F.normalize(torch.cat(list(database[name].values()), 0), dim=-1)
        logits = F.normalize(objects[i:i + 1], dim=-1) @ matrix.T * 0.01
        j = int(logits.argmax(-1))
        chosen.append(j)
        sentences.append(texts[j])

    # Prompt (AnatomiX.text_to_prompt, the Gemma 3 chat template, LMTokenizer.__call__).
    cx, cy, w, h = boxes.unbind(-1)
    xyxy = (torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], -1) * IMAGE_SIZE).to(torch.int64)
    content = "Image: <image_start>\nLikely findings:\n" + "\n".join(
        "emb:<emb><obj_%d></emb> box:<box>__BOX%d__</box> %s" % (i, i, names[i]) for i in range(36)) + \
        "\nTask: " + INSTRUCTION
    text = ("<bos><start_of_turn>user\n" + "\n\n" + content.strip() + "<end_of_turn>\n").strip()
    lines = []
    for line in text.split("\n"):
        for n in range(36):
            if "__BOX%d__" % n in line:
                line = line[:line.index("</box>") + len("</box>")] + " " + sentences[n]
                x1, y1, x2, y2 = xyxy[n].tolist()
                line = line.replace("__BOX%d__" % n, "(%d,%d),(%d,%d)" % (x1, y1, x2, y2))
                break
        lines.append(line)
    text = "\n".join(lines)
    text = text.replace("<image_start>", "\n\n<image_start>" + "<image>" * IMAGE_TOKENS + "<image_end>\n\n")
    text += "\n<start_of_turn>model\n"
    sp = sentencepiece.SentencePieceProcessor(model_file=os.path.join(fixtures, "base", "tokenizer.model"))
    bos = sp.piece_to_id("<bos>")
    ids = [bos]
    for k, segment in enumerate(text.split("<bos>")):
        if k:
            ids.append(bos)
        ids += sp.encode(segment)

    # Language model (LMModel: base, surgery, PEFT wrapper, lm.pt).
    core = Gemma3ForConditionalGeneration.from_pretrained(os.path.join(fixtures, "base"), dtype=torch.float32,
                                                          attn_implementation="eager")
    core.model.vision_tower = None
    core.model.multi_modal_projector = None
    model = get_peft_model(core, LoraConfig(r=published.LORA_RANK, lora_alpha=published.LORA_ALPHA,
                                            lora_dropout=0.05, target_modules="all-linear", bias="none",
                                            modules_to_save=["lm_head", "embed_tokens"], task_type="CAUSAL_LM"))
    saved = torch.load(os.path.join(fixtures, "lm.pt"), weights_only=True)["LM"]
    expected = {k for k in model.state_dict() if "lora_" in k or "lm_head" in k or "embed_tokens" in k}
    if set(saved["core_model"]) != expected:
        raise SystemExit("lm.pt keys differ from peft's: only in lm.pt %s; only in peft %s" % (
            sorted(set(saved["core_model"]) - expected)[:5], sorted(expected - set(saved["core_model"]))[:5]))
    result = model.load_state_dict(saved["core_model"], strict=False)
    assert not result.unexpected_keys, result.unexpected_keys
    model.eval()
    text_config = core.config.text_config
    print("text config as loaded:", {k: getattr(text_config, k, None) for k in (
        "layer_types", "sliding_window", "rope_parameters", "rope_scaling", "rope_theta", "rope_local_base_freq",
        "query_pre_attn_scalar", "tie_word_embeddings")})
    hidden = text_config.hidden_size
    image_projector = Projector(published.APM["hidden_dim"], published.PROJECTOR_HIDDEN, hidden)
    object_projector = Projector(published.APM["object_dim"], published.PROJECTOR_HIDDEN, hidden)
    for name, projector in (("image_projectionhead.", image_projector), ("obj_projectionhead.", object_projector)):
        projector.load_state_dict({k[len(name):]: v for k, v in saved["wrapper"].items() if k.startswith(name)})

    image_id, object0 = sp.piece_to_id("<image>"), sp.piece_to_id("<obj_0>")
    embed = model.get_input_embeddings()
    with torch.no_grad():
        input_ids = torch.tensor(ids)
        embeddings = embed(input_ids[None])[0]
        mask = input_ids == image_id
        assert int(mask.sum()) == IMAGE_TOKENS
        embeddings[mask] = image_projector(memory).to(embeddings.dtype)
        object_tokens = object_projector(objects).to(embeddings.dtype)
        for i in range(36):
            embeddings[input_ids == object0 + i] = object_tokens[i]
        logits = model(inputs_embeds=embeddings[None]).logits[0].float()
        positions = list(range(0, len(ids), POSITION_STEP)) + [len(ids) - 1]
        greedy, sequence, step_logits = [], embeddings, logits
        for _ in range(NEW_TOKENS):
            token = int(step_logits[-1].argmax())
            greedy.append(token)
            sequence = torch.cat([sequence, embed(torch.tensor([[token]]))[0]], 0)
            step_logits = model(inputs_embeds=sequence[None]).logits[0].float()
    save_safetensors(out_prefix + ".safetensors", {
        "logits": logits[positions].contiguous(), "positions": torch.tensor(positions, dtype=torch.int64),
        "prompt_ids": torch.tensor(ids, dtype=torch.int64), "greedy": torch.tensor(greedy, dtype=torch.int64)})
    with open(out_prefix + ".json", "w") as stream:
        json.dump({"made_by": "tests/import/reference_logits.py",
                   "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                                "peft": peft.__version__},
                   "instruction": INSTRUCTION, "prompt_tokens": len(ids), "boxes_xyxy": xyxy.tolist(),
                   "sentence_indices": chosen, "greedy": greedy, "greedy_text": sp.decode(greedy)},
                  stream, indent=1)
    print("prompt tokens", len(ids), "greedy", greedy)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
