// Errors of the image room (viewer/image). Every failure that a user can act on (unreadable,
// truncated or unsupported file, absurd dimensions) is an ImageError whose what() names the file
// and the problem, e.g. "/data/a.dcm: pixel data is 1000 bytes, expected 18000000 for 3000x3000x16 bit".
// Cancellation through a DecodeOptions::cancel flag is a separate type, so callers can tell
// "cancelled" from "failed".
#pragma once

#include <stdexcept>
#include <string>

namespace anatomix::image {

class ImageError : public std::runtime_error {
 public:
  ImageError(const std::string& path, const std::string& problem)
      : std::runtime_error(path.empty() ? problem : path + ": " + problem), path_(path), problem_(problem) {}

  const std::string& path() const { return path_; }        // file the error is about (may be empty)
  const std::string& problem() const { return problem_; }  // what is wrong, without the path

 private:
  std::string path_;
  std::string problem_;
};

// Thrown by decode_image() when its cancel flag was set; carries no error.
class DecodeCancelled : public std::runtime_error {
 public:
  explicit DecodeCancelled(const std::string& path) : std::runtime_error(path + ": decoding cancelled") {}
};

}  // namespace anatomix::image
