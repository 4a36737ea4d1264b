#include "lm/safetensors.h"
#include "test_support.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace anatomix::safetensors {
namespace {

using anatomix::lm::test::ScratchDir;

// Writes a file made of an 8-byte header length, `header` and `data` (for hand-made bad files).
void write_raw(const std::string& path, const std::string& header, const std::string& data, int64_t declared = -1) {
  std::ofstream out(path, std::ios::binary);
  uint64_t n = declared >= 0 ? static_cast<uint64_t>(declared) : header.size();
  for (int i = 0; i < 8; ++i) out.put(static_cast<char>((n >> (8 * i)) & 0xff));
  out << header << data;
}

std::string open_error(const std::string& path) {
  try {
    SafetensorsFile::open(path);
  } catch (const SafetensorsError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Safetensors, RoundTripKeepsValuesShapesAndDtypes) {
  ScratchDir dir;
  torch::manual_seed(1);
  const auto f32 = torch::randn({3, 5});
  const auto f16 = torch::randn({4}).to(torch::kHalf);
  const auto bf16 = torch::randn({2, 3, 4}).to(torch::kBFloat16);
  const auto i64 = torch::arange(7, torch::kLong);
  const auto scalar = torch::scalar_tensor(2.5);
  const auto empty = torch::zeros({0, 3});
  write_safetensors(dir.file("a.safetensors"),
                    {{"w.f32", f32}, {"w.f16", f16}, {"w.bf16", bf16}, {"ids", i64}, {"scalar", scalar}, {"empty", empty}},
                    {{"format", "pt"}});
  auto file = SafetensorsFile::open(dir.file("a.safetensors"));
  EXPECT_EQ(file->names(), (std::vector<std::string>{"empty", "ids", "scalar", "w.bf16", "w.f16", "w.f32"}));
  EXPECT_EQ(file->metadata().at("format"), "pt");
  EXPECT_EQ(file->info("w.bf16").dtype, "BF16");
  EXPECT_TRUE(torch::equal(file->tensor("w.f32"), f32));
  EXPECT_TRUE(torch::equal(file->tensor("w.f16"), f16));
  EXPECT_TRUE(torch::equal(file->tensor("w.bf16"), bf16));
  EXPECT_TRUE(torch::equal(file->tensor("ids"), i64));
  EXPECT_EQ(file->tensor("scalar").dim(), 0);
  EXPECT_DOUBLE_EQ(file->tensor("scalar").item<double>(), 2.5);
  EXPECT_EQ(file->tensor("empty").sizes().vec(), (std::vector<int64_t>{0, 3}));
  // Every tensor is aligned to its element size (the writer orders by element size).
  for (const auto& name : file->names()) {
    const auto t = file->tensor(name);
    if (t.numel()) EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data_ptr()) % t.element_size(), 0u) << name;
  }
}

TEST(Safetensors, ViewOutlivesReaderAndWritesNeverReachTheFile) {
  ScratchDir dir;
  write_safetensors(dir.file("a.safetensors"), {{"x", torch::ones({16})}});
  at::Tensor view;
  {
    auto file = SafetensorsFile::open(dir.file("a.safetensors"));
    view = file->tensor("x");
  }
  EXPECT_FLOAT_EQ(view.sum().item<float>(), 16.0f);
  view.mul_(3);  // copy-on-write mapping: no crash, file untouched
  auto again = SafetensorsFile::open(dir.file("a.safetensors"));
  EXPECT_FLOAT_EQ(again->tensor("x").sum().item<float>(), 16.0f);
}

