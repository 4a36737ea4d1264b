// Writes the seed corpora of the fuzz targets into <folder>/<target>/: small valid inputs made by the
// product's own writers and the test writers, so that fuzzing starts from files that reach deep.
#include <dcmtk/dcmdata/dcddirif.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "dicom_test_writer.h"
#include "itk_image_writer.h"

#ifdef ANATOMIX_FUZZ_ENGINE
#include <ATen/ATen.h>

#include "apm/vector_db.h"
#include "bundle_config.h"
#include "lm/safetensors.h"
#endif

#ifdef ANATOMIX_FUZZ_STUDY_SET
#include "synth/study_generator.h"
#endif

namespace fs = std::filesystem;
using namespace anatomix::image::testing;

namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path);
}

DicomSpec small_spec(int bits, Syntax syntax) {
  DicomSpec spec;
  spec.rows = 8;
  spec.columns = 6;
  spec.bits_allocated = bits > 8 ? 16 : 8;
  spec.bits_stored = bits;
  spec.syntax = syntax;
  spec.values = ramp_values(spec);
  return spec;
}

void write_dicom_seeds(const fs::path& folder) {
  const std::vector<Syntax> syntaxes{Syntax::ImplicitLittle, Syntax::ExplicitLittle, Syntax::ExplicitBig,
                                     Syntax::Deflated,       Syntax::Rle,            Syntax::JpegLossless,
                                     Syntax::JpegBaseline,   Syntax::JpegLsLossless, Syntax::Jpeg2000Lossless};
  for (Syntax syntax : syntaxes) {
    const int bits = syntax == Syntax::JpegBaseline ? 8 : 12;
    write_dicom((folder / (std::string(syntax_name(syntax)) + ".dcm")).string(), small_spec(bits, syntax));
  }
  DicomSpec luts = small_spec(12, Syntax::ExplicitLittle);
  luts.photometric = "MONOCHROME1";
  luts.rescale_slope = 2.0;
  luts.rescale_intercept = -1024;
  luts.windows = {{1000, 2000, "LUNG"}, {40, 400, "SOFT"}};
  luts.voi_function = "SIGMOID";
  luts.voi_luts = {{0, 16, {0, 100, 4000, 65535}, "CURVE", false}};
  luts.presentation_shape = "INVERSE";
  luts.pixel_spacing = "0.2\\0.2";
  write_dicom((folder / "luts.dcm").string(), luts);
  DicomSpec modality_lut = small_spec(10, Syntax::ExplicitLittle);
  modality_lut.is_signed = true;
  modality_lut.values = ramp_values(modality_lut);
  modality_lut.modality_lut = LutSpec{-512, 12, {0, 1000, 2000, 4095}, "MLUT", true};
  write_dicom((folder / "signed_modality_lut.dcm").string(), modality_lut);
  DicomSpec rgb = small_spec(8, Syntax::ExplicitLittle);
  rgb.photometric = "RGB";
  rgb.samples_per_pixel = 3;
  rgb.values = ramp_values(rgb);
  write_dicom((folder / "rgb.dcm").string(), rgb);
  DicomSpec raw = small_spec(16, Syntax::ImplicitLittle);
  raw.raw_dataset = true;
  raw.number_of_frames = 1;
  write_dicom((folder / "raw_dataset.dcm").string(), raw);
}

