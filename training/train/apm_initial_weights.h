// Initial weights for training the APM from scratch (the published APM loads nothing pretrained).
// Published names and shapes come from the engine (apm_tensor_shapes), so the trained tensors load
// into inference unchanged.
//
// Choices, following the libraries the published code builds on:
//  - convolutions: Kaiming normal on fan_in (He, ReLU gain). Each residual block starts as its
//    shortcut: with the published FrozenBatchNorm2d frozen at identity (weight 1, bias 0, mean 0,
//    var 1) the LAST convolution of every bottleneck (conv3) starts at zero, which keeps a network
//    without normalisation from exploding at init; when the batch norms train (batch statistics),
//    conv3 is Kaiming like the others and bn3's weight starts at zero instead (Goyal et al. 2017),
//    since a batch norm after an all-zero convolution would divide by sqrt(eps).
//  - transformer (encoder, decoder, attention of M): Xavier uniform on every matrix, zero attention
//    biases (DETR's _reset_parameters and nn.MultiheadAttention); LayerNorm at identity.
//  - other Linear/Conv layers (input_proj, box MLP, CLS head, M's linear, P_S): PyTorch's default
//    U(+-1/sqrt(fan_in)) for weights and biases.
//  - query_embed N(0, 1) (nn.Embedding); CLS token and its position N(0, 0.02).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <string>

#include "bundle_config.h"

namespace anatomix::training {

// Every APM tensor (vis_model.*), fp32 on the CPU.
std::map<std::string, at::Tensor> initial_apm_weights(const ApmConfig& config, std::uint64_t seed,
                                                     bool batch_norm_trains = false);

// Kept out of the optimiser: the backbone's batch-norm tensors (FrozenBatchNorm2d, as published), or
// with `batch_norm_trains` only their running statistics (they follow the batches, Apm::set_batch_statistics).
bool is_frozen_apm_weight(const std::string& name, bool batch_norm_trains = false);

// The sentence projector P_S (Linear e->hidden, ReLU, Linear hidden->s) under its published names
// "text_model.project_head.proj.{0,2}.{weight,bias}".
std::map<std::string, at::Tensor> initial_sentence_projection(int sentence_dim, int hidden_dim, int object_dim,
                                                              std::uint64_t seed);
extern const char* const kSentenceProjectionPrefix;

}  // namespace anatomix::training
