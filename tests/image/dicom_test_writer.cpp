#include "dicom_test_writer.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcvrss.h>
#include <dcmtk/dcmdata/dcvrus.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpeg/djrploss.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>
#include <openjpeg.h>

namespace fs = std::filesystem;

namespace anatomix::image::testing {
namespace {

void check(const OFCondition& status, const std::string& what) {
  if (status.bad()) throw std::runtime_error(what + ": " + status.text());
}

void register_encoders() {
  static std::once_flag once;
  std::call_once(once, [] {
    DJEncoderRegistration::registerCodecs();
    DJLSEncoderRegistration::registerCodecs();
    DcmRLEEncoderRegistration::registerCodecs();
  });
}

std::string join_numbers(const std::vector<double>& values) {
  std::string text;
  for (std::size_t i = 0; i < values.size(); ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "%.10g", values[i]);
    if (i > 0) text += '\\';
    text += number;
  }
  return text;
}

void put_lut(DcmItem& item, const LutSpec& lut) {
  const Uint16 count = static_cast<Uint16>(lut.entries.size() == 65536 ? 0 : lut.entries.size());
  if (lut.signed_descriptor) {
    auto* descriptor = new DcmSignedShort(DcmTag(DCM_LUTDescriptor, EVR_SS));
    const Sint16 values[3] = {static_cast<Sint16>(count), static_cast<Sint16>(lut.first_mapped),
                              static_cast<Sint16>(lut.bits)};
    check(descriptor->putSint16Array(values, 3), "LUT Descriptor");
    check(item.insert(descriptor, true), "insert LUT Descriptor");
  } else {
    auto* descriptor = new DcmUnsignedShort(DcmTag(DCM_LUTDescriptor, EVR_US));
    const Uint16 values[3] = {count, static_cast<Uint16>(lut.first_mapped), static_cast<Uint16>(lut.bits)};
    check(descriptor->putUint16Array(values, 3), "LUT Descriptor");
    check(item.insert(descriptor, true), "insert LUT Descriptor");
  }
  auto* data = new DcmUnsignedShort(DcmTag(DCM_LUTData, EVR_US));
  check(data->putUint16Array(lut.entries.data(), static_cast<unsigned long>(lut.entries.size())), "LUT Data");
  check(item.insert(data, true), "insert LUT Data");
  if (!lut.explanation.empty()) check(item.putAndInsertString(DCM_LUTExplanation, lut.explanation.c_str()), "LUT Explanation");
}

// OpenJPEG output into a growing byte vector.
struct OutputBuffer {
  std::vector<std::uint8_t> bytes;
  std::size_t position = 0;
};

OPJ_SIZE_T buffer_write(void* data, OPJ_SIZE_T count, void* user) {
  auto* out = static_cast<OutputBuffer*>(user);
  if (out->position + count > out->bytes.size()) out->bytes.resize(out->position + count);
  std::memcpy(out->bytes.data() + out->position, data, count);
  out->position += count;
  return count;
}
OPJ_OFF_T buffer_skip(OPJ_OFF_T count, void* user) {
  auto* out = static_cast<OutputBuffer*>(user);
  out->position += static_cast<std::size_t>(count);
  if (out->position > out->bytes.size()) out->bytes.resize(out->position);
  return count;
}
OPJ_BOOL buffer_seek(OPJ_OFF_T offset, void* user) {
  auto* out = static_cast<OutputBuffer*>(user);
  out->position = static_cast<std::size_t>(offset);
  if (out->position > out->bytes.size()) out->bytes.resize(out->position);
  return OPJ_TRUE;
}

std::vector<std::uint8_t> encode_jpeg2000_lossless(const DicomSpec& spec) {
  opj_image_cmptparm_t component{};
  component.dx = component.dy = 1;
  component.w = static_cast<OPJ_UINT32>(spec.columns);
  component.h = static_cast<OPJ_UINT32>(spec.rows);
  component.prec = static_cast<OPJ_UINT32>(spec.bits_stored);
  component.sgnd = spec.is_signed ? 1 : 0;
  opj_image_t* image = opj_image_create(1, &component, OPJ_CLRSPC_GRAY);
  image->x0 = image->y0 = 0;
  image->x1 = component.w;
  image->y1 = component.h;
  for (std::size_t i = 0; i < spec.values.size(); ++i) image->comps[0].data[i] = spec.values[i];

  opj_cparameters_t parameters;
  opj_set_default_encoder_parameters(&parameters);
  parameters.tcp_numlayers = 1;
  parameters.tcp_rates[0] = 0;  // lossless
  parameters.cp_disto_alloc = 1;
  parameters.irreversible = 0;
  const int smallest = std::min(spec.columns, spec.rows);
  parameters.numresolution = std::max(1, std::min(6, static_cast<int>(std::floor(std::log2(smallest))) + 1));
  opj_codec_t* codec = opj_create_compress(OPJ_CODEC_J2K);
  OutputBuffer out;
  opj_stream_t* stream = opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_FALSE);
  opj_stream_set_user_data(stream, &out, nullptr);
  opj_stream_set_write_function(stream, buffer_write);
  opj_stream_set_skip_function(stream, buffer_skip);
  opj_stream_set_seek_function(stream, buffer_seek);
  const bool ok = opj_setup_encoder(codec, &parameters, image) && opj_start_compress(codec, image, stream) &&
                  opj_encode(codec, stream) && opj_end_compress(codec, stream);
  opj_stream_destroy(stream);
  opj_destroy_codec(codec);
  opj_image_destroy(image);
  if (!ok) throw std::runtime_error("OpenJPEG encoding failed");
  return out.bytes;
}