// The first byte picks the extension in fuzz_itk_decode.cpp: 0 .png, 1 .tif, 2 .jpg.
void write_itk_seeds(const fs::path& folder) {
  const fs::path scratch = folder / "scratch";
  fs::create_directories(scratch);
  std::vector<std::uint8_t> gray8(8 * 6);
  std::vector<std::uint16_t> gray16(8 * 6);
  for (std::size_t i = 0; i < gray8.size(); ++i) {
    gray8[i] = static_cast<std::uint8_t>(i * 5);
    gray16[i] = static_cast<std::uint16_t>(i * 1300);
  }
  std::vector<itk::RGBPixel<std::uint8_t>> rgb(8 * 6);
  for (std::size_t i = 0; i < rgb.size(); ++i) rgb[i].Set(gray8[i], 255 - gray8[i], 7);
  struct Seed {
    std::string name;
    char selector;
  };
  write_itk_image((scratch / "gray8.png").string(), 8, 6, gray8);
  write_itk_image((scratch / "gray16.png").string(), 8, 6, gray16);
  write_itk_image((scratch / "rgb.png").string(), 8, 6, rgb);
  write_itk_image((scratch / "gray8.tif").string(), 8, 6, gray8);
  write_itk_image((scratch / "gray16.tif").string(), 8, 6, gray16);
  write_itk_image((scratch / "rgb.tif").string(), 8, 6, rgb);
  write_itk_image((scratch / "gray8.jpg").string(), 8, 6, gray8);
  for (const Seed& seed : {Seed{"gray8.png", 0}, Seed{"gray16.png", 0}, Seed{"rgb.png", 0}, Seed{"gray8.tif", 1},
                           Seed{"gray16.tif", 1}, Seed{"rgb.tif", 1}, Seed{"gray8.jpg", 2}})
    write_bytes((folder / seed.name).string(), std::string(1, seed.selector) + read_bytes((scratch / seed.name).string()));
  fs::remove_all(scratch);
}

// A DICOMDIR whose one record points at IMAGES/IM1, the image fuzz_study_scan.cpp puts beside it.
void write_study_scan_seeds(const fs::path& folder) {
  const fs::path scratch = folder / "scratch";
  fs::create_directories(scratch / "IMAGES");
  write_dicom((scratch / "IMAGES/IM1").string(), DicomSpec{});
  {
    DicomDirInterface dicomdir;
    dicomdir.enableInventMode(OFTrue);
    const std::string path = (scratch / "DICOMDIR").string();
    if (dicomdir.createNewDicomDir(DicomDirInterface::AP_GeneralPurpose, path.c_str(), "FUZZ").bad() ||
        dicomdir.addDicomFile("IMAGES/IM1", scratch.string().c_str()).bad() || dicomdir.writeDicomDir().bad())
      throw std::runtime_error("DCMTK could not write the seed DICOMDIR");
  }
  fs::copy_file(scratch / "DICOMDIR", folder / "DICOMDIR");
  fs::copy_file(scratch / "IMAGES/IM1", folder / "image.dcm");
  fs::remove_all(scratch);
}

#ifdef ANATOMIX_FUZZ_ENGINE
void write_safetensors_seeds(const fs::path& folder) {
  using anatomix::safetensors::write_safetensors;
  write_safetensors((folder / "mixed.safetensors").string(),
                    {{"weight", at::arange(12, at::kFloat).reshape({3, 4})},
                     {"half", at::ones({2, 2}, at::kBFloat16)},
                     {"ids", at::arange(5, at::kLong)},
                     {"scalar", at::scalar_tensor(3.5)},
                     {"empty", at::zeros({0, 4})}},
                    {{"format", "pt"}});
  write_safetensors((folder / "one.safetensors").string(), {{"a", at::ones({1}, at::kHalf)}});
}

// Same names and size as fuzz_vector_db.cpp expects: the JSON, a zero byte, the safetensors file.
void write_vector_db_seeds(const fs::path& folder, const fs::path& shipped_bundle) {
  const auto database = anatomix::apm::VectorDatabase::from_data(
      {"Left lung", "Right lung"}, {{"Left lung is healthy.", "Left lung shows effusion."}, {"Right lung is healthy."}},
      {at::arange(8, at::kFloat).reshape({2, 4}), at::ones({1, 4})});
  const fs::path scratch = folder / "scratch";
  fs::create_directories(scratch);
  database.save((scratch / "db.json").string(), (scratch / "db.safetensors").string());
  const auto joined = [](const fs::path& json, const fs::path& tensors) {
    return read_bytes(json.string()) + std::string(1, '\0') + read_bytes(tensors.string());
  };
  write_bytes((folder / "small").string(), joined(scratch / "db.json", scratch / "db.safetensors"));
  write_bytes((folder / "shipped").string(),
              joined(shipped_bundle / "vector_db.json", shipped_bundle / "vector_db.safetensors"));
  fs::remove_all(scratch);
}

