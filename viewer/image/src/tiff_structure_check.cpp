#include "tiff_structure_check.h"

#include <cstdint>
#include <fstream>
#include <limits>
#include <set>
#include <vector>

#include "anatomix/image/image_error.h"

namespace anatomix::image {
namespace {

// ITK counts pages in 16 bits; far fewer are expected of a radiograph.
constexpr std::size_t kMaxDirectories = 4096;

constexpr std::uint16_t kTagImageLength = 257;
constexpr std::uint16_t kTagSamplesPerPixel = 277;
constexpr std::uint16_t kTagRowsPerStrip = 278;
constexpr std::uint16_t kTagPlanarConfiguration = 284;
constexpr std::uint16_t kTagStripOffsets = 273;
constexpr std::uint16_t kTagStripByteCounts = 279;
constexpr std::uint16_t kTagDateTime = 306;
constexpr std::uint16_t kTagTileWidth = 322;
constexpr std::uint16_t kTagTileLength = 323;
constexpr std::uint16_t kTagTileOffsets = 324;
constexpr std::uint16_t kTagTileByteCounts = 325;
constexpr std::uint64_t kDateTimeLength = 20;  // "YYYY:MM:DD HH:MM:SS" and a NUL
// libtiff allocates a whole tile (4 bytes a pixel for ITK's RGBA reading) before it reads one: a tile larger
// than this (1 GiB) is a damaged header, not a radiograph.
constexpr std::uint64_t kMaxTilePixels = std::uint64_t{1} << 28;

// Bytes per value of each field type (TIFF 6.0 section 2, BigTIFF's LONG8/SLONG8/IFD8); 0: unknown.
std::uint64_t type_size(std::uint16_t type, bool big_tiff) {
  switch (type) {
    case 1: case 2: case 6: case 7: return 1;      // BYTE, ASCII, SBYTE, UNDEFINED
    case 3: case 8: return 2;                      // SHORT, SSHORT
    case 4: case 9: case 11: case 13: return 4;    // LONG, SLONG, FLOAT, IFD
    case 5: case 10: case 12: return 8;            // RATIONAL, SRATIONAL, DOUBLE
    case 16: case 17: case 18: return big_tiff ? 8 : 0;  // LONG8, SLONG8, IFD8
    default: return 0;
  }
}

struct Entry {
  std::uint16_t tag = 0;
  std::uint16_t type = 0;
  std::uint64_t count = 0;
  std::vector<std::uint8_t> value;  // count * type size bytes, from the entry or from its offset
};

class TiffReader {
 public:
  explicit TiffReader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw ImageError(path, "cannot open the file");
    in_.seekg(0, std::ios::end);
    size_ = static_cast<std::uint64_t>(in_.tellg());
  }

  std::uint64_t size() const { return size_; }

  // `count` bytes at `offset`, or an ImageError saying what `what` is and that it lies outside the file.
  std::vector<std::uint8_t> bytes(std::uint64_t offset, std::uint64_t count, const std::string& what) {
    if (offset > size_ || count > size_ - offset) {
      throw ImageError(path_, "damaged TIFF file: " + what + " (" + std::to_string(count) + " bytes at offset " +
                                  std::to_string(offset) + ") lies outside the file of " + std::to_string(size_) +
                                  " bytes");
    }
    std::vector<std::uint8_t> data(static_cast<std::size_t>(count));
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
    in_.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(count));
    if (!in_) throw ImageError(path_, "damaged TIFF file: cannot read " + what);
    return data;
  }

  void set_big_endian(bool big_endian) { big_endian_ = big_endian; }

  std::uint64_t number(const std::uint8_t* data, int size) const {
    std::uint64_t value = 0;
    for (int i = 0; i < size; ++i) {
      const int shift = big_endian_ ? 8 * (size - 1 - i) : 8 * i;
      value |= static_cast<std::uint64_t>(data[i]) << shift;
    }
    return value;
  }

  [[noreturn]] void fail(const std::string& problem) const {
    throw ImageError(path_, "damaged TIFF file: " + problem);
  }

 private:
  std::string path_;
  std::ifstream in_;
  std::uint64_t size_ = 0;
  bool big_endian_ = false;
};

std::string tag_name(std::uint16_t tag) { return "tag " + std::to_string(tag); }

