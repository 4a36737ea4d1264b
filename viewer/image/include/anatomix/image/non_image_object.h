// DICOM objects that hold no image: structured reports, presentation states, encapsulated documents,
// waveforms, raw data, registrations, segmentations, RT objects. A study retrieved from a PACS
// carries them beside its images (the workstation's own SR, key-object and presentation states too).
#pragma once

#include <string>

namespace anatomix::image {

// Whether `sop_class_uid` is a storage class of such an object (never an image storage class).
bool is_non_image_sop_class(const std::string& sop_class_uid);

// Whether `path` is a DICOM file of such a class (its header alone is read); false for anything else,
// unreadable files included.
bool is_non_image_object(const std::string& path);

}  // namespace anatomix::image
