#include "anatomix/image/tag_dump.h"

#include <cstdio>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcvr.h>

#include "anatomix/image/image_error.h"
#include "dcmtk_setup.h"
#include "dicom_header.h"

namespace anatomix::image {
namespace {

// Values longer than this are described by their size instead of being loaded.
constexpr Uint32 kLargestLoadedValue = 64 * 1024;

std::string tag_text(const DcmTagKey& key) {
  char text[16];
  std::snprintf(text, sizeof text, "(%04X,%04X)", key.getGroup(), key.getElement());
  return text;
}

std::string truncated(std::string value, std::size_t limit) {
  for (char& c : value) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  if (value.size() > limit) value = value.substr(0, limit) + "...";
  return value;
}

bool is_bulk(DcmEVR vr) {
  return vr == EVR_OB || vr == EVR_OW || vr == EVR_OF || vr == EVR_OD || vr == EVR_OL || vr == EVR_OV ||
         vr == EVR_UN || vr == EVR_ox || vr == EVR_pixelSQ;
}

class Dumper {
 public:
  Dumper(const TagDumpOptions& options, std::vector<TagEntry>& entries) : options_(options), entries_(entries) {}

  // Returns false once the entry limit is reached.
  bool dump_item(DcmItem& item, int depth, bool meta) {
    for (unsigned long i = 0; i < item.card(); ++i) {
      if (!dump_element(*item.getElement(i), depth, meta)) return false;
    }
    return true;
  }

 private:
  bool add(TagEntry entry) {
    if (entries_.size() + 1 >= options_.max_entries) {
      TagEntry last;
      last.value = "... listing stopped after " + std::to_string(entries_.size()) + " entries";
      entries_.push_back(std::move(last));
      return false;
    }
    entries_.push_back(std::move(entry));
    return true;
  }

  bool dump_element(DcmElement& element, int depth, bool meta) {
    DcmTag tag = element.getTag();
    TagEntry entry;
    entry.tag = tag_text(tag);
    entry.vr = DcmVR(element.getVR()).getVRName();
    const char* keyword = tag.getTagName();
    const bool known = keyword != nullptr && std::string(keyword) != DcmTag_ERROR_TagName;
    entry.keyword = known ? keyword : "";
    entry.name = tag.isPrivate() ? "Private Tag" : (known ? split_keyword(keyword) : "Unknown Tag");
    entry.depth = depth;
    entry.meta_header = meta;

    if (element.getVR() == EVR_SQ) {
      auto& sequence = static_cast<DcmSequenceOfItems&>(element);
      entry.value = std::to_string(sequence.card()) + (sequence.card() == 1 ? " item" : " items");
      if (!add(std::move(entry))) return false;
      for (unsigned long i = 0; i < sequence.card(); ++i) {
        TagEntry item_entry;
        item_entry.tag = "(FFFE,E000)";
        item_entry.keyword = "Item #" + std::to_string(i + 1);
        item_entry.name = "Item";
        item_entry.depth = depth + 1;
        item_entry.meta_header = meta;
        if (!add(std::move(item_entry))) return false;
        if (!dump_item(*sequence.getItem(i), depth + 2, meta)) return false;
      }
      return true;
    }
    const Uint32 length = element.getLength();
    if (tag == DCM_PixelData || (is_bulk(element.getVR()) && length > options_.max_value_chars) ||
        length > kLargestLoadedValue) {
      entry.value = length == DCM_UndefinedLength ? "(compressed fragments)" : "(" + std::to_string(length) + " bytes)";
    } else {
      OFString value;
      if (element.getOFStringArray(value).good()) entry.value = truncated(value.c_str(), options_.max_value_chars);
    }
    return add(std::move(entry));
  }

  const TagDumpOptions& options_;
  std::vector<TagEntry>& entries_;
};

}  // namespace

std::vector<TagEntry> dump_tags(const std::string& path, const TagDumpOptions& options) {
  ensure_dcmtk_initialised();
  DcmFileFormat file;
  const OFCondition loaded = load_dicom_file(file, path, 4096);
  if (loaded.bad()) throw ImageError(path, std::string("cannot be read as DICOM: ") + loaded.text());
  std::vector<TagEntry> entries;
  Dumper dumper(options, entries);
  if (dumper.dump_item(*file.getMetaInfo(), 0, true)) dumper.dump_item(*file.getDataset(), 0, false);
  return entries;
}

}  // namespace anatomix::image