// The unsigned integer values of a SHORT, LONG or LONG8 entry (offsets and byte counts).
std::vector<std::uint64_t> integers(const TiffReader& reader, const Entry& entry, const std::string& where) {
  int size = 0;
  if (entry.type == 3) size = 2;
  else if (entry.type == 4 || entry.type == 13) size = 4;
  else if (entry.type == 16 || entry.type == 18) size = 8;
  else reader.fail(where + ": " + tag_name(entry.tag) + " has type " + std::to_string(entry.type) +
                   ", an unsigned integer type is expected");
  std::vector<std::uint64_t> values(static_cast<std::size_t>(entry.count));
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = reader.number(entry.value.data() + i * size, size);
  return values;
}

// Each strip (or tile) must lie inside the file, and there must be one byte count per offset.
void check_extents(const TiffReader& reader, const Entry* offsets, const Entry* byte_counts, const char* unit,
                   const std::string& where) {
  if (!offsets || !byte_counts) return;
  const std::vector<std::uint64_t> starts = integers(reader, *offsets, where);
  const std::vector<std::uint64_t> lengths = integers(reader, *byte_counts, where);
  if (starts.size() != lengths.size()) {
    reader.fail(where + ": " + std::to_string(starts.size()) + " " + unit + " offsets but " +
                std::to_string(lengths.size()) + " byte counts");
  }
  for (std::size_t i = 0; i < starts.size(); ++i) {
    if (starts[i] > reader.size() || lengths[i] > reader.size() - starts[i]) {
      reader.fail(where + ": " + unit + " " + std::to_string(i) + " (" + std::to_string(lengths[i]) +
                  " bytes at offset " + std::to_string(starts[i]) + ") lies outside the file of " +
                  std::to_string(reader.size()) + " bytes");
    }
  }
}

// libtiff sizes its strip arrays from ImageLength and RowsPerStrip (TIFF 6.0 section 3) before it reads
// StripOffsets: a directory implying more strips than it lists offsets for makes it allocate for all of them
// (an 8-pixel-wide file claiming 2^30 rows in strips of 2 asked for 4 GiB).
void check_strip_count(const TiffReader& reader, const Entry* offsets, const Entry* image_length,
                       const Entry* rows_per_strip, const Entry* samples, const Entry* planar,
                       const Entry* tile_offsets, const std::string& where) {
  if (!offsets || !image_length || tile_offsets) return;
  auto single = [&](const Entry& entry) {
    const std::vector<std::uint64_t> values = integers(reader, entry, where);
    if (values.empty()) reader.fail(where + ": " + tag_name(entry.tag) + " has no value");
    return values[0];
  };
  const std::uint64_t rows = single(*image_length);
  const std::uint64_t per_strip =
      rows_per_strip ? single(*rows_per_strip) : std::numeric_limits<std::uint32_t>::max();
  if (per_strip == 0) reader.fail(where + ": RowsPerStrip (tag 278) is 0");
  std::uint64_t strips = rows / per_strip + (rows % per_strip != 0);
  if (planar && single(*planar) == 2 && samples) strips *= single(*samples);
  if (strips > offsets->count) {
    reader.fail(where + ": ImageLength and RowsPerStrip imply " + std::to_string(strips) + " strips, but " +
                std::to_string(offsets->count) + " strip offsets are given");
  }
}

void check_date_time(const TiffReader& reader, const Entry& entry, const std::string& where) {
  // libtiff keeps the text up to its first NUL; ITK then copies 20 bytes of it.
  std::uint64_t length = 0;
  while (length < entry.value.size() && entry.value[length] != 0) ++length;
  if (entry.type != 2 || length < kDateTimeLength - 1) {
    reader.fail(where + ": DateTime (tag 306) must be ASCII \"YYYY:MM:DD HH:MM:SS\" (19 characters and a NUL), "
                "found " + std::to_string(length) + " characters of type " + std::to_string(entry.type));
  }
}

}  // namespace

bool starts_like_tiff(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char head[4] = {};
  if (!in.read(reinterpret_cast<char*>(head), 4)) return false;
  if (head[0] == 'I' && head[1] == 'I') return head[3] == 0 && (head[2] == 42 || head[2] == 43);
  if (head[0] == 'M' && head[1] == 'M') return head[2] == 0 && (head[3] == 42 || head[3] == 43);
  return false;
}

