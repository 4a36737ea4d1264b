"""Tiny AnatomiX checkpoints saved the way the published code saves them, for `anatomix import` tests.

The published AnatomiX code (aneesurhashmi/anatomix) writes three torch.save archives and reads a Hugging
Face snapshot of MedGemma; this script writes the same structures at toy sizes:
- apm/last_checkpoint.pth: {"model": state dict (vis_model.* of the APM, text_model.* of the sentence
  encoder), "vis_optimizer", "text_optimizer", "lr_scheduler", "epoch", "args" (an argparse.Namespace holding
  a pathlib.Path, as train_apm.py saves it), "best_loss"};
- lm.pt: {"apm": None, "LM": {"core_model": the PEFT tensors whose names contain lora_, lm_head or
  embed_tokens (LoRA on every linear layer of the decoder, modules_to_save copies of embed_tokens and lm_head),
  "wrapper": the projectors P_im and P_A}}; lm_legacy_names.pt: the same under the PEFT names of
  transformers before 4.52;
- emb_db.pt: OrderedDict {raw Chest ImaGenome name: OrderedDict {sentence: Tensor[1, 16]}};
- base/: a Gemma3ForConditionalGeneration snapshot as transformers >= 4.52 saves it (model.language_model.*,
  one model.safetensors, tied LM head not stored) with a tiny vision tower, and base_legacy/: the same
  weights as older transformers (and the MedGemma release) name them (language_model.model.*), in two
  shards with model.safetensors.index.json. Both get the tokenizer.model given;
- broken/: damaged copies for the error messages (write_broken).

Every number comes from numpy's seeded legacy generator, so any PyTorch writes the same values; the
reference logits (reference_logits.py, run once with transformers + peft) stay valid for files this script
writes at test time with Debian's PyTorch 1.13.

Usage: make_published_checkpoints.py TOKENIZER_MODEL OUT_DIR
  (the shipped bundle's small vocabulary for the comparison with the reference, Gemma 3's for its token ids)
"""
import argparse
import collections
import json
import os
import pathlib
import shutil
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "engine"))
from apm_reference import AnatomixWeights, save_safetensors  # noqa: E402  (the published APM module tree)

SEED = 2025
APM = dict(backbone_width=8, backbone_blocks=[1, 1, 1, 1], hidden_dim=32, heads=4, ffn_dim=64, encoder_layers=1,
           decoder_layers=1, feature_heads=2, object_dim=16)
PROJECTOR_HIDDEN = 512
LORA_RANK, LORA_ALPHA = 8, 16
TEXT = dict(model_type="gemma3_text", hidden_size=64, intermediate_size=128, num_hidden_layers=3,
            num_attention_heads=4, num_key_value_heads=2, head_dim=16, query_pre_attn_scalar=16,
            sliding_window=512, max_position_embeddings=4096, rope_theta=1000000.0, rope_local_base_freq=10000.0,
            rope_scaling={"rope_type": "linear", "factor": 8.0}, rms_norm_eps=1e-6,
            hidden_activation="gelu_pytorch_tanh",
            layer_types=["sliding_attention", "sliding_attention", "full_attention"])
VISION = dict(model_type="siglip_vision_model", hidden_size=8, intermediate_size=16, num_hidden_layers=1,
              num_attention_heads=2, image_size=28, patch_size=14, num_channels=3)
LINEARS = ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.gate_proj",
           "mlp.up_proj", "mlp.down_proj"]
RAW_ANATOMIES = [
    "Abdominal cavity", "Aortic arch structure", "Apical zone of left lung", "Apical zone of right lung",
    "Cardiac shadow viewed radiologically;;Heart", "Descending aorta", "Hilar Area of the Left Lung",
    "Hilar Area of the Right Lung", "Left clavicle", "Left hemidiaphragm", "Left lower lung zone", "Left lung",
    "Left mid lung zone", "Left upper lung zone", "Mediastinum", "Right atrial structure",
    "Right border of heart viewed radiologically", "Right clavicle", "Right hemidiaphragm", "Right lower lung zone",
    "Right lung", "Right mid lung zone", "Right upper lung zone", "Structure of carina",
    "Structure of left margin of heart", "Structure of left upper quadrant of abdomen",
    "Structure of right upper quadrant of abdomen", "Superior mediastinum", "Superior vena cava structure",
    "Trachea&&Main Bronchus", "Vertebral column", "cavoatrial", "left cardiophrenic sulcus",
    "left costophrenic sulcus;;Left costodiaphragmatic recess", "right cardiophrenic sulcus",
    "right costophrenic sulcus;;Right costodiaphragmatic recess"]
