#include "itk_image_reader.h"

#include <itkJPEGImageIO.h>
#include <itkPNGImageIO.h>
#include <itkTIFFImageIO.h>
#include <png.h>

#include <cstddef>
// jpeglib.h needs FILE and size_t declared first.
#include <cstdio>
#include <jpeglib.h>

#include <cctype>
#include <csetjmp>
#include <cstdint>
#include <fstream>
#include <memory>
#include <new>
#include <vector>

#include "anatomix/image/image_error.h"
#include "decode_support.h"
#include "tiff_structure_check.h"

namespace anatomix::image {
namespace {

struct OpenedIo {
  itk::ImageIOBase::Pointer io;
  SourceFormat format;
};

void check_jpeg(const std::string& path, bool header_only);

bool starts_like_jpeg(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return false;
  unsigned char head[2] = {};
  const bool jpeg = std::fread(head, 1, 2, file) == 2 && head[0] == 0xff && head[1] == 0xd8;
  std::fclose(file);
  return jpeg;
}

std::optional<OpenedIo> open_io(const std::string& path) {
  // ITK 5.2's JPEGImageIO::CanReadFile itself crashes on some damaged JPEG headers (its error path destroys
  // a decompressor in a bad state), so a file that starts like JPEG is read by libjpeg first.
  if (starts_like_jpeg(path)) check_jpeg(path, /*header_only=*/true);
  // ITK 5.2's TIFF reader trusts the directories it reads (see tiff_structure_check.h).
  if (starts_like_tiff(path)) check_tiff_structure(path);
  const std::pair<itk::ImageIOBase::Pointer, SourceFormat> candidates[] = {
      {itk::PNGImageIO::New().GetPointer(), SourceFormat::Png},
      {itk::JPEGImageIO::New().GetPointer(), SourceFormat::Jpeg},
      {itk::TIFFImageIO::New().GetPointer(), SourceFormat::Tiff},
  };
  for (const auto& [io, format] : candidates) {
    if (io->CanReadFile(path.c_str())) return OpenedIo{io, format};
  }
  return std::nullopt;
}

OpenedIo open_io_or_throw(const std::string& path) {
  std::optional<OpenedIo> opened = open_io(path);
  if (!opened) throw ImageError(path, "not a readable PNG, JPEG or TIFF file");
  return *opened;
}

// libpng allocates the length a chunk declares before reading it (for sCAL without any cap), so an 82-byte
// file declaring an 889 MB chunk cost 889 MB. Every chunk up to IEND must therefore fit in the file.
void check_png_chunk_lengths(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw ImageError(path, "cannot open the file");
  const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  std::uint64_t offset = 8;  // after the signature
  unsigned char header[8];
  while (offset + 8 <= size && in.seekg(static_cast<std::streamoff>(offset)) &&
         in.read(reinterpret_cast<char*>(header), 8)) {
    const std::uint64_t length = std::uint64_t{header[0]} << 24 | std::uint64_t{header[1]} << 16 |
                                 std::uint64_t{header[2]} << 8 | header[3];
    std::string type;
    for (int i = 4; i < 8; ++i) type += std::isalpha(header[i]) ? static_cast<char>(header[i]) : '?';
    if (length + 12 > size - offset) {
      throw ImageError(path, "damaged PNG file: chunk " + type + " at offset " + std::to_string(offset) + " declares " +
                                 std::to_string(length) + " bytes, more than the file holds");
    }
    if (type == "IEND") return;
    offset += length + 12;  // length, type, data, CRC
  }
}

// libpng reports a damaged file through an error callback that must not return. ITK 5.2's PNG reader
// sets no recovery point while reading the header, so libpng's fallback aborts the whole program, e.g. on
// a bad IHDR checksum. PNG files are therefore read here first, under a recovery point: the header only
// (header_only) or every row too, so that ITK is handed only files that libpng reads without an error.
void check_png(const std::string& path, bool header_only) {
  struct Reader {
    std::FILE* file = nullptr;
    png_structp png = nullptr;
    png_infop info = nullptr;
    std::string message;
    std::vector<png_byte> row;
    ~Reader() {
      if (png) png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
      if (file) std::fclose(file);
    }
  };
  check_png_chunk_lengths(path);
  // On the heap and reached through a pointer that is not changed after setjmp, as longjmp requires.
  const auto reader = std::make_unique<Reader>();
  reader->file = std::fopen(path.c_str(), "rb");
  if (!reader->file) throw ImageError(path, "cannot open the file");
  reader->png = png_create_read_struct(
      PNG_LIBPNG_VER_STRING, &reader->message,
      [](png_structp png, png_const_charp message) {
        *static_cast<std::string*>(png_get_error_ptr(png)) = message;
        png_longjmp(png, 1);
      },
      [](png_structp, png_const_charp) {});
  if (!reader->png) throw std::bad_alloc();
  reader->info = png_create_info_struct(reader->png);
  if (!reader->info) throw std::bad_alloc();
  if (setjmp(png_jmpbuf(reader->png))) throw ImageError(path, "damaged PNG file: " + reader->message);
  png_init_io(reader->png, reader->file);
  png_read_info(reader->png, reader->info);
  if (header_only) return;
  const int passes = png_set_interlace_handling(reader->png);
  png_read_update_info(reader->png, reader->info);
  reader->row.resize(png_get_rowbytes(reader->png, reader->info));
  const png_uint_32 height = png_get_image_height(reader->png, reader->info);
  for (int pass = 0; pass < passes; ++pass)
    for (png_uint_32 y = 0; y < height; ++y) png_read_row(reader->png, reader->row.data(), nullptr);
  png_read_end(reader->png, nullptr);
}

// ITK 5.2's JPEG reader dereferences a null pointer inside jpeg_read_scanlines on some damaged files. As
// for PNG, libjpeg reads the file here first (header only, or every scanline), under a recovery point.
void check_jpeg(const std::string& path, bool header_only) {
  struct Reader {
    jpeg_decompress_struct jpeg{};
    jpeg_error_mgr errors{};
    std::jmp_buf recovery;
    std::string message;
    std::FILE* file = nullptr;
    bool created = false;
    std::vector<JSAMPLE> row;
    ~Reader() {
      if (created) jpeg_destroy_decompress(&jpeg);
      if (file) std::fclose(file);
    }
  };
  const auto reader = std::make_unique<Reader>();  // see check_png
  reader->file = std::fopen(path.c_str(), "rb");
  if (!reader->file) throw ImageError(path, "cannot open the file");
  reader->jpeg.err = jpeg_std_error(&reader->errors);
  reader->jpeg.client_data = reader.get();
  reader->errors.error_exit = [](j_common_ptr jpeg) {
    auto* owner = static_cast<Reader*>(jpeg->client_data);
    char text[JMSG_LENGTH_MAX] = {};
    (*jpeg->err->format_message)(jpeg, text);
    owner->message = text;
    std::longjmp(owner->recovery, 1);
  };
  reader->errors.output_message = [](j_common_ptr) {};  // warnings: ITK reads on as libjpeg does
  if (setjmp(reader->recovery)) throw ImageError(path, "damaged JPEG file: " + reader->message);
  jpeg_create_decompress(&reader->jpeg);
  reader->created = true;
  jpeg_stdio_src(&reader->jpeg, reader->file);
  jpeg_read_header(&reader->jpeg, TRUE);
  if (header_only) return;
  jpeg_start_decompress(&reader->jpeg);
  reader->row.resize(static_cast<std::size_t>(reader->jpeg.output_width) * reader->jpeg.output_components);
  JSAMPROW rows[1] = {reader->row.data()};
  while (reader->jpeg.output_scanline < reader->jpeg.output_height) jpeg_read_scanlines(&reader->jpeg, rows, 1);
  jpeg_finish_decompress(&reader->jpeg);
}

ItkImageInfo read_info(const std::string& path, OpenedIo& opened) {
  itk::ImageIOBase& io = *opened.io;
  if (opened.format == SourceFormat::Png) check_png(path, /*header_only=*/true);
  try {
    io.SetFileName(path);
    io.ReadImageInformation();
  } catch (const itk::ExceptionObject& error) {
    throw ImageError(path, std::string("cannot read the ") + source_format_name(opened.format) +
                               " header: " + error.GetDescription());
  }
  ItkImageInfo info;
  info.format = opened.format;
  info.width = io.GetNumberOfDimensions() >= 1 ? static_cast<int>(io.GetDimensions(0)) : 0;
  info.height = io.GetNumberOfDimensions() >= 2 ? static_cast<int>(io.GetDimensions(1)) : 1;
  info.components = static_cast<int>(io.GetNumberOfComponents());
  switch (io.GetComponentType()) {
    case itk::IOComponentEnum::UCHAR:
    case itk::IOComponentEnum::CHAR: info.bits = 8; break;
    case itk::IOComponentEnum::USHORT:
    case itk::IOComponentEnum::SHORT: info.bits = 16; break;
    default:
      throw ImageError(path, std::string("pixel type '") +
                                 itk::ImageIOBase::GetComponentTypeAsString(io.GetComponentType()) +
                                 "' is not supported (8- or 16-bit samples expected)");
  }
  return info;
}

template <typename Sample>
void to_gray(const Sample* samples, int components, DecodedImage& image) {
  const std::size_t count = image.stored.size();
  for (std::size_t i = 0; i < count; ++i) {
    const Sample* pixel = samples + i * components;
    image.stored[i] = components >= 3 ? luma_from_rgb(pixel[0], pixel[1], pixel[2]) : static_cast<std::int32_t>(pixel[0]);
  }
}

}  // namespace

std::optional<SourceFormat> itk_format_of(const std::string& path) {
  std::optional<OpenedIo> opened = open_io(path);
  if (!opened) return std::nullopt;
  return opened->format;
}

ItkImageInfo read_itk_image_info(const std::string& path) {
  OpenedIo opened = open_io_or_throw(path);
  return read_info(path, opened);
}

DecodedImage read_itk_image(const std::string& path, const DecodeOptions& options) {
  report_progress(options, 0.0f);
  OpenedIo opened = open_io_or_throw(path);
  const ItkImageInfo info = read_info(path, opened);
  itk::ImageIOBase& io = *opened.io;
  long long depth = 1;
  for (unsigned d = 2; d < io.GetNumberOfDimensions(); ++d) depth *= static_cast<long long>(io.GetDimensions(d));
  check_dimensions(path, info.width, info.height * depth, options.limits);
  if (info.components < 1 || info.components > 4) {
    throw ImageError(path, std::to_string(info.components) + " samples per pixel are not supported");
  }
  check_cancel(path, options);
  report_progress(options, 0.1f);

  if (info.format == SourceFormat::Png) check_png(path, /*header_only=*/false);
  if (info.format == SourceFormat::Jpeg) check_jpeg(path, /*header_only=*/false);
  std::vector<char> buffer(io.GetImageSizeInBytes());
  try {
    io.Read(buffer.data());
  } catch (const itk::ExceptionObject& error) {
    throw ImageError(path, std::string("cannot decode the ") + source_format_name(info.format) +
                               " pixels: " + error.GetDescription());
  }
  check_cancel(path, options);
  report_progress(options, 0.8f);

  DecodedImage image;
  image.path = path;
  image.format = info.format;
  image.width = info.width;
  image.height = info.height;
  image.bits_stored = info.bits;
  image.pixel_signed = io.GetComponentType() == itk::IOComponentEnum::CHAR ||
                       io.GetComponentType() == itk::IOComponentEnum::SHORT;
  image.stored.resize(static_cast<std::size_t>(info.width) * info.height);  // first page only
  const bool is_signed = image.pixel_signed;
  if (info.bits == 8) {
    if (is_signed) to_gray(reinterpret_cast<const std::int8_t*>(buffer.data()), info.components, image);
    else to_gray(reinterpret_cast<const std::uint8_t*>(buffer.data()), info.components, image);
  } else {
    if (is_signed) to_gray(reinterpret_cast<const std::int16_t*>(buffer.data()), info.components, image);
    else to_gray(reinterpret_cast<const std::uint16_t*>(buffer.data()), info.components, image);
  }
  if (info.components >= 3) image.notes.emplace_back("RGB converted to gray (ITU-R BT.601 luma)");
  if (info.components == 2 || info.components == 4) image.notes.emplace_back("alpha channel ignored");
  if (depth > 1) image.notes.push_back(std::to_string(depth) + " pages: showing the first");
  update_stored_range(image);

  InstanceAttributes& instance = image.instance;
  instance.rows = info.height;
  instance.columns = info.width;
  instance.bits_allocated = info.bits;
  instance.bits_stored = info.bits;
  instance.high_bit = info.bits - 1;
  instance.pixel_signed = image.pixel_signed;
  instance.photometric_interpretation = info.components >= 3 ? "RGB" : "MONOCHROME2";
  instance.spacing = PixelSpacing{};
  image.series.modality = source_format_name(info.format);
  report_progress(options, 1.0f);
  return image;
}

}  // namespace anatomix::image