void check_tiff_structure(const std::string& path) {
  TiffReader reader(path);
  const std::vector<std::uint8_t> head = reader.bytes(0, 8, "the header");
  reader.set_big_endian(head[0] == 'M');
  const bool big_tiff = reader.number(head.data() + 2, 2) == 43;
  std::uint64_t offset = 0;
  if (big_tiff) {
    if (reader.number(head.data() + 4, 2) != 8 || reader.number(head.data() + 6, 2) != 0) {
      reader.fail("BigTIFF header with an offset size other than 8");
    }
    offset = reader.number(reader.bytes(8, 8, "the header").data(), 8);
  } else {
    offset = reader.number(head.data() + 4, 4);
  }
  if (offset == 0) reader.fail("no image file directory");

  const int count_size = big_tiff ? 8 : 2;
  const int offset_size = big_tiff ? 8 : 4;
  const std::uint64_t entry_size = big_tiff ? 20 : 12;
  std::set<std::uint64_t> visited;
  for (std::size_t directory = 0; offset != 0; ++directory) {
    const std::string where = "image file directory " + std::to_string(directory);
    if (directory >= kMaxDirectories) {
      reader.fail("more than " + std::to_string(kMaxDirectories) + " image file directories");
    }
    if (!visited.insert(offset).second) {
      reader.fail(where + " at offset " + std::to_string(offset) + " was already read: the directories form a loop");
    }
    const std::uint64_t entries = reader.number(reader.bytes(offset, count_size, where).data(), count_size);
    if (entries == 0) reader.fail(where + " has no entries");
    if (entries > std::numeric_limits<std::uint16_t>::max()) {
      reader.fail(where + " claims " + std::to_string(entries) + " entries");
    }
    const std::vector<std::uint8_t> table =
        reader.bytes(offset + count_size, entries * entry_size + offset_size, where);

    std::vector<Entry> read;
    read.reserve(static_cast<std::size_t>(entries));
    for (std::uint64_t i = 0; i < entries; ++i) {
      const std::uint8_t* raw = table.data() + i * entry_size;
      Entry entry;
      entry.tag = static_cast<std::uint16_t>(reader.number(raw, 2));
      entry.type = static_cast<std::uint16_t>(reader.number(raw + 2, 2));
      entry.count = reader.number(raw + 4, big_tiff ? 8 : 4);
      const std::string what = where + ", " + tag_name(entry.tag);
      const std::uint64_t size = type_size(entry.type, big_tiff);
      if (size == 0) reader.fail(what + " has the unknown type " + std::to_string(entry.type));
      if (entry.count > reader.size() / size) {
        reader.fail(what + " claims " + std::to_string(entry.count) + " values, more than the file holds");
      }
      const std::uint64_t bytes = entry.count * size;
      const std::uint8_t* inline_value = raw + (big_tiff ? 12 : 8);
      if (bytes <= static_cast<std::uint64_t>(offset_size)) {
        entry.value.assign(inline_value, inline_value + bytes);
      } else {
        entry.value = reader.bytes(reader.number(inline_value, offset_size), bytes, what + "'s value");
      }
      if (entry.tag == kTagDateTime) check_date_time(reader, entry, where);
      // ITK reads a one-byte text as a C string, and libtiff does not add a NUL to the text of a tag it does
      // not know: the single byte must be the NUL that ends every ASCII value (TIFF 6.0 section 2).
      if (entry.type == 2 && entry.count == 1 && entry.value[0] != 0) {
        reader.fail(what + ": a one-byte ASCII value must be the terminating NUL");
      }
      read.push_back(std::move(entry));
    }

    const auto find = [&](std::uint16_t tag) -> const Entry* {
      for (const Entry& entry : read)
        if (entry.tag == tag) return &entry;
      return nullptr;
    };
    check_extents(reader, find(kTagStripOffsets), find(kTagStripByteCounts), "strip", where);
    check_strip_count(reader, find(kTagStripOffsets), find(kTagImageLength), find(kTagRowsPerStrip),
                      find(kTagSamplesPerPixel), find(kTagPlanarConfiguration), find(kTagTileOffsets), where);
    check_extents(reader, find(kTagTileOffsets), find(kTagTileByteCounts), "tile", where);
    std::uint64_t tile_pixels = 1;
    for (const std::uint16_t tag : {kTagTileWidth, kTagTileLength}) {
      const Entry* side = find(tag);
      if (!side) continue;
      const std::vector<std::uint64_t> values = integers(reader, *side, where);
      if (values.size() != 1 || values[0] == 0 || values[0] > kMaxTilePixels) {
        reader.fail(where + ": " + tag_name(tag) + " (a tile side) must be one value from 1 to " +
                    std::to_string(kMaxTilePixels));
      }
      tile_pixels *= values[0];
    }
    if (tile_pixels > kMaxTilePixels) {
      reader.fail(where + ": tiles of " + std::to_string(tile_pixels) + " pixels, more than " +
                  std::to_string(kMaxTilePixels));
    }
    offset = reader.number(table.data() + entries * entry_size, offset_size);
  }
}

}  // namespace anatomix::image