FINDINGS = ["atelectasis", "pleural effusion", "pneumothorax", "lung opacity", "enteric tube"]


class Numbers:
    """numpy's legacy Mersenne Twister: the same values under every numpy and PyTorch version."""

    def __init__(self, seed):
        self.random = np.random.RandomState(seed)

    def normal(self, shape, std=1.0, mean=0.0):
        return torch.from_numpy((mean + std * self.random.standard_normal(tuple(shape))).astype(np.float32))

    def uniform(self, shape, low, high):
        return torch.from_numpy(self.random.uniform(low, high, tuple(shape)).astype(np.float32))


def apm_and_projectors(numbers):
    """The published APM tree and projectors with O(1) activations (cf. apm_reference.randomise)."""
    config = {"apm": APM, "anatomies": RAW_ANATOMIES, "projector_hidden": PROJECTOR_HIDDEN,
              "lm": {"hidden_size": TEXT["hidden_size"]}}
    model = AnatomixWeights(config).eval()
    with torch.no_grad():
        for name, tensor in model.state_dict(keep_vars=True).items():
            shape, field = tensor.shape, name.split(".")[-1]
            if ".bn" in name or "downsample.1" in name or field in ("running_mean", "running_var"):
                value = (numbers.uniform(shape, 0.5, 1.5) if field in ("weight", "running_var")
                         else numbers.normal(shape, 0.1))
            elif "norm" in name or ".proj.2." in name:
                value = numbers.normal(shape, 0.1, 1.0 if field == "weight" else 0.0)
            elif field in ("cls_token", "cls_pos") or "query_embed" in name:
                value = numbers.normal(shape)
            elif len(shape) >= 2:
                fan_in = int(np.prod(shape[1:]))
                gain = 0.5 if name.endswith("conv3.weight") else 0.1 if "input_proj" in name else 1.0
                value = numbers.normal(shape, gain * (2.0 / fan_in) ** 0.5)
            else:
                value = numbers.normal(shape, 0.1)
            tensor.copy_(value)
    return model


def write_apm(model, numbers, out_dir):
    state = collections.OrderedDict((k, v.clone()) for k, v in model.vis_model.state_dict().items())
    state = collections.OrderedDict(("vis_model." + k, v) for k, v in state.items())
    # The frozen sentence encoder and P_S, which build_anatomix drops.
    state["text_model.model.embeddings.word_embeddings.weight"] = numbers.normal((30, 8))
    state["text_model.project_head.proj.0.weight"] = numbers.normal((12, 8))
    state["text_model.project_head.proj.2.weight"] = numbers.normal((16, 12))
    vis_params = [torch.nn.Parameter(v.clone()) for k, v in state.items() if k.startswith("vis_model.transformer")]
    optimiser = torch.optim.AdamW(vis_params, lr=1e-4, weight_decay=1e-4)
    sum(p.sum() for p in vis_params).backward()
    optimiser.step()
    text_optimiser = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(3))], lr=1e-4)
    scheduler = torch.optim.lr_scheduler.StepLR(optimiser, 200)
    args = argparse.Namespace(output_dir=pathlib.Path("checkpoints/apm"), experiment_name="apm_tiny", lr=1e-4,
                              batch_size=48, epochs=45, seed=SEED)
    os.makedirs(os.path.join(out_dir, "apm"), exist_ok=True)
    torch.save({"model": state, "vis_optimizer": optimiser.state_dict(), "text_optimizer": text_optimiser.state_dict(),
                "lr_scheduler": scheduler.state_dict(), "epoch": 44, "args": args, "best_loss": 1.25},
               os.path.join(out_dir, "apm", "last_checkpoint.pth"))


