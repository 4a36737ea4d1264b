#include "jpeg2000_frame.h"

#include <cstring>
#include <memory>

#include <openjpeg.h>

#include "anatomix/image/image_error.h"

namespace anatomix::image {
namespace {

struct MemoryStream {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t position;
};

OPJ_SIZE_T stream_read(void* buffer, OPJ_SIZE_T count, void* user) {
  auto* stream = static_cast<MemoryStream*>(user);
  if (stream->position >= stream->size) return static_cast<OPJ_SIZE_T>(-1);
  const std::size_t n = std::min<std::size_t>(count, stream->size - stream->position);
  std::memcpy(buffer, stream->data + stream->position, n);
  stream->position += n;
  return n;
}

OPJ_OFF_T stream_skip(OPJ_OFF_T count, void* user) {
  auto* stream = static_cast<MemoryStream*>(user);
  if (count < 0) {
    const std::size_t back = std::min<std::size_t>(static_cast<std::size_t>(-count), stream->position);
    stream->position -= back;
    return -static_cast<OPJ_OFF_T>(back);
  }
  const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(count), stream->size - stream->position);
  stream->position += n;
  return static_cast<OPJ_OFF_T>(n);
}

OPJ_BOOL stream_seek(OPJ_OFF_T offset, void* user) {
  auto* stream = static_cast<MemoryStream*>(user);
  if (offset < 0 || static_cast<std::size_t>(offset) > stream->size) return OPJ_FALSE;
  stream->position = static_cast<std::size_t>(offset);
  return OPJ_TRUE;
}

// OpenJPEG reports problems through callbacks; keep the last error for the exception text.
void on_error(const char* message, void* user) {
  auto* last = static_cast<std::string*>(user);
  *last = message;
  while (!last->empty() && (last->back() == '\n' || last->back() == ' ')) last->pop_back();
}
void on_quiet(const char*, void*) {}

struct CodecDeleter {
  void operator()(opj_codec_t* codec) const { opj_destroy_codec(codec); }
};
struct StreamDeleter {
  void operator()(opj_stream_t* stream) const { opj_stream_destroy(stream); }
};
struct ImageDeleter {
  void operator()(opj_image_t* image) const { opj_image_destroy(image); }
};

}  // namespace

Jpeg2000Frame decode_jpeg2000(const std::string& path, const std::uint8_t* data, std::size_t size) {
  static const std::uint8_t kJp2Signature[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
  static const std::uint8_t kJ2kSignature[] = {0xFF, 0x4F, 0xFF, 0x51};
  OPJ_CODEC_FORMAT format;
  if (size >= sizeof kJp2Signature && std::memcmp(data, kJp2Signature, sizeof kJp2Signature) == 0) {
    format = OPJ_CODEC_JP2;
  } else if (size >= sizeof kJ2kSignature && std::memcmp(data, kJ2kSignature, sizeof kJ2kSignature) == 0) {
    format = OPJ_CODEC_J2K;
  } else {
    throw ImageError(path, "the JPEG 2000 frame does not start with a J2K or JP2 signature (corrupt pixel data)");
  }

  std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(format));
  std::string last_error = "unknown OpenJPEG error";
  opj_set_error_handler(codec.get(), on_error, &last_error);
  opj_set_warning_handler(codec.get(), on_quiet, nullptr);
  opj_set_info_handler(codec.get(), on_quiet, nullptr);
  opj_dparameters_t parameters;
  opj_set_default_decoder_parameters(&parameters);
  if (!opj_setup_decoder(codec.get(), &parameters)) throw ImageError(path, "OpenJPEG setup failed: " + last_error);

  MemoryStream memory{data, size, 0};
  std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE));
  opj_stream_set_user_data(stream.get(), &memory, nullptr);
  opj_stream_set_user_data_length(stream.get(), size);
  opj_stream_set_read_function(stream.get(), stream_read);
  opj_stream_set_skip_function(stream.get(), stream_skip);
  opj_stream_set_seek_function(stream.get(), stream_seek);

  opj_image_t* raw_image = nullptr;
  if (!opj_read_header(stream.get(), codec.get(), &raw_image)) {
    opj_image_destroy(raw_image);
    throw ImageError(path, "cannot read the JPEG 2000 header: " + last_error);
  }
  std::unique_ptr<opj_image_t, ImageDeleter> image(raw_image);
  if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get())) {
    throw ImageError(path, "JPEG 2000 decoding failed: " + last_error);
  }
  if (image->numcomps != 1 && image->numcomps < 3) {
    throw ImageError(path, "JPEG 2000 frame has " + std::to_string(image->numcomps) + " components (1 or 3 expected)");
  }

  Jpeg2000Frame frame;
  const opj_image_comp_t& first = image->comps[0];
  frame.width = static_cast<int>(first.w);
  frame.height = static_cast<int>(first.h);
  frame.components = image->numcomps == 1 ? 1 : 3;
  frame.precision = static_cast<int>(first.prec);
  frame.is_signed = first.sgnd != 0;
  const std::size_t count = static_cast<std::size_t>(frame.width) * frame.height;
  for (int c = 0; c < frame.components; ++c) {
    const opj_image_comp_t& component = image->comps[c];
    if (component.w != first.w || component.h != first.h || component.data == nullptr) {
      throw ImageError(path, "JPEG 2000 components are subsampled or missing (not supported)");
    }
    frame.planes.emplace_back(component.data, component.data + count);
  }
  return frame;
}

}  // namespace anatomix::image