void put_jpeg2000_pixels(DcmDataset& dataset, const DicomSpec& spec) {
  std::vector<std::uint8_t> codestream = encode_jpeg2000_lossless(spec);
  auto* sequence = new DcmPixelSequence(DcmTag(DCM_PixelData, EVR_OB));
  sequence->insert(new DcmPixelItem(DcmTag(DCM_Item, EVR_OB)));  // empty Basic Offset Table
  DcmOffsetList offsets;
  check(sequence->storeCompressedFrame(offsets, codestream.data(), static_cast<Uint32>(codestream.size()), 0),
        "store JPEG 2000 frame");
  auto* pixel_data = new DcmPixelData(DCM_PixelData);
  pixel_data->putOriginalRepresentation(EXS_JPEG2000LosslessOnly, nullptr, sequence);
  check(dataset.insert(pixel_data, true), "insert JPEG 2000 Pixel Data");
}

void put_native_pixels(DcmDataset& dataset, const DicomSpec& spec) {
  const int high_bit = spec.high_bit < 0 ? spec.bits_stored - 1 : spec.high_bit;
  const int shift = high_bit + 1 - spec.bits_stored;
  const std::uint32_t mask = (1u << spec.bits_stored) - 1;
  if (spec.bits_allocated == 8) {
    std::vector<Uint8> raw(spec.values.size());
    for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<Uint8>((static_cast<std::uint32_t>(spec.values[i]) & mask) << shift);
    check(dataset.putAndInsertUint8Array(DCM_PixelData, raw.data(), static_cast<unsigned long>(raw.size())), "Pixel Data");
  } else {
    std::vector<Uint16> raw(spec.values.size());
    for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<Uint16>((static_cast<std::uint32_t>(spec.values[i]) & mask) << shift);
    check(dataset.putAndInsertUint16Array(DCM_PixelData, raw.data(), static_cast<unsigned long>(raw.size())), "Pixel Data");
  }
}

E_TransferSyntax transfer_syntax_of(const DicomSpec& spec) {
  switch (spec.syntax) {
    case Syntax::ImplicitLittle: return EXS_LittleEndianImplicit;
    case Syntax::ExplicitLittle: return EXS_LittleEndianExplicit;
    case Syntax::ExplicitBig: return EXS_BigEndianExplicit;
    case Syntax::Deflated: return EXS_DeflatedLittleEndianExplicit;
    case Syntax::Rle: return EXS_RLELossless;
    case Syntax::JpegLossless: return EXS_JPEGProcess14SV1;
    case Syntax::JpegBaseline: return spec.bits_stored <= 8 ? EXS_JPEGProcess1 : EXS_JPEGProcess2_4;
    case Syntax::JpegLsLossless: return EXS_JPEGLSLossless;
    case Syntax::Jpeg2000Lossless: return EXS_JPEG2000LosslessOnly;
  }
  return EXS_LittleEndianExplicit;
}

}  // namespace

