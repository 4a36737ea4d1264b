// The structure of a TIFF file, checked before ITK's TIFF reader sees it. ITK 5.2 reads TIFF through the
// libtiff 4.0.3 it bundles, and its TIFFImageIO::ReadTIFFTags copies as many bytes of a text tag as the
// TIFF specification fixes for that tag (20 for DateTime) whatever the file holds, and reads a one-byte
// text as a C string: a shorter DateTime or an unterminated one-byte text reads past libtiff's copy. Files
// that are not well formed are refused here with a message that names the problem, so that only sound
// directories reach ITK.
#pragma once

#include <string>

namespace anatomix::image {

// True when the file starts with a TIFF or BigTIFF header ("II" or "MM", then 42 or 43).
bool starts_like_tiff(const std::string& path);

// Checks the header and every image file directory (IFD) of the chain (TIFF 6.0 section 2; BigTIFF):
// each directory and each entry value lies inside the file, entry types are known, the chain has no loop
// and a bounded length, strip and tile extents lie inside the file, the strips ImageLength and RowsPerStrip
// imply all have offsets, DateTime holds its 19 characters and a NUL (TIFF 6.0 section 8) and no one-byte
// text lacks its NUL. Throws ImageError naming the problem.
void check_tiff_structure(const std::string& path);

}  // namespace anatomix::image
