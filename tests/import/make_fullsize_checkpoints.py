"""Random AnatomiX checkpoints at the published model's sizes, in the published layout, for a full-size
`anatomix import` and the full-size CPU benchmark (README: "Full size on a CPU").

Writes into OUT_DIR the structures of make_published_checkpoints.py at full size:
- apm/last_checkpoint.pth: the APM at the published sizes (apm_reference.APM_DEFAULTS: ResNet-50 backbone,
  1024 px, d=256; the sizes `anatomix bench --apm full` builds), with optimiser state and args as saved;
- lm.pt: LoRA r=16 on every linear layer of the 34-layer decoder, trained copies of embed_tokens and
  lm_head (modules_to_save, bf16, 262208 x 2560 each) and the projectors P_im and P_A into hidden 2560;
- emb_db.pt: the 36 anatomies' sentence embeddings (a few sentences each);
- base/: MedGemma-4b-it's snapshot layout (transformers < 4.52 names language_model.model.*, sharded bf16
  safetensors with model.safetensors.index.json, tied LM head not stored) with the Gemma 3 4B text config:
  hidden 2560, 34 layers, intermediate 10240, 8 heads, 4 KV heads, head_dim 256, vocabulary 262208 rows,
  sliding window 1024 with five local layers per global one; and the tokenizer.model given.
Left out to save disk, and said so here: the SigLIP vision tower at its size (import keeps only the text
decoder; a tiny tower stands in) and PEFT's original_module copies of embed_tokens and lm_head (import only
compares them with the base model when present).

The values are random (normal, std 1/sqrt(fan_in); norms small), seeded, not trained: speed and memory do not
depend on them. Each base tensor is made when the writer reaches it, so memory holds one tensor at a time;
torch.save needs lm.pt's ~2.8 GB at once. Disk: ~7.8 GB base, ~2.8 GB lm.pt, 0.2 GB APM.

Usage: make_fullsize_checkpoints.py TOKENIZER_MODEL OUT_DIR   (Gemma 3's tokenizer.model, 262144 pieces)
"""
import argparse
import collections
import json
import os
import struct
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_published_checkpoints as published  # noqa: E402  (the tiny writer: same layout, same names)
from apm_reference import APM_DEFAULTS  # noqa: E402  (importable once make_published_checkpoints ran)

VOCAB = 262208  # MedGemma-4b-it's embedding rows: 262144 pieces and 64 spare rows holding the AnatomiX tokens
LORA_RANK = 16
TEXT = dict(published.TEXT, hidden_size=2560, intermediate_size=10240, num_hidden_layers=34, num_attention_heads=8,
            num_key_value_heads=4, head_dim=256, query_pre_attn_scalar=256, sliding_window=1024,
            max_position_embeddings=131072, sliding_window_pattern=6,
            layer_types=["full_attention" if (i + 1) % 6 == 0 else "sliding_attention" for i in range(34)])
SHARD_BYTES = 5 * 10**9  # the shard size transformers writes by default ("5GB")