const char* syntax_name(Syntax syntax) {
  switch (syntax) {
    case Syntax::ImplicitLittle: return "ImplicitLittle";
    case Syntax::ExplicitLittle: return "ExplicitLittle";
    case Syntax::ExplicitBig: return "ExplicitBig";
    case Syntax::Deflated: return "Deflated";
    case Syntax::Rle: return "Rle";
    case Syntax::JpegLossless: return "JpegLossless";
    case Syntax::JpegBaseline: return "JpegBaseline";
    case Syntax::JpegLsLossless: return "JpegLsLossless";
    case Syntax::Jpeg2000Lossless: return "Jpeg2000Lossless";
  }
  return "?";
}

std::vector<std::int32_t> ramp_values(const DicomSpec& spec) {
  const std::size_t count = static_cast<std::size_t>(spec.rows) * spec.columns * spec.samples_per_pixel;
  const std::int64_t low = spec.is_signed ? -(std::int64_t{1} << (spec.bits_stored - 1)) : 0;
  const std::int64_t high = spec.is_signed ? (std::int64_t{1} << (spec.bits_stored - 1)) - 1
                                           : (std::int64_t{1} << spec.bits_stored) - 1;
  std::vector<std::int32_t> values(count);
  for (std::size_t i = 0; i < count; ++i) {
    values[i] = static_cast<std::int32_t>(low + (high - low) * static_cast<std::int64_t>(i) /
                                                    static_cast<std::int64_t>(std::max<std::size_t>(count - 1, 1)));
  }
  return values;
}

