// The workstation's own storage SCP (PS3.4 annex B): the destination of a C-MOVE (PS3.4 C.4.2).
// Listens on a port with our AE title, answers C-ECHO, and writes every received object into
// <cache_dir>/<Study Instance UID>/<SOP Instance UID>.dcm (the same layout as PacsClient::get).
// One association at a time, on a thread of its own.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace anatomix::network {

struct ReceivedObject {
  std::string path;               // the file written into the cache
  std::string calling_ae_title;   // who sent it
  std::string sop_class_uid;      // its SOP Class UID (an image, or an SR, presentation state, ...)
};

class StorageServer {
 public:
  struct Options {
    std::string ae_title = "ANATOMIX";  // answered to every caller
    int port = 11112;                   // 1..65535
    std::string cache_dir;              // created when missing
    int acse_timeout_s = 10;
    int dimse_timeout_s = 30;           // an idle association is aborted after this
  };

  // Opens the port and starts serving. Throws PacsError: kInvalidSettings for a bad AE title, port or
  // cache folder; kConnectionFailed when the port cannot be opened (in use, privileged).
  // `on_received` (may be empty) runs on the server's thread after each object is written.
  explicit StorageServer(Options options, std::function<void(const ReceivedObject&)> on_received = {});
  ~StorageServer();  // stop()
  StorageServer(const StorageServer&) = delete;
  StorageServer& operator=(const StorageServer&) = delete;

  // Stops accepting, lets the current association end and joins the thread (idle: within about 1 s).
  void stop();

  const Options& options() const;
  int n_received() const;  // objects written since start

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace anatomix::network
