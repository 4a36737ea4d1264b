// Query keys and matches of the Study Root Query/Retrieve Information Model (PS3.4 C.6.2), as plain
// structs. Strings are UTF-8 (answers in other character sets are converted); dates are DICOM DA
// (YYYYMMDD), times TM.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace anatomix::network {

// Study level keys. Empty fields match everything (universal matching, PS3.4 C.2.2.2.3). Patient
// name, ID, accession and description accept the wildcards * and ? (PS3.4 C.2.2.2.4).
struct StudyQuery {
  std::string patient_name;   // PN, e.g. "DOE^J*"
  std::string patient_id;
  std::string date_from;      // YYYYMMDD or empty (open range)
  std::string date_to;        // YYYYMMDD or empty (open range)
  std::string modality;       // matched against Modalities in Study, e.g. "DX"; several as "CR\DX"
  std::string accession;      // Accession Number
  std::string description;    // Study Description
  std::size_t limit = 1000;   // at most this many matches; the rest is cancelled (C-CANCEL)
};

struct StudyMatch {
  std::string study_uid;
  std::string patient_name, patient_id, patient_birth_date, patient_sex;
  std::string study_date, study_time, accession, description, study_id, referring_physician;
  std::string modalities;     // Modalities in Study, backslash-separated
  int n_series = -1;          // Number of Study Related Series; -1 when the PACS did not say
  int n_instances = -1;       // Number of Study Related Instances; -1 when the PACS did not say
};

struct SeriesMatch {
  std::string study_uid, series_uid;
  std::string modality, series_number, description, body_part;
  int n_instances = -1;       // Number of Series Related Instances; -1 when the PACS did not say
};

struct InstanceMatch {
  std::string study_uid, series_uid, sop_instance_uid, sop_class_uid;
  std::string instance_number;
};

template <typename Match>
struct FindResult {
  std::vector<Match> matches;   // in the order the PACS sent them
  bool truncated = false;       // the limit was reached and the remaining matches cancelled
};

// How a C-FIND whose matches went to a callback ended.
struct FindSummary {
  std::size_t n_matches = 0;    // handed to the callback
  bool truncated = false;       // the limit was reached and the remaining matches cancelled
  bool stopped = false;         // the callback asked to stop; the remaining matches were cancelled
};

// "20240101-20241231", "20240101-", "-20241231" or "" for a date range (PS3.4 C.2.2.2.5.1);
// throws PacsError(kInvalidSettings) when a date is not YYYYMMDD or the range is reversed.
std::string date_range(const std::string& from, const std::string& to);

}  // namespace anatomix::network