void write_dicom(const std::string& path, const DicomSpec& spec) {
  register_encoders();
  DcmFileFormat file;
  DcmDataset& d = *file.getDataset();
  auto put = [&d](const DcmTagKey& key, const std::string& value) {
    if (!value.empty()) check(d.putAndInsertString(key, value.c_str()), "put string");
  };
  put(DCM_SOPClassUID, spec.sop_class_uid);
  put(DCM_SOPInstanceUID, spec.sop_instance_uid);
  put(DCM_Modality, spec.modality);
  put(DCM_PatientName, spec.patient_name);
  put(DCM_PatientID, spec.patient_id);
  put(DCM_PatientBirthDate, spec.patient_birth_date);
  put(DCM_PatientSex, spec.patient_sex);
  put(DCM_StudyInstanceUID, spec.study_uid);
  put(DCM_StudyDate, spec.study_date);
  put(DCM_StudyTime, spec.study_time);
  put(DCM_StudyDescription, spec.study_description);
  put(DCM_AccessionNumber, spec.accession);
  put(DCM_SeriesInstanceUID, spec.series_uid);
  put(DCM_SeriesNumber, std::to_string(spec.series_number));
  put(DCM_SeriesDescription, spec.series_description);
  put(DCM_InstanceNumber, std::to_string(spec.instance_number));
  put(DCM_PatientOrientation, spec.patient_orientation);
  put(DCM_ViewPosition, spec.view_position);
  put(DCM_ImageLaterality, spec.image_laterality);
  put(DCM_PixelSpacing, spec.pixel_spacing);
  put(DCM_ImagerPixelSpacing, spec.imager_pixel_spacing);
  put(DCM_PhotometricInterpretation, spec.photometric);
  check(d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.rows)), "Rows");
  check(d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.columns)), "Columns");
  check(d.putAndInsertUint16(DCM_SamplesPerPixel, static_cast<Uint16>(spec.samples_per_pixel)), "Samples");
  if (spec.samples_per_pixel > 1) {
    check(d.putAndInsertUint16(DCM_PlanarConfiguration, static_cast<Uint16>(spec.planar_configuration)), "Planar");
  }
  if (spec.number_of_frames > 0) put(DCM_NumberOfFrames, std::to_string(spec.number_of_frames));
  check(d.putAndInsertUint16(DCM_BitsAllocated, static_cast<Uint16>(spec.bits_allocated)), "BitsAllocated");
  check(d.putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(spec.bits_stored)), "BitsStored");
  check(d.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(spec.high_bit < 0 ? spec.bits_stored - 1 : spec.high_bit)), "HighBit");
  check(d.putAndInsertUint16(DCM_PixelRepresentation, spec.is_signed ? 1 : 0), "PixelRepresentation");
  if (spec.rescale_slope) put(DCM_RescaleSlope, join_numbers({*spec.rescale_slope}));
  if (spec.rescale_intercept) put(DCM_RescaleIntercept, join_numbers({*spec.rescale_intercept}));
  if (spec.rescale_slope || spec.rescale_intercept) put(DCM_RescaleType, "US");
  if (spec.modality_lut) {
    DcmItem* item = nullptr;
    check(d.findOrCreateSequenceItem(DCM_ModalityLUTSequence, item, -2), "Modality LUT Sequence");
    put_lut(*item, *spec.modality_lut);
    check(item->putAndInsertString(DCM_ModalityLUTType, "US"), "Modality LUT Type");
  }
  if (!spec.windows.empty()) {
    std::vector<double> centers, widths;
    std::string explanations;
    for (const WindowSpec& window : spec.windows) {
      centers.push_back(window.center);
      widths.push_back(window.width);
      if (!explanations.empty() || &window != &spec.windows.front()) explanations += '\\';
      explanations += window.explanation;
    }
    put(DCM_WindowCenter, join_numbers(centers));
    put(DCM_WindowWidth, join_numbers(widths));
    if (explanations.find_first_not_of('\\') != std::string::npos) put(DCM_WindowCenterWidthExplanation, explanations);
  }
  put(DCM_VOILUTFunction, spec.voi_function);
  for (const LutSpec& lut : spec.voi_luts) {
    DcmItem* item = nullptr;
    check(d.findOrCreateSequenceItem(DCM_VOILUTSequence, item, -2), "VOI LUT Sequence");
    put_lut(*item, lut);
  }
  put(DCM_PresentationLUTShape, spec.presentation_shape);

  const E_TransferSyntax xfer = transfer_syntax_of(spec);
  if (spec.write_pixel_data) {
    if (spec.syntax == Syntax::Jpeg2000Lossless) {
      put_jpeg2000_pixels(d, spec);
    } else {
      put_native_pixels(d, spec);
      if (spec.syntax == Syntax::JpegLossless) {
        DJ_RPLossless parameters(1, 0);
        check(d.chooseRepresentation(xfer, &parameters), "JPEG lossless encoding");
      } else if (spec.syntax == Syntax::JpegBaseline) {
        DJ_RPLossy parameters(95);
        check(d.chooseRepresentation(xfer, &parameters), "JPEG baseline encoding");
      } else if (spec.syntax == Syntax::JpegLsLossless) {
        DJLSRepresentationParameter parameters(0, OFTrue);
        check(d.chooseRepresentation(xfer, &parameters), "JPEG-LS encoding");
      } else if (spec.syntax == Syntax::Rle) {
        check(d.chooseRepresentation(xfer, nullptr), "RLE encoding");
      }
      if (DcmXfer(xfer).isEncapsulated() && !d.canWriteXfer(xfer)) {
        throw std::runtime_error(std::string("cannot encode ") + syntax_name(spec.syntax));
      }
    }
  }
  if (spec.raw_dataset) {
    check(d.saveFile(path.c_str(), xfer), "save dataset " + path);
  } else {
    check(file.saveFile(path.c_str(), xfer), "save " + path);
  }
}

TempDir::TempDir(const std::string& name) {
  static std::atomic<int> counter{0};
  const fs::path folder = fs::temp_directory_path() /
                          ("anatomix-image-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(folder);
  fs::create_directories(folder);
  path_ = folder.string();
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string TempDir::file(const std::string& name) const { return (fs::path(path_) / name).string(); }

}  // namespace anatomix::image::testing