def decoder_weights(numbers, vocab):
    h, f = TEXT["hidden_size"], TEXT["intermediate_size"]
    hq, hkv, d = TEXT["num_attention_heads"], TEXT["num_key_value_heads"], TEXT["head_dim"]
    shapes = {"self_attn.q_proj": (hq * d, h), "self_attn.k_proj": (hkv * d, h), "self_attn.v_proj": (hkv * d, h),
              "self_attn.o_proj": (h, hq * d), "mlp.gate_proj": (f, h), "mlp.up_proj": (f, h),
              "mlp.down_proj": (h, f)}
    weights = collections.OrderedDict()
    weights["embed_tokens.weight"] = numbers.normal((vocab, h), 0.5)
    for layer in range(TEXT["num_hidden_layers"]):
        p = "layers.%d." % layer
        for norm in ("input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm",
                     "post_feedforward_layernorm"):
            weights[p + norm + ".weight"] = numbers.normal((h,), 0.1)
        weights[p + "self_attn.q_norm.weight"] = numbers.normal((d,), 0.1)
        weights[p + "self_attn.k_norm.weight"] = numbers.normal((d,), 0.1)
        for module in LINEARS:
            weights[p + module + ".weight"] = numbers.normal(shapes[module], 1.0 / shapes[module][1] ** 0.5)
    weights["norm.weight"] = numbers.normal((h,), 0.1)
    # MedGemma's weights are bf16.
    return collections.OrderedDict((k, v.to(torch.bfloat16)) for k, v in weights.items()), shapes