TEST(Safetensors, ShardedIndexResolvesEveryTensor) {
  ScratchDir dir;
  write_safetensors(dir.file("model-00001-of-00002.safetensors"), {{"a", torch::ones({2})}});
  write_safetensors(dir.file("model-00002-of-00002.safetensors"), {{"b", torch::full({3}, 2.0)}});
  std::ofstream(dir.file("model.safetensors.index.json"))
      << R"({"metadata":{"total_size":20},"weight_map":{"a":"model-00001-of-00002.safetensors",)"
      << R"("b":"model-00002-of-00002.safetensors"}})";
  auto checkpoint = SafetensorsCheckpoint::open(dir.path().string());
  EXPECT_EQ(checkpoint.names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_FLOAT_EQ(checkpoint.tensor("b").sum().item<float>(), 6.0f);
  EXPECT_NE(checkpoint.file_of("b").find("00002"), std::string::npos);
  try {
    checkpoint.tensor("c");
    FAIL() << "expected an error";
  } catch (const SafetensorsError& e) {
    EXPECT_NE(std::string(e.what()).find("'c'"), std::string::npos) << e.what();
  }
}

TEST(Safetensors, IndexPointingAtAMissingTensorIsReported) {
  ScratchDir dir;
  write_safetensors(dir.file("s1.safetensors"), {{"a", torch::ones({2})}});
  std::ofstream(dir.file("model.safetensors.index.json")) << R"({"weight_map":{"zzz":"s1.safetensors"}})";
  try {
    SafetensorsCheckpoint::open(dir.path().string());
    FAIL() << "expected an error";
  } catch (const SafetensorsError& e) {
    EXPECT_NE(std::string(e.what()).find("zzz"), std::string::npos) << e.what();
  }
}

TEST(Safetensors, TruncatedFileNamesFileAndTensor) {
  ScratchDir dir;
  write_safetensors(dir.file("a.safetensors"), {{"big", torch::ones({100})}});
  std::filesystem::resize_file(dir.file("a.safetensors"), std::filesystem::file_size(dir.file("a.safetensors")) - 10);
  const std::string message = open_error(dir.file("a.safetensors"));
  EXPECT_NE(message.find("a.safetensors"), std::string::npos) << message;
  EXPECT_NE(message.find("'big'"), std::string::npos) << message;
  EXPECT_NE(message.find("out of range"), std::string::npos) << message;

  write_raw(dir.file("short.safetensors"), "", "", 0);
  std::filesystem::resize_file(dir.file("short.safetensors"), 5);
  EXPECT_NE(open_error(dir.file("short.safetensors")).find("truncated"), std::string::npos);

  write_raw(dir.file("header.safetensors"), "{\"a\":", "", 4000);
  EXPECT_NE(open_error(dir.file("header.safetensors")).find("truncated"), std::string::npos);
}

TEST(Safetensors, BadHeadersAreReadableErrors) {
  ScratchDir dir;
  write_raw(dir.file("json.safetensors"), "{not json", "");
  EXPECT_NE(open_error(dir.file("json.safetensors")).find("not valid JSON"), std::string::npos);

  write_raw(dir.file("array.safetensors"), "[1,2]", "");
  EXPECT_NE(open_error(dir.file("array.safetensors")).find("not an object"), std::string::npos);

  write_raw(dir.file("huge.safetensors"), "{}", "", int64_t{1} << 40);
  EXPECT_NE(open_error(dir.file("huge.safetensors")).find("100 MB"), std::string::npos);

  write_raw(dir.file("dtype.safetensors"), R"({"t":{"dtype":"F17","shape":[1],"data_offsets":[0,4]}})",
            std::string(4, '\0'));
  const std::string dtype_message = open_error(dir.file("dtype.safetensors"));
  EXPECT_NE(dtype_message.find("unknown dtype 'F17'"), std::string::npos) << dtype_message;
  EXPECT_NE(dtype_message.find("'t'"), std::string::npos) << dtype_message;

  write_raw(dir.file("length.safetensors"), R"({"t":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}})",
            std::string(12, '\0'));
  const std::string length_message = open_error(dir.file("length.safetensors"));
  EXPECT_NE(length_message.find("wrong byte length"), std::string::npos) << length_message;
  EXPECT_NE(length_message.find("16"), std::string::npos) << length_message;

  write_raw(dir.file("overlap.safetensors"),
            R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
            std::string(12, '\0'));
  EXPECT_NE(open_error(dir.file("overlap.safetensors")).find("overlap"), std::string::npos);

  write_raw(dir.file("gap.safetensors"), R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
            std::string(8, '\0'));
  EXPECT_NE(open_error(dir.file("gap.safetensors")).find("gap"), std::string::npos);

  write_raw(dir.file("trailing.safetensors"), R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})",
            std::string(9, '\0'));
  EXPECT_NE(open_error(dir.file("trailing.safetensors")).find("wrong length"), std::string::npos);

  write_raw(dir.file("meta.safetensors"), R"({"__metadata__":{"n":3}})", "");
  EXPECT_NE(open_error(dir.file("meta.safetensors")).find("__metadata__"), std::string::npos);

  EXPECT_NE(open_error(dir.file("does-not-exist.safetensors")).find("cannot open"), std::string::npos);
}

TEST(Safetensors, UnsupportedDtypeIsReportedWhenRead) {
  ScratchDir dir;
  write_raw(dir.file("u16.safetensors"), R"({"t":{"dtype":"U16","shape":[2],"data_offsets":[0,4]}})",
            std::string(4, '\0'));
  auto file = SafetensorsFile::open(dir.file("u16.safetensors"));
  EXPECT_THROW(file->tensor("t"), SafetensorsError);
}

TEST(Safetensors, WriterRejectsDuplicateNames) {
  ScratchDir dir;
  EXPECT_THROW(write_safetensors(dir.file("d.safetensors"), {{"a", torch::ones({1})}, {"a", torch::ones({1})}}),
               SafetensorsError);
}

// The lazy writer makes each tensor only when it writes it, in the writer's order, and refuses a tensor
// that comes out other than declared (the header is already on disk by then).
TEST(Safetensors, LazyWriterMakesEachTensorInTurnAndChecksIt) {
  ScratchDir dir;
  std::vector<std::string> made;
  const std::vector<LazyTensor> tensors{
      {"b.f32", torch::kFloat32, {2, 2}, [&] { made.push_back("b.f32"); return torch::full({2, 2}, 1.5f); }},
      {"a.bf16", torch::kBFloat16, {3}, [&] { made.push_back("a.bf16"); return torch::ones({3}, torch::kBFloat16); }},
      {"c.f32", torch::kFloat32, {1}, [&] { made.push_back("c.f32"); return torch::full({1}, 2.f); }}};
  write_safetensors(dir.file("lazy.safetensors"), tensors);
  EXPECT_EQ(made, (std::vector<std::string>{"b.f32", "c.f32", "a.bf16"}));  // larger elements first, then names
  auto file = SafetensorsFile::open(dir.file("lazy.safetensors"));
  EXPECT_TRUE(torch::equal(file->tensor("b.f32"), torch::full({2, 2}, 1.5f)));
  EXPECT_TRUE(torch::equal(file->tensor("a.bf16"), torch::ones({3}, torch::kBFloat16)));

  const std::vector<LazyTensor> wrong{{"w", torch::kFloat32, {2}, [] { return torch::zeros({3}); }}};
  try {
    write_safetensors(dir.file("wrong.safetensors"), wrong);
    ADD_FAILURE() << "a tensor of another shape was written";
  } catch (const SafetensorsError& error) {
    EXPECT_NE(std::string(error.what()).find("tensor 'w' came out as F32 [3], declared F32 [2]"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace anatomix::safetensors
