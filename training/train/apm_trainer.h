// `anatomix train apm`: trains the Anatomy Perception Module with the engine's own model code
// (inference/src/apm, WeightUse::kTraining) on a generated study set, as published (section 2.5):
// box L1 x5 + GIoU x3 on the 36 fixed queries, image-label BCE x2, soft-KL contrastive of the anatomy
// tokens against P_S(all-MiniLM-L6-v2 sentence vectors) x1; AdamW, linear warm-up + cosine decay,
// gradient clipping, the small affine and the published flip (names kept); optionally real films for the
// side and box losses. Writes into the run directory:
//   cache.bin, cache_val.bin      the decoded images (model squares), reused by later runs
//   checkpoint.safetensors/.json  parameters, AdamW state, step and options (every N steps, at the end)
//   loss.csv                      step, lr, losses, validation IoU, seconds per step
//   bundle/                       the APM part of a model bundle (apm_bundle_writer.h)
// Steps are reproducible from (seed, step): batches and augmentation draw from per-step generators,
// so --resume continues exactly where the checkpoint stopped.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "bundle_config.h"
#include "train/apm_augmentation.h"
#include "train/apm_losses.h"

namespace anatomix::training {

struct ApmTrainingOptions {
  std::string data_dir, val_dir, run_dir;
  ApmConfig model;                 // image_size and sizes (config "image_size", "apm")
  int steps = 3000;
  int batch = 16;
  double lr = 2e-4;                // published: 1e-4 (backbone 1e-5), batch 48
  double backbone_lr_scale = 1.0;
  double weight_decay = 1e-4;
  int warmup_steps = 100;
  double grad_clip = 0.1;          // max global norm, as published
  bool backbone_batch_norm = false;  // train the backbone's batch norms on batch statistics (they end
                                     // as FrozenBatchNorm2d with the running statistics); published: frozen
  int sentence_projector_hidden = 512;
  AugmentationOptions augmentation;
  ApmLossWeights loss_weights;
  int checkpoint_every = 250;
  int validate_every = 250;
  int log_every = 10;
  int threads = 0;                 // torch and decoding threads; 0: all cores
  int limit = 0, val_limit = 0;    // > 0: use only the first studies (smoke runs)
  int until = 0;                   // > 0: stop after this step, checkpointed (the schedule still spans
                                   // `steps`); --resume continues. Not stored in the checkpoint.
  std::uint64_t seed = 2025;
  std::string init_from;           // a bundle whose APM weights start the run (fine-tuning); "" : random
  // Real films stored in standard display (a folder): with loss_weights.real_sides or real_boxes > 0, each
  // step adds real_batch of them (flip and appearance augmentation) to the batch, for side_loss on all of
  // them and for the box losses on the boxes that `real_boxes` (a boxes.json of some of these films,
  // dataset/real_box_set.h) gives; with real_mirror_consistency > 0 their mirrors as well.
  std::string real_images;
  std::string real_boxes;
  int real_batch = 8;
  // With loss_weights.real_labels > 0: the image labels of those films, from the `real_labels_split` rows of
  // `real_labels` (an NIH files.tsv, dataset/nih_labels.h); other rows, such as a held-out part, are not read.
  std::string real_labels;
  std::string real_labels_split = "adapt";

  // Training config file layout: the keys above, "image_size", "apm": {...} as in config.json,
  // "augmentation": {...}, "loss_weights": {...}. Unknown keys are errors.
  static ApmTrainingOptions from_json(const nlohmann::json& document, const std::string& origin);
  nlohmann::json to_json() const;
};

struct ApmTrainingResult {
  int last_step = 0;
  double last_loss = 0;
  double first_loss = 0;           // of the first step run in this call
  double validation_iou = -1;      // mean anatomy IoU on the validation set at the end (-1: none)
  double seconds_per_step = 0;
};

// Trains from scratch, or from RUN_DIR/checkpoint.* when `resume` (its options win, except
// threads, until and, when positive, steps taken from `options`). Throws std::runtime_error with a readable message.
ApmTrainingResult train_apm(const ApmTrainingOptions& options, bool resume);

}  // namespace anatomix::training
