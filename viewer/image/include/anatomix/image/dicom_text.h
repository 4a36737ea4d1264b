// DICOM text values as people read them: one formatting for the viewport corners, the study browser and
// the report header.
#pragma once

#include <string>

namespace anatomix::image {

// Person Name (PS3.5 section 6.2): up to three component groups separated by '=' (alphabetic, ideographic,
// phonetic), each "Family^Given^Middle^Prefix^Suffix". Shown from the alphabetic group as "Family, Given
// Middle"; a name with no given or middle name as its family name alone, one with no family name as the rest.
std::string display_person_name(const std::string& value);

// Date (DA, "YYYYMMDD") as ISO 8601 "YYYY-MM-DD"; any other text comes back trimmed and otherwise unchanged.
std::string iso_date(const std::string& value);

}  // namespace anatomix::image
