// The LM projectors of the published wrapper (the published AnatomiX code): P_im maps APM patch
// tokens (d) and P_A maps anatomy feature tokens (s) into the LM's hidden size, each Linear -> GELU (erf)
// -> LayerNorm(eps 1e-5) -> Linear, in fp32. State-dict names `image_projectionhead.proj.{0,2,3}.*` and
// `obj_projectionhead.proj.{0,2,3}.*`. Also the injection of their outputs into a prompt's embeddings
// (section 5.3), shared by Engine::ask and the trainer.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace anatomix {

namespace lm {
class Gemma3Model;
}

class Projector {
 public:
  using Lookup = std::function<at::Tensor(const std::string& name)>;

  // prefix: "image_projectionhead" or "obj_projectionhead". Tensors already fp32, contiguous and on `device`
  // are used as given (a trainer's leaves receive gradients); others are converted.
  Projector(const std::string& prefix, const Lookup& lookup, c10::Device device);

  // [..., in] -> [..., out] in fp32 on the projector's device. Records the autograd graph unless the caller
  // holds an InferenceMode guard (the engine does).
  at::Tensor operator()(const at::Tensor& x) const;

  // Names and shapes the projector reads.
  static std::vector<std::pair<std::string, std::vector<int64_t>>> tensor_shapes(const std::string& prefix,
                                                                                  int64_t in, int64_t hidden,
                                                                                  int64_t out);
  // PyTorch's defaults for nn.Linear (uniform +-1/sqrt(fan_in)) and nn.LayerNorm (1, 0); fp32, CPU.
  static std::map<std::string, at::Tensor> random_parameters(const std::string& prefix, int64_t in, int64_t hidden,
                                                             int64_t out, std::uint64_t seed);

 private:
  at::Tensor weight0_, bias0_, norm_weight_, norm_bias_, weight3_, bias3_;
  c10::Device device_;
};

// Token ids of the placeholders that prompt_embeddings() replaces.
struct SoftTokenIds {
  int64_t image = 0;     // <image>
  int64_t object0 = 0;   // <obj_0>; <obj_i> = object0 + i
};

// The language model's input for a prompt (section 5.3): the scaled token embeddings of `ids` with the
// <image> rows replaced, in order, by image_projector(memory [P, d]) and the first <obj_i> row (the one of
// anatomy i's prompt line) by object_projector(objects [Q, s]) row i, both unscaled; an answer's <obj_i>
// (a pointer at that line) keeps its token embedding, as it has when generated. Throws EngineError when the
// prompt does not hold exactly P <image> tokens and each of the Q object tokens. With a trainable model
// outside InferenceMode the result carries the autograd graph.
at::Tensor prompt_embeddings(const lm::Gemma3Model& model, const std::vector<int64_t>& ids, const SoftTokenIds& tokens,
                             const Projector& image_projector, const at::Tensor& memory,
                             const Projector& object_projector, const at::Tensor& objects);

}  // namespace anatomix
