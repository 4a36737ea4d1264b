// The tags panel listing: meta header, top-level elements, sequences with items one level deeper,
// bulk data described by size, truncation of long values.
#include <gtest/gtest.h>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"

namespace anatomix::image {
namespace {

const TagEntry* find_entry(const std::vector<TagEntry>& entries, const std::string& tag, int depth) {
  for (const TagEntry& entry : entries)
    if (entry.tag == tag && entry.depth == depth) return &entry;
  return nullptr;
}

TEST(TagDump, ListsElementsSequencesAndBulkData) {
  testing::TempDir dir("tags");
  testing::DicomSpec spec;
  spec.rows = 10;
  spec.columns = 10;
  spec.values = testing::ramp_values(spec);
  spec.voi_luts = {testing::LutSpec{0, 16, std::vector<std::uint16_t>(400, 5), "LUT EXPLAINED"}};
  spec.study_description = std::string(300, 'x');
  const std::string path = dir.file("tags.dcm");
  testing::write_dicom(path, spec);

  TagDumpOptions options;
  options.max_value_chars = 50;
  const std::vector<TagEntry> entries = dump_tags(path, options);
  const TagEntry* transfer = find_entry(entries, "(0002,0010)", 0);
  ASSERT_NE(transfer, nullptr);
  EXPECT_TRUE(transfer->meta_header);
  EXPECT_EQ(transfer->value, "1.2.840.10008.1.2.1");

  const TagEntry* name = find_entry(entries, "(0010,0010)", 0);
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->vr, "PN");
  EXPECT_EQ(name->keyword, "PatientName");
  EXPECT_EQ(name->name, "Patient Name");
  EXPECT_EQ(name->value, "Test^Patient");
  EXPECT_FALSE(name->meta_header);

  const TagEntry* description = find_entry(entries, "(0008,1030)", 0);
  ASSERT_NE(description, nullptr);
  EXPECT_EQ(description->value, std::string(50, 'x') + "...");

  const TagEntry* sequence = find_entry(entries, "(0028,3010)", 0);
  ASSERT_NE(sequence, nullptr);
  EXPECT_EQ(sequence->vr, "SQ");
  EXPECT_EQ(sequence->value, "1 item");
  const TagEntry* item = find_entry(entries, "(FFFE,E000)", 1);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->keyword, "Item #1");
  const TagEntry* explanation = find_entry(entries, "(0028,3003)", 2);
  ASSERT_NE(explanation, nullptr);
  EXPECT_EQ(explanation->value, "LUT EXPLAINED");
  const TagEntry* lut_data = find_entry(entries, "(0028,3006)", 2);
  ASSERT_NE(lut_data, nullptr);
  EXPECT_LE(lut_data->value.size(), 53u);

  const TagEntry* pixels = find_entry(entries, "(7FE0,0010)", 0);
  ASSERT_NE(pixels, nullptr);
  EXPECT_EQ(pixels->value, "(200 bytes)");
}

TEST(TagDump, EntryLimitAndErrors) {
  testing::TempDir dir("tags");
  testing::DicomSpec spec;
  spec.values = testing::ramp_values(spec);
  const std::string path = dir.file("limit.dcm");
  testing::write_dicom(path, spec);
  TagDumpOptions options;
  options.max_entries = 5;
  const std::vector<TagEntry> entries = dump_tags(path, options);
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_NE(entries.back().value.find("listing stopped"), std::string::npos);
  EXPECT_THROW(dump_tags(dir.file("missing.dcm")), ImageError);
}

}  // namespace
}  // namespace anatomix::image
