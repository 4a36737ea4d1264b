// A flat listing of a DICOM file's elements for a "DICOM tags" panel, in file order, with
// sequences expanded (items are entries of their own, their elements one level deeper).
// Pixel Data and other bulk elements are not loaded; their value text says how big they are.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace anatomix::image {

struct TagEntry {
  std::string tag;      // "(0010,0010)"; items are "(FFFE,E000)"
  std::string vr;       // "PN", "SQ", ...; "" for items
  std::string keyword;  // "PatientName" (dictionary keyword), "Item #1" for items, "" if private/unknown
  std::string name;     // "Patient's Name" (dictionary name), "Private Tag" / "Unknown Tag"
  std::string value;    // value as text, multiple values joined by '\', truncated with "..."
  int depth = 0;        // 0 for top-level elements, +1 per enclosing sequence item
  bool meta_header = false;  // group 0002 (File Meta Information)
};

struct TagDumpOptions {
  std::size_t max_value_chars = 200;  // longer values are cut and end in "..."
  std::size_t max_entries = 20000;    // stop listing after this many entries (one last entry says so)
};

// Throws ImageError if the file is not readable DICOM.
std::vector<TagEntry> dump_tags(const std::string& path, const TagDumpOptions& options = {});

}  // namespace anatomix::image
