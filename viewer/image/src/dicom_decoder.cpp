#include "dicom_decoder.h"

#include <cstring>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include "anatomix/image/image_error.h"
#include "dcmtk_setup.h"
#include "decode_support.h"
#include "dicom_header.h"
#include "dicom_lookup_tables.h"
#include "jpeg2000_frame.h"

namespace anatomix::image {
namespace {

enum class ColorModel { Monochrome, Rgb, YbrFull, YbrFull422 };

ColorModel color_model_of(const std::string& path, const std::string& photometric, int samples_per_pixel) {
  if (photometric == "MONOCHROME1" || photometric == "MONOCHROME2") {
    if (samples_per_pixel != 1) {
      throw ImageError(path, photometric + " with " + std::to_string(samples_per_pixel) + " samples per pixel");
    }
    return ColorModel::Monochrome;
  }
  if (photometric.empty() && samples_per_pixel == 1) return ColorModel::Monochrome;
  if (samples_per_pixel != 3) {
    throw ImageError(path, "Photometric Interpretation '" + photometric + "' with " +
                               std::to_string(samples_per_pixel) + " samples per pixel is not supported");
  }
  if (photometric == "RGB" || photometric == "YBR_RCT" || photometric == "YBR_ICT") return ColorModel::Rgb;
  if (photometric == "YBR_FULL") return ColorModel::YbrFull;
  if (photometric == "YBR_FULL_422") return ColorModel::YbrFull422;
  throw ImageError(path, "Photometric Interpretation '" + photometric + "' is not supported");
}

// Unpacks the significant bits of one sample: shift out the bits below the low bit, mask, and
// sign-extend when Pixel Representation is 1.
struct SampleLayout {
  int shift = 0;
  std::uint32_t mask = 0xFFFF;
  std::int32_t sign_bit = 0;  // 0 for unsigned

  SampleLayout(int bits_stored, int high_bit, bool is_signed)
      : shift(high_bit + 1 - bits_stored),
        mask(bits_stored >= 32 ? 0xFFFFFFFFu : (1u << bits_stored) - 1),
        sign_bit(is_signed ? static_cast<std::int32_t>(1u << (bits_stored - 1)) : 0) {}

