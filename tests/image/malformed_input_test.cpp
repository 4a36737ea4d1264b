// The malformed-file corpus: every broken input gives an ImageError whose message names the file
// and the problem; nothing crashes, nothing allocates for absurd sizes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <sys/resource.h>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"
#include "itk_image_writer.h"

namespace anatomix::image {
namespace {

namespace fs = std::filesystem;

class MalformedInput : public ::testing::Test {
 protected:
  testing::TempDir dir_{"malformed"};

  testing::DicomSpec good_spec() const {
    testing::DicomSpec spec;
    spec.rows = 64;
    spec.columns = 48;
    spec.values = testing::ramp_values(spec);
    return spec;
  }

  // Decoding `path` must throw ImageError mentioning the path and every fragment.
  static void expect_error(const std::string& path, const std::vector<std::string>& fragments) {
    try {
      decode_image(path);
      ADD_FAILURE() << path << " decoded although it is broken";
    } catch (const ImageError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find(path), std::string::npos) << message;
      EXPECT_EQ(error.path(), path);
      for (const std::string& fragment : fragments) {
        EXPECT_NE(message.find(fragment), std::string::npos) << "'" << fragment << "' not in: " << message;
      }
    }
  }

  static void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
};

TEST_F(MalformedInput, TruncatedFile) {
  const std::string path = dir_.file("truncated.dcm");
  testing::write_dicom(path, good_spec());
  fs::resize_file(path, fs::file_size(path) / 2);
  expect_error(path, {"truncated"});
}

TEST_F(MalformedInput, TruncatedInsideTheHeader) {
  const std::string path = dir_.file("header_cut.dcm");
  testing::write_dicom(path, good_spec());
  fs::resize_file(path, 300);
  expect_error(path, {"truncated"});
}

TEST_F(MalformedInput, PixelDataShorterThanTheImage) {
  testing::DicomSpec spec = good_spec();
  spec.values.resize(spec.values.size() / 3);
  const std::string path = dir_.file("short.dcm");
  testing::write_dicom(path, spec);
  expect_error(path, {"Pixel Data holds", "need"});
}

TEST_F(MalformedInput, MissingPixelData) {
  testing::DicomSpec spec = good_spec();
  spec.write_pixel_data = false;
  const std::string path = dir_.file("no_pixels.dcm");
  testing::write_dicom(path, spec);
  expect_error(path, {"no Pixel Data"});
}

TEST_F(MalformedInput, ZeroRows) {
  testing::DicomSpec spec = good_spec();
  spec.rows = 0;
  spec.values.clear();
  const std::string path = dir_.file("zero.dcm");
  testing::write_dicom(path, spec);
  expect_error(path, {"zero size"});
}

TEST_F(MalformedInput, TwentyThousandSquaredIsRefusedBeforeReadingPixels) {
  testing::DicomSpec spec = good_spec();
  spec.rows = 20000;
  spec.columns = 20000;
  spec.write_pixel_data = false;  // a header claiming 800 MB of pixels is enough
  const std::string path = dir_.file("huge.dcm");
  testing::write_dicom(path, spec);
  expect_error(path, {"20000x20000", "larger than", "16384"});
  EXPECT_THROW(scan_file(path), ImageError) << "the study scan lists it as an error too";
}

TEST_F(MalformedInput, UnsupportedBitsAllocated) {
  testing::DicomSpec spec = good_spec();
  spec.bits_allocated = 32;
  spec.bits_stored = 32;
  spec.write_pixel_data = false;
  const std::string path = dir_.file("bits32.dcm");
  testing::write_dicom(path, spec);
  expect_error(path, {"Bits Allocated 32"});
}

TEST_F(MalformedInput, InconsistentHighBit) {
  testing::DicomSpec spec = good_spec();
  spec.bits_stored = 12;
  spec.high_bit = 3;
  spec.write_pixel_data = false;
  const std::string path = dir_.file("high_bit.dcm");
  testing::write_dicom(path, spec);
  expect_error(path, {"High Bit 3"});
}

TEST_F(MalformedInput, PaletteColorIsNotSupported) {
  testing::DicomSpec spec = good_spec();
  spec.bits_allocated = 8;
  spec.bits_stored = 8;
  spec.photometric = "PALETTE COLOR";
  for (std::int32_t& value : spec.values) value &= 0xFF;
  const std::string path = dir_.file("palette.dcm");
  testing::write_dicom(path, spec);
  expect_error(path, {"PALETTE COLOR", "not supported"});
}

TEST_F(MalformedInput, UnsupportedTransferSyntax) {
  // An MPEG-2 encapsulated "frame": DCMTK has no codec for it.
  DcmFileFormat file;
  DcmDataset& d = *file.getDataset();
  d.putAndInsertString(DCM_SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
  d.putAndInsertString(DCM_SOPInstanceUID, "1.2.3.4");
  d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
  d.putAndInsertUint16(DCM_Rows, 8);
  d.putAndInsertUint16(DCM_Columns, 8);
  d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  d.putAndInsertUint16(DCM_BitsAllocated, 8);
  d.putAndInsertUint16(DCM_BitsStored, 8);
  d.putAndInsertUint16(DCM_HighBit, 7);
  d.putAndInsertUint16(DCM_PixelRepresentation, 0);
  auto* sequence = new DcmPixelSequence(DcmTag(DCM_PixelData, EVR_OB));
  sequence->insert(new DcmPixelItem(DcmTag(DCM_Item, EVR_OB)));
  Uint8 junk[16] = {0, 0, 1, 0xB3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  DcmOffsetList offsets;
  ASSERT_TRUE(sequence->storeCompressedFrame(offsets, junk, sizeof junk, 0).good());
  auto* pixel_data = new DcmPixelData(DCM_PixelData);
  pixel_data->putOriginalRepresentation(EXS_MPEG2MainProfileAtMainLevel, nullptr, sequence);
  d.insert(pixel_data, true);
  const std::string path = dir_.file("mpeg2.dcm");
  ASSERT_TRUE(file.saveFile(path.c_str(), EXS_MPEG2MainProfileAtMainLevel).good());
  expect_error(path, {"MPEG2", "not supported"});
}

TEST_F(MalformedInput, CorruptJpeg2000Codestream) {
  testing::DicomSpec spec = good_spec();
  spec.syntax = testing::Syntax::Jpeg2000Lossless;
  const std::string path = dir_.file("j2k.dcm");
  testing::write_dicom(path, spec);
  // Overwrite the middle of the codestream (after the SIZ marker) with garbage.
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const std::size_t start = bytes.find("\xFF\x4F\xFF\x51");
  ASSERT_NE(start, std::string::npos);
  for (std::size_t i = start + 60; i < bytes.size() - 8; ++i) bytes[i] = static_cast<char>(0xFF);
  file.seekp(0);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  expect_error(path, {"JPEG 2000"});
}

TEST_F(MalformedInput, CorruptJpegLosslessFragment) {
  testing::DicomSpec spec = good_spec();
  spec.syntax = testing::Syntax::JpegLossless;
  const std::string path = dir_.file("jpeg.dcm");
  testing::write_dicom(path, spec);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const std::size_t soi = bytes.find("\xFF\xD8\xFF");
  ASSERT_NE(soi, std::string::npos);
  for (std::size_t i = soi + 2; i < soi + 40 && i < bytes.size(); ++i) bytes[i] = 0;
  file.seekp(0);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  expect_error(path, {"cannot be decoded"});
}

TEST_F(MalformedInput, StructuredReportHasNoImage) {
  DcmFileFormat file;
  DcmDataset& d = *file.getDataset();
  d.putAndInsertString(DCM_SOPClassUID, "1.2.840.10008.5.1.4.1.1.88.11");
  d.putAndInsertString(DCM_SOPInstanceUID, "1.2.3.5");
  d.putAndInsertString(DCM_Modality, "SR");
  d.putAndInsertString(DCM_PatientName, "Secret^Name");
  const std::string path = dir_.file("report.dcm");
  ASSERT_TRUE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
  expect_error(path, {"Basic Text SR", "no image"});
}

TEST_F(MalformedInput, GarbageEmptyAndMissingFiles) {
  const std::string garbage = dir_.file("garbage.dcm");
  std::string bytes(4000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
  write_bytes(garbage, bytes);
  expect_error(garbage, {"not a DICOM, PNG, JPEG or TIFF file"});

  // Starts like a raw DICOM dataset (group 0008) and then is nonsense.
  const std::string raw = dir_.file("raw_garbage");
  bytes[0] = 0x08;
  bytes[1] = 0x00;
  write_bytes(raw, bytes);
  expect_error(raw, {"DICOM"});

  const std::string empty = dir_.file("empty.dcm");
  write_bytes(empty, "");
  expect_error(empty, {"not a DICOM"});

  const std::string missing = dir_.file("does_not_exist.dcm");
  expect_error(missing, {"cannot be opened"});
}

TEST_F(MalformedInput, TruncatedPng) {
  const std::string path = dir_.file("cut.png");
  std::vector<std::uint8_t> pixels(100 * 80);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>(i * 31);
  testing::write_itk_image(path, 100, 80, pixels);
  fs::resize_file(path, fs::file_size(path) / 2);
  expect_error(path, {"PNG"});
}

// Found by fuzz/fuzz_dicom_decode.cpp: JPEG data starting with a TEM marker (FF01) sent DCMTK 3.6.7's
// precision scan into an endless loop; decoding hung for good.
TEST_F(MalformedInput, JpegTemMarkerBeforeTheFrameHeader) {
  const std::string path = dir_.file("tem.dcm");
  fs::copy_file(ANATOMIX_FUZZ_FINDINGS "/jpeg_tem_marker_hang.dcm", path);
  expect_error(path, {"fragment 1", "TEM marker"});
}

// Found by fuzz/fuzz_study_scan.cpp: a damaged directory record made DCMTK throw std::out_of_range out of
// loadFile; every reader of DICOM files turns it into an ImageError.
TEST_F(MalformedInput, DamagedDirectoryRecordFromDcmtk) {
  const std::string path = dir_.file("damaged_record.dcm");
  fs::copy_file(ANATOMIX_FUZZ_FINDINGS "/dicomdir_record_type_out_of_range", path);
  expect_error(path, {"cannot be read as DICOM"});
  EXPECT_THROW(dump_tags(path), ImageError);
  EXPECT_THROW(scan_file(path), ImageError);
}

// Found by fuzz/fuzz_itk_decode.cpp: a PNG whose IHDR checksum is wrong made libpng abort the program
// inside ITK's header reading. Its sCAL chunk also declares 8 MB in a 92-byte file, which the chunk-length
// check now reports before libpng reads anything; with that length repaired, libpng's error is reported.
std::string png_with_a_bad_header_checksum(bool repair_scal_length) {
  std::string bytes(
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
      "\x00\x00\x00\x08\x00\x00\x00\x06\x08\x00\x00\x00\x00\xdb\x6e\x27"
      "\x00\x00\x80\x00\x04\x73\x43\x41\x4c\x01\x31\x00\x31\xa7\xd2\xa2"
      "\x87\x00\x00\x00\x13\x49\x44\x41\x54\x08\x99\x63\x64\x60\x85\x00"
      "\x46\x0d\x28\x83\x85\x08\x06\x00\x2c\x0e\x01\xad\xcb\xdf\x69\xb6"
      "\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
      92);
  if (repair_scal_length) bytes[34] = '\0';  // sCAL's length 0x00800004 -> 4
  return bytes;
}

TEST_F(MalformedInput, PngWithABadHeaderChecksum) {
  const std::string path = dir_.file("bad_ihdr_crc.png");
  write_bytes(path, png_with_a_bad_header_checksum(/*repair_scal_length=*/false));
  expect_error(path, {"damaged PNG file", "chunk sCAL", "8388612 bytes, more than the file holds"});
  EXPECT_THROW(scan_file(path), ImageError);
  write_bytes(path, png_with_a_bad_header_checksum(/*repair_scal_length=*/true));
  expect_error(path, {"damaged PNG file", "IHDR: CRC error"});
  EXPECT_THROW(scan_file(path), ImageError);
}

// Found by fuzz/fuzz_itk_decode.cpp: an 82-byte PNG whose sCAL chunk declares 889 MB made libpng allocate
// (and clear) 889 MB before finding the file too short. Chunk lengths are checked against the file first.
TEST_F(MalformedInput, PngChunkLongerThanTheFile) {
  const std::string path = dir_.file("huge_chunk.png");
  fs::copy_file(ANATOMIX_FUZZ_FINDINGS "/png_huge_ancillary_chunk.png", path);
  rusage before{};
  ::getrusage(RUSAGE_SELF, &before);
  expect_error(path, {"damaged PNG file", "chunk sCAL", "889192452 bytes, more than the file holds"});
  rusage after{};
  ::getrusage(RUSAGE_SELF, &after);
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 100 * 1024) << "kilobytes of peak memory added";
}

// Found by fuzz/fuzz_itk_decode.cpp: this damaged JPEG made ITK's JPEG reader dereference a null pointer
// inside jpeg_read_scanlines.
TEST_F(MalformedInput, JpegThatCrashedItk) {
  const std::string path = dir_.file("crashing_itk.jpg");
  fs::copy_file(ANATOMIX_FUZZ_FINDINGS "/jpeg_crashing_itk.jpg", path);
  expect_error(path, {"damaged JPEG file"});
}

// Found by fuzz/fuzz_itk_decode.cpp: a JPEG header with scan data before the frame header made ITK's
// JPEGImageIO::CanReadFile, which only probes the file type, crash (or leak) in jpeg_destroy.
TEST_F(MalformedInput, JpegThatCrashedItksProbe) {
  const std::string path = dir_.file("crashing_itk_probe.jpg");
  fs::copy_file(ANATOMIX_FUZZ_FINDINGS "/jpeg_crashing_itk_probe.jpg", path);
  expect_error(path, {"damaged JPEG file", "SOS before SOF"});
  EXPECT_THROW(scan_file(path), ImageError);
}

// Found by fuzz/fuzz_itk_decode.cpp: a DateTime of 14 characters (TIFF 6.0 fixes 19 and a NUL) made ITK's
// TIFFImageIO::ReadTIFFTags copy 20 bytes out of libtiff's 15-byte copy of the text (a heap over-read).
TEST_F(MalformedInput, TiffWithAShortDateTime) {
  const std::string path = dir_.file("short_datetime.tif");
  fs::copy_file(ANATOMIX_FUZZ_FINDINGS "/tiff_short_datetime_overread.tif", path);
  expect_error(path, {"damaged TIFF file", "image file directory 0", "DateTime (tag 306)", "found 14 characters"});
  EXPECT_THROW(scan_file(path), ImageError);
}

// Found by fuzz/fuzz_itk_decode.cpp: a tag libtiff does not know (64006), ASCII, one byte that is not NUL:
// libtiff keeps the byte as it is and ITK's ReadTIFFTags ran strlen past it.
TEST_F(MalformedInput, TiffWithAnUnterminatedOneByteText) {
  const std::string path = dir_.file("unterminated_text.tif");
  fs::copy_file(ANATOMIX_FUZZ_FINDINGS "/tiff_unterminated_ascii_overread.tif", path);
  expect_error(path, {"damaged TIFF file", "tag 64006", "one-byte ASCII value must be the terminating NUL"});
  EXPECT_THROW(scan_file(path), ImageError);
}

// TIFF files whose directories are damaged, made from a sound one written by ITK (little-endian, one
// directory of 12-byte entries): each is refused with a message naming the problem, before ITK reads it.
class MalformedTiff : public MalformedInput {
 protected:
  void SetUp() override {
    const std::string path = dir_.file("sound.tif");
    std::vector<std::uint8_t> pixels(40 * 30);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>(i * 7);
    testing::write_itk_image(path, 40, 30, pixels);
    std::ifstream in(path, std::ios::binary);
    bytes_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    ASSERT_EQ(bytes_.compare(0, 4, std::string("II*\0", 4)), 0);
    ASSERT_NO_THROW(decode_image(path));
    directory_ = get(4, 4);
  }

  std::uint32_t get(std::size_t at, int size) const {
    std::uint32_t value = 0;
    for (int i = size - 1; i >= 0; --i) value = value << 8 | static_cast<std::uint8_t>(bytes_.at(at + i));
    return value;
  }
  void put(std::size_t at, int size, std::uint32_t value) {
    for (int i = 0; i < size; ++i) bytes_.at(at + i) = static_cast<char>(value >> (8 * i) & 0xff);
  }
  std::size_t entry_count() const { return get(directory_, 2); }
  std::size_t entry(std::size_t index) const { return directory_ + 2 + 12 * index; }
  std::size_t entry_with_tag(std::uint16_t tag) const {
    for (std::size_t i = 0; i < entry_count(); ++i)
      if (get(entry(i), 2) == tag) return entry(i);
    ADD_FAILURE() << "no tag " << tag;
    return entry(0);
  }
  std::size_t next_directory_field() const { return entry(entry_count()); }

  std::string write(const std::string& name) {
    const std::string path = dir_.file(name);
    write_bytes(path, bytes_);
    return path;
  }

  std::string bytes_;
  std::size_t directory_ = 0;
};

TEST_F(MalformedTiff, DirectoryOutsideTheFile) {
  put(4, 4, static_cast<std::uint32_t>(bytes_.size() + 100));
  expect_error(write("far_directory.tif"), {"damaged TIFF file", "image file directory 0", "outside the file"});
}

TEST_F(MalformedTiff, DirectoriesFormingALoop) {
  put(next_directory_field(), 4, static_cast<std::uint32_t>(directory_));
  expect_error(write("loop.tif"), {"image file directory 1", "the directories form a loop"});
}

TEST_F(MalformedTiff, EntryOfAnUnknownType) {
  put(entry(0) + 2, 2, 99);
  expect_error(write("unknown_type.tif"), {"tag 256", "unknown type 99"});
}

TEST_F(MalformedTiff, EntryValueOutsideTheFile) {
  const std::size_t software = entry_with_tag(305);  // ITK writes Software = "InsightToolkit"
  put(software + 8, 4, static_cast<std::uint32_t>(bytes_.size() - 3));
  expect_error(write("far_value.tif"), {"tag 305's value", "outside the file"});
}

TEST_F(MalformedTiff, EntryCountLargerThanTheFile) {
  put(entry_with_tag(305) + 4, 4, 0xfffffff0u);
  expect_error(write("huge_count.tif"), {"tag 305", "more than the file holds"});
}

TEST_F(MalformedTiff, StripOutsideTheFile) {
  const std::size_t offsets = entry_with_tag(273);
  ASSERT_EQ(get(offsets + 4, 4), 1u) << "one strip expected";
  put(offsets + 8, 4, static_cast<std::uint32_t>(bytes_.size() - 10));
  expect_error(write("far_strip.tif"), {"strip 0", "outside the file"});
}

// Found by fuzz/fuzz_itk_decode.cpp: a TileLength of 536871008 made libtiff allocate a whole tile (8 GiB) for
// an image of 8 x 6 pixels.
TEST_F(MalformedTiff, TileLargerThanAnyRadiograph) {
  const std::size_t unit = entry_with_tag(296);  // ResolutionUnit, written by ITK, becomes TileLength
  put(unit, 2, 323);
  put(unit + 2, 2, 4);
  put(unit + 4, 4, 1);
  put(unit + 8, 4, 536871008u);
  expect_error(write("huge_tile.tif"), {"damaged TIFF file", "tag 323 (a tile side)"});
}

// Found by fuzz/fuzz_itk_decode.cpp: an ImageLength of 2^30 in strips of 2 rows with one strip offset made libtiff
// allocate its strip arrays for 536870916 strips (4 GiB) before it read the offsets.
TEST_F(MalformedTiff, MoreStripsImpliedThanOffsetsGiven) {
  const std::size_t length = entry_with_tag(257);
  put(length + 2, 2, 4);  // LONG
  put(length + 4, 4, 1);
  put(length + 8, 4, 0x40000008u);
  const std::size_t rows = entry_with_tag(278);
  put(rows + 2, 2, 4);
  put(rows + 4, 4, 1);
  put(rows + 8, 4, 2);
  expect_error(write("many_strips.tif"), {"damaged TIFF file", "imply 536870916 strips", "1 strip offsets"});
}

// The same check covers the pixel data: a flipped byte in the image data (IDAT) is an error, not a crash.
TEST_F(MalformedInput, PngWithDamagedPixelData) {
  const std::string path = dir_.file("bad_idat.png");
  std::vector<std::uint8_t> pixels(100 * 80);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>(i * 31);
  testing::write_itk_image(path, 100, 80, pixels);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t idat = bytes.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  bytes[idat + 20] = static_cast<char>(bytes[idat + 20] ^ 0x5a);
  write_bytes(path, bytes);
  expect_error(path, {"damaged PNG file"});
}

TEST_F(MalformedInput, CustomLimitsAreHonoured) {
  const std::string path = dir_.file("limits.dcm");
  testing::write_dicom(path, good_spec());
  DecodeOptions options;
  options.limits.max_side = 32;
  EXPECT_THROW(decode_image(path, options), ImageError);
  options.limits.max_side = 64;
  EXPECT_NO_THROW(decode_image(path, options));
}

}  // namespace
}  // namespace anatomix::image