// The shipped bundle's config.json and a small one (a tiny language model).
void write_bundle_config_seeds(const fs::path& folder, const fs::path& shipped_bundle) {
  fs::copy_file(shipped_bundle / "config.json", folder / "shipped.json");
  anatomix::BundleConfig config = anatomix::BundleConfig::load(shipped_bundle.string());
  config.anatomies.resize(2);
  config.apm.num_queries = 2;
  config.lm = {{"hidden_size", 64},     {"intermediate_size", 128}, {"num_hidden_layers", 2},
               {"num_attention_heads", 2}, {"num_key_value_heads", 1}, {"head_dim", 32},
               {"vocab_size", 262208},  {"layer_types", {"sliding_attention", "full_attention"}}};
  write_bytes((folder / "small.json").string(), config.to_json().dump(1));
}

// fuzz_tokenizer.cpp reads the first byte as the mode: odd, a model file follows; even, text.
void write_tokenizer_seeds(const fs::path& folder, const fs::path& shipped_bundle) {
  write_bytes((folder / "shipped_model").string(), std::string(1, '\1') + read_bytes((shipped_bundle /
                                                                                     "tokenizer.model").string()));
  write_bytes((folder / "report").string(),
              std::string(1, '\0') + "Findings: The <ref>right lung</ref> is at <box>(40,22),(118,170)</box>.\n\n"
                                      "Impression: small left pleural effusion, 2.5 cm. Größe 3\t\xF0\x9F\x98\x80");
  write_bytes((folder / "prompt").string(), std::string(1, '\0') + "<bos><start_of_turn>user\nemb:<emb><obj_3></emb> "
                                                                   "box:<box>(1,2),(3,4)</box> Task: Generate report:");
}
#endif

#ifdef ANATOMIX_FUZZ_STUDY_SET
// fuzz_study_set.cpp reads the first byte as the mode: even, index.json follows; odd, a manifest. Both come
// from the generator's own writers (a one-study set).
void write_study_set_seeds(const fs::path& folder) {
  const fs::path study_set = folder / "scratch";
  anatomix::synth::GeneratorOptions options;
  options.size = 128;
  anatomix::synth::generate_dataset(options, study_set.string(), 0, 1, 1);
  write_bytes((folder / "index").string(), std::string(1, '\0') + read_bytes((study_set / "index.json").string()));
  write_bytes((folder / "manifest").string(),
              std::string(1, '\1') + read_bytes((study_set / "synth_000000.json").string()));
  fs::remove_all(study_set);
}
#endif

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fuzz_seed_writer SEED_FOLDER SHIPPED_BUNDLE_FOLDER\n";
    return 2;
  }
  const fs::path seeds = argv[1];
  const fs::path shipped_bundle = argv[2];
  try {
    for (const char* target : {"dicom_decode", "itk_decode", "study_scan", "safetensors", "bundle_config",
                               "vector_db", "answer_parser", "tokenizer", "study_set"})
      fs::create_directories(seeds / target);
    write_dicom_seeds(seeds / "dicom_decode");
    write_itk_seeds(seeds / "itk_decode");
    write_study_scan_seeds(seeds / "study_scan");
#ifdef ANATOMIX_FUZZ_ENGINE
    write_safetensors_seeds(seeds / "safetensors");
    write_vector_db_seeds(seeds / "vector_db", shipped_bundle);
    write_bundle_config_seeds(seeds / "bundle_config", shipped_bundle);
    write_tokenizer_seeds(seeds / "tokenizer", shipped_bundle);
#endif
#ifdef ANATOMIX_FUZZ_STUDY_SET
    write_study_set_seeds(seeds / "study_set");
#endif
  } catch (const std::exception& error) {
    std::cerr << "fuzz_seed_writer: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