  std::int32_t operator()(std::uint32_t raw) const {
    const std::int32_t value = static_cast<std::int32_t>((raw >> shift) & mask);
    return sign_bit == 0 ? value : (value ^ sign_bit) - sign_bit;
  }
};

template <typename Raw>
void unpack_samples(const Raw* raw, const DicomHeader& header, ColorModel model, const SampleLayout& layout,
                    DecodedImage& image, const std::string& path, const DecodeOptions& options) {
  const int width = image.width;
  const int height = image.height;
  const std::size_t count = static_cast<std::size_t>(width) * height;
  image.stored.resize(count);
  std::int32_t* out = image.stored.data();
  const bool planar = header.planar_configuration == 1;
  constexpr int kRowsPerCancelCheck = 256;
  for (int y0 = 0; y0 < height; y0 += kRowsPerCancelCheck) {
    check_cancel(path, options);
    const std::size_t begin = static_cast<std::size_t>(y0) * width;
    const std::size_t end = static_cast<std::size_t>(std::min(height, y0 + kRowsPerCancelCheck)) * width;
    switch (model) {
      case ColorModel::Monochrome:
        for (std::size_t i = begin; i < end; ++i) out[i] = layout(raw[i]);
        break;
      case ColorModel::Rgb:
        for (std::size_t i = begin; i < end; ++i) {
          const std::size_t r = planar ? i : 3 * i;
          const std::size_t step = planar ? count : 1;
          out[i] = luma_from_rgb(layout(raw[r]), layout(raw[r + step]), layout(raw[r + 2 * step]));
        }
        break;
      case ColorModel::YbrFull:  // gray is the luma channel itself
        for (std::size_t i = begin; i < end; ++i) out[i] = layout(raw[planar ? i : 3 * i]);
        break;
      case ColorModel::YbrFull422:  // Y0 Y1 Cb Cr per pixel pair
        for (std::size_t i = begin; i < end; ++i) out[i] = layout(raw[(i / 2) * 4 + (i % 2)]);
        break;
    }
  }
}

std::size_t samples_in_frame(const DecodedImage& image, ColorModel model) {
  const std::size_t count = static_cast<std::size_t>(image.width) * image.height;
  switch (model) {
    case ColorModel::Monochrome: return count;
    case ColorModel::YbrFull422: return 2 * count;
    case ColorModel::Rgb:
    case ColorModel::YbrFull: break;
  }
  return 3 * count;
}

bool is_jpeg2000(E_TransferSyntax xfer) {
  return xfer == EXS_JPEG2000LosslessOnly || xfer == EXS_JPEG2000 || xfer == EXS_JPEG2000MulticomponentLosslessOnly ||
         xfer == EXS_JPEG2000Multicomponent;
}

// The bytes of the first frame of an encapsulated pixel sequence.
std::vector<std::uint8_t> first_encapsulated_frame(const std::string& path, DcmPixelData& pixel_data,
                                                   E_TransferSyntax xfer, int number_of_frames) {
  DcmPixelSequence* sequence = nullptr;
  if (pixel_data.getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || sequence == nullptr) {
    throw ImageError(path, "the compressed Pixel Data has no fragment sequence");
  }
  const unsigned long items = sequence->card();
  if (items < 2) throw ImageError(path, "the compressed Pixel Data holds no fragments");

  // Frame 1 ends where the Basic Offset Table says frame 2 starts; without a table, a single-frame
  // object uses every fragment and a multi-frame object one fragment per frame.
  std::uint64_t frame_end = UINT64_MAX;
  unsigned long last_item = number_of_frames > 1 ? 1 : items - 1;
  DcmPixelItem* table = nullptr;
  if (number_of_frames > 1 && sequence->getItem(table, 0).good() && table->getLength() >= 8) {
    Uint8* table_bytes = nullptr;
    if (table->getUint8Array(table_bytes).good() && table_bytes != nullptr) {
      frame_end = static_cast<std::uint64_t>(table_bytes[4]) | (static_cast<std::uint64_t>(table_bytes[5]) << 8) |
                  (static_cast<std::uint64_t>(table_bytes[6]) << 16) | (static_cast<std::uint64_t>(table_bytes[7]) << 24);
      last_item = items - 1;
    }
  }
  std::vector<std::uint8_t> frame;
  std::uint64_t offset = 0;
  for (unsigned long i = 1; i <= last_item && offset < frame_end; ++i) {
    DcmPixelItem* fragment = nullptr;
    Uint8* bytes = nullptr;
    if (sequence->getItem(fragment, i).bad() || fragment->getUint8Array(bytes).bad()) {
      throw ImageError(path, "compressed fragment " + std::to_string(i) + " cannot be read (truncated file?)");
    }
    const Uint32 length = fragment->getLength();
    if (bytes != nullptr) frame.insert(frame.end(), bytes, bytes + length);
    offset += 8 + static_cast<std::uint64_t>(length);
  }
  return frame;
}

bool is_dcmtk_jpeg(E_TransferSyntax xfer) { return xfer >= EXS_JPEGProcess1 && xfer <= EXS_JPEGProcess14SV1; }

// DCMTK 3.6.7's JPEG decoder learns the sample precision by walking the markers at the start of each
// frame's first fragment (DJCodecDecoder::scanJpegDataForBitDepth). On a TEM marker (FF01) before the frame
// header that walk does not advance and never ends, so one crafted file would hang the decoding thread.
// The same walk is done here, bounded, and says whether DCMTK's would stall.
bool dcmtk_marker_walk_stalls(const Uint8* data, Uint32 length) {
  const auto read16 = [data](Uint32 at) { return static_cast<unsigned>(data[at] << 8 | data[at + 1]); };
  Uint32 offset = 0;
  while (static_cast<std::uint64_t>(offset) + 4 < length) {
    const unsigned marker = read16(offset);
    if (marker == 0xff01) return true;
    const bool frame_header = marker >= 0xffc0 && marker <= 0xffcf && marker != 0xffc4 && marker != 0xffc8 &&
                              marker != 0xffcc;
    if (frame_header) return false;  // DCMTK reads the precision here and stops
    if (marker == 0xffc4 || marker == 0xffc8 || marker == 0xffcc || (marker >= 0xffda && marker <= 0xfffe)) {
      offset += read16(offset + 2) + 2;
    } else if (marker >= 0xffd0 && marker <= 0xffd9) {
      offset += 2;
    } else if (marker == 0xffff) {
      offset += 1;
    } else if (data[offset] == 0xff && data[offset + 1] > 2 && data[offset + 1] <= 0xbf) {
      offset += 2;
    } else {
      return false;  // DCMTK gives up on the fragment: an error, not a hang
    }
  }
  return false;
}

void refuse_jpeg_that_stalls_dcmtk(const std::string& path, DcmPixelData& pixel_data, E_TransferSyntax xfer) {
  DcmPixelSequence* sequence = nullptr;
  if (pixel_data.getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || sequence == nullptr) {
    throw ImageError(path, "the compressed Pixel Data has no fragment sequence");
  }
  // Every fragment, not only each frame's first: entropy-coded data never holds FF01, so nothing valid is refused.
  for (unsigned long i = 1; i < sequence->card(); ++i) {
    DcmPixelItem* fragment = nullptr;
    Uint8* bytes = nullptr;
    if (sequence->getItem(fragment, i).bad() || fragment->getUint8Array(bytes).bad()) {
      throw ImageError(path, "compressed fragment " + std::to_string(i) + " cannot be read (truncated file?)");
    }
    if (bytes != nullptr && dcmtk_marker_walk_stalls(bytes, fragment->getLength())) {
      throw ImageError(path, "the JPEG data of fragment " + std::to_string(i) +
                                 " is corrupt (a TEM marker before the frame header)");
    }
  }
}

void decode_jpeg2000_pixels(const std::string& path, DcmPixelData& pixel_data, E_TransferSyntax xfer,
                            const DicomHeader& header, DecodedImage& image) {
  const std::vector<std::uint8_t> bytes =
      first_encapsulated_frame(path, pixel_data, xfer, header.instance.number_of_frames);
  Jpeg2000Frame frame = decode_jpeg2000(path, bytes.data(), bytes.size());
  if (frame.width != image.width || frame.height != image.height) {
    throw ImageError(path, "the JPEG 2000 frame is " + std::to_string(frame.width) + "x" +
                               std::to_string(frame.height) + " but the header says " + std::to_string(image.width) +
                               "x" + std::to_string(image.height));
  }
  if (frame.components == 1) {
    image.stored = std::move(frame.planes[0]);
  } else {
    image.stored.resize(frame.planes[0].size());
    for (std::size_t i = 0; i < image.stored.size(); ++i) {
      image.stored[i] = luma_from_rgb(frame.planes[0][i], frame.planes[1][i], frame.planes[2][i]);
    }
  }
}

void decode_native_pixels(const std::string& path, DcmElement& pixel_element, const DicomHeader& header,
                          ColorModel model, DecodedImage& image, const DecodeOptions& options) {
  const InstanceAttributes& instance = header.instance;
  const std::size_t bytes_per_sample = instance.bits_allocated / 8;
  const std::uint64_t frame_bytes = samples_in_frame(image, model) * bytes_per_sample;
  const std::uint64_t length = pixel_element.getLength();
  if (length < frame_bytes) {
    throw ImageError(path, "Pixel Data holds " + std::to_string(length) + " bytes, but " +
                               std::to_string(image.width) + "x" + std::to_string(image.height) + " pixels at " +
                               std::to_string(instance.bits_allocated) + " bits need " + std::to_string(frame_bytes));
  }
  const SampleLayout layout(instance.bits_stored, instance.high_bit, instance.pixel_signed);
  const bool words = pixel_element.getVR() == EVR_OW || pixel_element.getVR() == EVR_US ||
                     pixel_element.getVR() == EVR_SS;
  const Uint8* bytes = nullptr;
  const Uint16* samples16 = nullptr;
  OFCondition status;
  if (words) {
    Uint16* data = nullptr;
    status = pixel_element.getUint16Array(data);
    samples16 = data;
    bytes = reinterpret_cast<const Uint8*>(data);  // host order: only used for 8-bit samples on x86
  } else {
    Uint8* data = nullptr;
    status = pixel_element.getUint8Array(data);
    bytes = data;
    samples16 = reinterpret_cast<const Uint16*>(data);  // OB holding 16-bit samples, little endian
  }
  if (status.bad() || bytes == nullptr) {
    throw ImageError(path, std::string("Pixel Data cannot be read (truncated file?): ") + status.text());
  }
  if (instance.bits_allocated == 8) {
    unpack_samples(bytes, header, model, layout, image, path, options);
  } else {
    unpack_samples(samples16, header, model, layout, image, path, options);
  }
}

void validate_sample_format(const std::string& path, const InstanceAttributes& instance) {
  if (instance.bits_allocated != 8 && instance.bits_allocated != 16) {
    throw ImageError(path, "Bits Allocated " + std::to_string(instance.bits_allocated) +
                               " is not supported (8 or 16 expected)");
  }
  if (instance.bits_stored < 1 || instance.bits_stored > instance.bits_allocated) {
    throw ImageError(path, "Bits Stored " + std::to_string(instance.bits_stored) + " does not fit Bits Allocated " +
                               std::to_string(instance.bits_allocated));
  }
  if (instance.high_bit < instance.bits_stored - 1 || instance.high_bit >= instance.bits_allocated) {
    throw ImageError(path, "High Bit " + std::to_string(instance.high_bit) + " is inconsistent with Bits Stored " +
                               std::to_string(instance.bits_stored));
  }
}

}  // namespace

DecodedImage decode_dicom(const std::string& path, const DecodeOptions& options) {
  ensure_dcmtk_initialised();
  report_progress(options, 0.0f);
  DcmFileFormat file;
  const OFCondition loaded = load_dicom_file(file, path, DCM_MaxReadLength);
  if (loaded == EC_StreamNotifyClient) {
    throw ImageError(path, "the file is truncated: it ends before the DICOM data set is complete");
  }
  if (loaded.bad()) throw ImageError(path, std::string("cannot be read as DICOM: ") + loaded.text());
  check_cancel(path, options);
  report_progress(options, 0.1f);

  DicomHeader header = read_dicom_header(file);
  require_image_object(path, header);
  const InstanceAttributes& instance = header.instance;
  check_dimensions(path, instance.columns, instance.rows, options.limits);
  validate_sample_format(path, instance);

  DecodedImage image;
  image.path = path;
  image.format = SourceFormat::Dicom;
  image.width = instance.columns;
  image.height = instance.rows;
  image.bits_stored = instance.bits_stored;
  image.pixel_signed = instance.pixel_signed;
  image.notes = header.notes;
  if (instance.number_of_frames > 1) {
    image.notes.push_back(std::to_string(instance.number_of_frames) + " frames: showing the first");
  }

  DcmDataset& dataset = *file.getDataset();
  DcmElement* pixel_element = nullptr;
  if (dataset.findAndGetElement(DCM_PixelData, pixel_element).bad() || pixel_element == nullptr) {
    const std::string reason = dataset.tagExists(DCM_FloatPixelData) || dataset.tagExists(DCM_DoubleFloatPixelData)
                                   ? "float Pixel Data is not supported"
                                   : "the file has no Pixel Data";
    throw ImageError(path, reason);
  }
  const DcmXfer xfer(dataset.getOriginalXfer());
  ColorModel model = color_model_of(path, instance.photometric_interpretation, header.samples_per_pixel);
  if (xfer.isEncapsulated()) {
    auto* pixel_data = dynamic_cast<DcmPixelData*>(pixel_element);
    if (pixel_data == nullptr) throw ImageError(path, "compressed Pixel Data is malformed");
    if (is_jpeg2000(xfer.getXfer())) {
      decode_jpeg2000_pixels(path, *pixel_data, xfer.getXfer(), header, image);
      model = ColorModel::Monochrome;  // already gray
    } else {
      const std::string syntax = std::string("'") + xfer.getXferName() + "' (" + xfer.getXferID() + ")";
      if (!DcmCodecList::canChangeCoding(xfer.getXfer(), EXS_LittleEndianExplicit)) {
        throw ImageError(path, "transfer syntax " + syntax + " is not supported (no decoder for it)");
      }
      if (is_dcmtk_jpeg(xfer.getXfer())) refuse_jpeg_that_stalls_dcmtk(path, *pixel_data, xfer.getXfer());
      const OFCondition decompressed = dataset.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
      if (decompressed.bad() || !dataset.canWriteXfer(EXS_LittleEndianExplicit)) {
        throw ImageError(path, "the compressed pixel data in transfer syntax " + syntax +
                                   " cannot be decoded (corrupt data): " + decompressed.text());
      }
      // Codecs may convert colour models (YCbCr JPEG -> RGB) and planar configuration.
      const std::string photometric = dicom_string(dataset, DCM_PhotometricInterpretation);
      Uint16 planar = 0;
      header.planar_configuration = dataset.findAndGetUint16(DCM_PlanarConfiguration, planar).good() ? planar : 0;
      model = color_model_of(path, photometric, header.samples_per_pixel);
    }
  } else if (xfer.getXfer() == EXS_Unknown) {
    throw ImageError(path, "unknown transfer syntax '" + instance.transfer_syntax_uid + "'");
  }
  check_cancel(path, options);
  report_progress(options, 0.6f);

  if (image.stored.empty()) decode_native_pixels(path, *pixel_element, header, model, image, options);
  if (model != ColorModel::Monochrome || header.samples_per_pixel == 3) {
    image.notes.push_back(instance.photometric_interpretation + " converted to gray (ITU-R BT.601 luma)");
  }
  update_stored_range(image);
  image.monochrome1 = instance.photometric_interpretation == "MONOCHROME1";
  if (header.samples_per_pixel == 1) read_grayscale_transforms(path, dataset, image);
  image.patient = std::move(header.patient);
  image.study = std::move(header.study);
  image.series = std::move(header.series);
  image.instance = std::move(header.instance);
  report_progress(options, 1.0f);
  return image;
}

}  // namespace anatomix::image