def write_base(weights, vocab, tokenizer, out_dir, legacy):
    numbers = Numbers(SEED + 7)
    text = dict(TEXT, vocab_size=vocab)
    config = {"architectures": ["Gemma3ForConditionalGeneration"], "model_type": "gemma3", "text_config": text,
              "vision_config": VISION, "mm_tokens_per_image": 4, "boi_token_index": vocab - 3,
              "eoi_token_index": vocab - 2, "image_token_index": vocab - 1, "torch_dtype": "bfloat16",
              "transformers_version": "4.50.0.dev0" if legacy else "4.53.0"}
    decoder = "language_model.model." if legacy else "model.language_model."
    outer = "" if legacy else "model."
    tensors = collections.OrderedDict((decoder + k, v) for k, v in weights.items())
    vision = collections.OrderedDict()
    vision[outer + "vision_tower.vision_model.embeddings.patch_embedding.weight"] = numbers.normal((8, 3, 14, 14), 0.1)
    vision[outer + "vision_tower.vision_model.embeddings.patch_embedding.bias"] = numbers.normal((8,), 0.1)
    vision[outer + "vision_tower.vision_model.embeddings.position_embedding.weight"] = numbers.normal((4, 8), 0.1)
    vision[outer + "multi_modal_projector.mm_input_projection_weight"] = numbers.normal((8, TEXT["hidden_size"]), 0.1)
    vision[outer + "multi_modal_projector.mm_soft_emb_norm.weight"] = numbers.normal((8,), 0.1)
    tensors.update((k, v.to(torch.bfloat16)) for k, v in vision.items())
    directory = os.path.join(out_dir, "base_legacy" if legacy else "base")
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "config.json"), "w") as stream:
        json.dump(config, stream, indent=2)
    shutil.copyfile(tokenizer, os.path.join(directory, "tokenizer.model"))
    if not legacy:
        save_safetensors(os.path.join(directory, "model.safetensors"), tensors, {"format": "pt"})
        return
    names = sorted(tensors)
    shards = [names[: len(names) // 2], names[len(names) // 2:]]
    weight_map = {}
    for index, shard in enumerate(shards):
        file = "model-%05d-of-%05d.safetensors" % (index + 1, len(shards))
        save_safetensors(os.path.join(directory, file), {k: tensors[k] for k in shard}, {"format": "pt"})
        weight_map.update({k: file for k in shard})
    total = sum(v.numel() * v.element_size() for v in tensors.values())
    with open(os.path.join(directory, "model.safetensors.index.json"), "w") as stream:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, stream, indent=2)


def write_lm(weights, shapes, projectors, numbers, out_dir):
    """lm.pt as AnatomiX.save_pretrained writes it (PEFT names of transformers >= 4.52)."""
    core = collections.OrderedDict()
    prefix = "base_model.model.model.language_model."
    for layer in range(TEXT["num_hidden_layers"]):
        for module in LINEARS:
            out_features, in_features = shapes[module]
            name = prefix + "layers.%d.%s." % (layer, module)
            # peft keeps adapters in fp32 (autocast_adapter_dtype) on a bf16 model.
            core[name + "lora_A.default.weight"] = numbers.normal((LORA_RANK, in_features), 1.0 / in_features ** 0.5)
            core[name + "lora_B.default.weight"] = numbers.normal((out_features, LORA_RANK), 0.05)
    embed = weights["embed_tokens.weight"]
    core[prefix + "embed_tokens.original_module.weight"] = embed.clone()
    core[prefix + "embed_tokens.modules_to_save.default.weight"] = (
        embed.float() + numbers.normal(embed.shape, 0.1)).to(torch.bfloat16)
    core["base_model.model.lm_head.original_module.weight"] = embed.clone()
    core["base_model.model.lm_head.modules_to_save.default.weight"] = (
        embed.float() + numbers.normal(embed.shape, 0.1)).to(torch.bfloat16)
    wrapper = collections.OrderedDict(
        (k, v.clone()) for k, v in projectors.state_dict().items()
        if k.startswith("image_projectionhead") or k.startswith("obj_projectionhead"))
    torch.save({"apm": None, "LM": {"core_model": core, "wrapper": wrapper}}, os.path.join(out_dir, "lm.pt"))
    # The same tensors under the PEFT names of transformers before 4.52 (language_model.model.*).
    legacy = collections.OrderedDict(
        (k.replace("base_model.model.model.language_model.", "base_model.model.language_model.model.")
          .replace("base_model.model.lm_head.", "base_model.model.language_model.lm_head."), v)
        for k, v in core.items())
    torch.save({"apm": None, "LM": {"core_model": legacy, "wrapper": wrapper}},
               os.path.join(out_dir, "lm_legacy_names.pt"))


def write_vector_db(numbers, out_dir):
    database = collections.OrderedDict()
    for index, name in enumerate(reversed(RAW_ANATOMIES)):  # not in sorted order: the readers sort
        sentences = [name + " is healthy."] + [name + " shows " + FINDINGS[(index + k) % len(FINDINGS)] + "."
                                                for k in range(index % 3)]
        database[name] = collections.OrderedDict(
            (sentence, numbers.normal((1, APM["object_dim"]))) for sentence in sorted(sentences))
    torch.save(database, os.path.join(out_dir, "emb_db.pt"))


def write_broken(out_dir):
    """Damaged copies for the error tests: lm.pt without one lora_B, with a projector of the wrong shape
    and an embedding copy of the wrong dtype; an APM checkpoint without its query embedding."""
    directory = os.path.join(out_dir, "broken")
    os.makedirs(directory, exist_ok=True)
    saved = torch.load(os.path.join(out_dir, "lm.pt"), weights_only=False)
    core, wrapper = saved["LM"]["core_model"], saved["LM"]["wrapper"]
    del core["base_model.model.model.language_model.layers.1.mlp.down_proj.lora_B.default.weight"]
    wrapper["obj_projectionhead.proj.0.weight"] = wrapper["obj_projectionhead.proj.0.weight"][:, :8].clone()
    key = "base_model.model.lm_head.modules_to_save.default.weight"
    core[key] = core[key].to(torch.int16)
    torch.save(saved, os.path.join(directory, "lm.pt"))
    checkpoint = torch.load(os.path.join(out_dir, "apm", "last_checkpoint.pth"), weights_only=False)
    del checkpoint["model"]["vis_model.query_embed.weight"]
    torch.save(checkpoint, os.path.join(directory, "apm.pth"))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tokenizer")
    parser.add_argument("out_dir")
    args = parser.parse_args(argv)
    import sentencepiece
    pieces = sentencepiece.SentencePieceProcessor(model_file=args.tokenizer).get_piece_size()
    # Gemma 3's embedding has 262208 rows (262144 pieces and 64 spare rows that hold the AnatomiX tokens); a
    # small vocabulary gets 64 spare rows likewise.
    vocab = 262208 if pieces >= 262144 else pieces + 64
    os.makedirs(args.out_dir, exist_ok=True)
    numbers = Numbers(SEED)
    model = apm_and_projectors(numbers)
    write_apm(model, numbers, args.out_dir)
    weights, shapes = decoder_weights(numbers, vocab)
    write_lm(weights, shapes, model, numbers, args.out_dir)
    write_vector_db(numbers, args.out_dir)
    write_base(weights, vocab, args.tokenizer, args.out_dir, legacy=False)
    write_base(weights, vocab, args.tokenizer, args.out_dir, legacy=True)
    write_broken(args.out_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
