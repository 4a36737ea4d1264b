// SHA-256 (FIPS 180-4) of a file, as lowercase hex: the provenance hashes `anatomix import` records.
#pragma once

#include <string>

namespace anatomix::published {

// Throws std::runtime_error naming the file when it cannot be read.
std::string sha256_file(const std::string& path);
// Of a byte string (tests).
std::string sha256_bytes(const std::string& bytes);

}  // namespace anatomix::published