def random_bf16(shape, std, generator, mean=0.0):
    """Normal values made in slices of rows, so an embedding table never needs its fp32 copy at once."""
    out = torch.empty(shape, dtype=torch.bfloat16)
    flat = out.view(shape[0], -1)
    step = max(1, (1 << 24) // flat.shape[1])
    for start in range(0, shape[0], step):
        rows = flat[start:start + step]
        rows.copy_(torch.randn(rows.shape, generator=generator).mul_(std).add_(mean))
    return out


def decoder_plan():
    """(name, shape, std) of the text decoder in module order; norms get std 0.1 around 0 (Gemma adds 1)."""
    h, f, layers = TEXT["hidden_size"], TEXT["intermediate_size"], TEXT["num_hidden_layers"]
    hq, hkv, d = TEXT["num_attention_heads"], TEXT["num_key_value_heads"], TEXT["head_dim"]
    shapes = {"self_attn.q_proj": (hq * d, h), "self_attn.k_proj": (hkv * d, h), "self_attn.v_proj": (hkv * d, h),
              "self_attn.o_proj": (h, hq * d), "mlp.gate_proj": (f, h), "mlp.up_proj": (f, h),
              "mlp.down_proj": (h, f)}
    plan = [("embed_tokens.weight", (VOCAB, h), 0.5)]
    for layer in range(layers):
        p = "layers.%d." % layer
        for norm in ("input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm",
                     "post_feedforward_layernorm"):
            plan.append((p + norm + ".weight", (h,), 0.1))
        plan.append((p + "self_attn.q_norm.weight", (d,), 0.1))
        plan.append((p + "self_attn.k_norm.weight", (d,), 0.1))
        for module in published.LINEARS:
            plan.append((p + module + ".weight", shapes[module], 1.0 / shapes[module][1] ** 0.5))
    plan.append(("norm.weight", (h,), 0.1))
    return plan, shapes


def write_safetensors_streamed(path, entries):
    """safetensors with each tensor made by its callable just before its bytes are written."""
    header, offset = {}, 0
    for name, shape, _ in entries:
        size = 2 * int(torch.Size(shape).numel())
        header[name] = {"dtype": "BF16", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    header["__metadata__"] = {"format": "pt"}
    encoded = json.dumps(header).encode()
    encoded += b" " * ((8 - len(encoded) % 8) % 8)
    with open(path, "wb") as stream:
        stream.write(struct.pack("<Q", len(encoded)))
        stream.write(encoded)
        for name, shape, make in entries:
            tensor = make()
            assert tuple(tensor.shape) == tuple(shape) and tensor.dtype == torch.bfloat16, name
            stream.write(tensor.contiguous().view(torch.int16).numpy().tobytes())
    return offset


def write_base(tokenizer, out_dir, generator):
    directory = os.path.join(out_dir, "base")
    os.makedirs(directory, exist_ok=True)
    config = {"architectures": ["Gemma3ForConditionalGeneration"], "model_type": "gemma3",
              "text_config": dict(TEXT, vocab_size=VOCAB), "vision_config": published.VISION,
              "mm_tokens_per_image": 256, "boi_token_index": 255999, "eoi_token_index": 256000,
              "image_token_index": 262144, "torch_dtype": "bfloat16", "transformers_version": "4.50.0.dev0"}
    with open(os.path.join(directory, "config.json"), "w") as stream:
        json.dump(config, stream, indent=2)
    with open(tokenizer, "rb") as source, open(os.path.join(directory, "tokenizer.model"), "wb") as target:
        target.write(source.read())
    plan, _ = decoder_plan()
    entries = [("language_model.model." + name, shape,
                (lambda shape=shape, std=std: random_bf16(shape, std, generator))) for name, shape, std in plan]
    h = TEXT["hidden_size"]
    vision = [("vision_tower.vision_model.embeddings.patch_embedding.weight", (8, 3, 14, 14)),
              ("vision_tower.vision_model.embeddings.patch_embedding.bias", (8,)),
              ("vision_tower.vision_model.embeddings.position_embedding.weight", (4, 8)),
              ("multi_modal_projector.mm_input_projection_weight", (8, h)),
              ("multi_modal_projector.mm_soft_emb_norm.weight", (8,))]
    entries += [(name, shape, (lambda shape=shape: random_bf16(shape, 0.1, generator))) for name, shape in vision]
    shards, current, size = [], [], 0
    for entry in entries:
        bytes_ = 2 * int(torch.Size(entry[1]).numel())
        if current and size + bytes_ > SHARD_BYTES:
            shards.append(current)
            current, size = [], 0
        current.append(entry)
        size += bytes_
    shards.append(current)
    weight_map, total = {}, 0
    for index, shard in enumerate(shards):
        file = "model-%05d-of-%05d.safetensors" % (index + 1, len(shards))
        started = time.time()
        total += write_safetensors_streamed(os.path.join(directory, file), shard)
        weight_map.update({name: file for name, _, _ in shard})
        print("  %s: %d tensors, %.1f s" % (file, len(shard), time.time() - started), flush=True)
    with open(os.path.join(directory, "model.safetensors.index.json"), "w") as stream:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, stream, indent=2)


def write_lm(projectors, generator, out_dir):
    """lm.pt as AnatomiX.save_pretrained writes it (PEFT names of transformers >= 4.52), without the
    original_module copies."""
    _, shapes = decoder_plan()
    core = collections.OrderedDict()
    prefix = "base_model.model.model.language_model."
    for layer in range(TEXT["num_hidden_layers"]):
        for module in published.LINEARS:
            out_features, in_features = shapes[module]
            name = prefix + "layers.%d.%s." % (layer, module)
            # peft keeps adapters in fp32 on a bf16 model.
            core[name + "lora_A.default.weight"] = torch.randn((LORA_RANK, in_features), generator=generator) / in_features ** 0.5
            core[name + "lora_B.default.weight"] = torch.randn((out_features, LORA_RANK), generator=generator) * 0.02
    table = (VOCAB, TEXT["hidden_size"])
    core[prefix + "embed_tokens.modules_to_save.default.weight"] = random_bf16(table, 0.5, generator)
    core["base_model.model.lm_head.modules_to_save.default.weight"] = random_bf16(table, 0.5, generator)
    wrapper = collections.OrderedDict(
        (k, v.clone()) for k, v in projectors.state_dict().items()
        if k.startswith("image_projectionhead") or k.startswith("obj_projectionhead"))
    torch.save({"apm": None, "LM": {"core_model": core, "wrapper": wrapper}}, os.path.join(out_dir, "lm.pt"))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tokenizer")
    parser.add_argument("out_dir")
    args = parser.parse_args(argv)
    os.makedirs(args.out_dir, exist_ok=True)
    # The tiny writer's APM, projector, database and LoRA code, at the published sizes.
    published.APM = dict(APM_DEFAULTS)
    published.TEXT = TEXT
    numbers = published.Numbers(published.SEED)
    generator = torch.Generator().manual_seed(published.SEED)
    started = time.time()
    model = published.apm_and_projectors(numbers)
    published.write_apm(model, numbers, args.out_dir)
    published.write_vector_db(numbers, args.out_dir)
    print("APM, projectors, vector database: %.1f s" % (time.time() - started), flush=True)
    started = time.time()
    write_lm(model, generator, args.out_dir)
    del model
    print("lm.pt: %.1f s" % (time.time() - started), flush=True)
    started = time.time()
    write_base(args.tokenizer, args.out_dir, generator)
    print("base snapshot: %.1f s" % (time.time() - started), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
