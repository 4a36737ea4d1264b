// `anatomix import`: a model bundle from the published AnatomiX checkpoints and a Hugging Face snapshot of
// the base model (the published AnatomiX code, README and src/models/{anatomix,LM}.py):
//   - the APM checkpoint `*.pth` ({"model": state dict, optimiser, args, ...}; `vis_model.*` is kept, the
//     sentence encoder `text_model.*` is dropped as `build_anatomix` does);
//   - `lm.pt` ({"LM": {"core_model": PEFT tensors with lora_ / lm_head / embed_tokens in their names,
//     "wrapper": the projectors P_im and P_A}});
//   - `emb_db.pt` ({anatomy name: {sentence: Tensor[1, s]}}; anatomies in sorted order = query order);
//   - the base snapshot: config.json (Gemma3ForConditionalGeneration: text_config, or a text-only
//     Gemma 3 config), model.safetensors or model-*.safetensors with model.safetensors.index.json, and
//     tokenizer.model. Only the text decoder is kept.
// LoRA is merged (W + B A * alpha / r); the trained `modules_to_save` copies of embed_tokens and lm_head
// replace the base ones, as the published loader's forward uses them. Every problem found in the inputs
// is reported together, each tensor named with its expected and found shape and dtype.
#pragma once

#include <c10/core/ScalarType.h>

#include <string>

namespace anatomix::published {

struct ImportOptions {
  std::string apm;         // the APM checkpoint, or a directory holding last_checkpoint.pth (or one *.pth)
  std::string lm;          // lm.pt
  std::string vector_db;   // emb_db.pt
  std::string base;        // Hugging Face snapshot directory of the base model (MedGemma-4b-it)
  std::string out;         // bundle directory to create; must not exist yet
  c10::ScalarType dtype = c10::kBFloat16;  // language-model weights in the bundle: BFloat16 or Float
  double lora_alpha = 16;  // LoraConfig.lora_alpha of the published training (r comes from the tensors)
  bool keep_lora = false;  // keep LoRA unmerged: refused, the engine runs merged weights only
  std::string name = "anatomix";
};

// What was imported, for the command's summary.
struct ImportSummary {
  std::string bundle;
  int lora_modules = 0;
  int lora_rank = 0;
  int anatomies = 0;
  int sentences = 0;
  bool trained_embedding = false;
  bool trained_head = false;
};

// Writes the bundle into options.out (through a temporary sibling directory, renamed at the end, so a
// failed import leaves nothing behind). Throws EngineError with a readable message on every problem.
ImportSummary import_published(const ImportOptions& options);

}  // namespace anatomix::published
