// A real Orthanc (the Debian `orthanc` package) for the network tests: started by the test itself on
// a free loopback port with a temporary configuration and storage, stopped (SIGTERM, then SIGKILL)
// when the object goes away. Nothing outside the test's temporary folder is touched.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "anatomix/network/pacs_node.h"
#include "test_support.h"

namespace anatomix::network::test {

// A new empty folder under the system temp dir, removed when the object goes away (the generator
// tests' helper).
using TempFolder = anatomix::synth::test::TempFolder;

// A loopback TCP port nobody listens on at the time of the call.
int free_loopback_port();

class OrthancServer {
 public:
  static constexpr const char* kAeTitle = "ORTHANC";
  static constexpr const char* kKnownCallingAeTitle = "ANATOMIX";  // declared in DicomModalities

  // Starts Orthanc in `folder` (config, storage, log) and waits until its DICOM port accepts
  // connections (at most 60 s). Throws std::runtime_error with the end of Orthanc's log otherwise.
  // With `tls`, its DICOM port speaks only TLS: self-signed certificates for Orthanc and for us are
  // made with the openssl command in `folder`, each side trusting the other's, client certificate required.
  explicit OrthancServer(const std::filesystem::path& folder, bool tls = false);
  ~OrthancServer();
  OrthancServer(const OrthancServer&) = delete;
  OrthancServer& operator=(const OrthancServer&) = delete;

  // Stops Orthanc (SIGTERM, then SIGKILL after 20 s) and waits for it; start() brings it back on the
  // same port with the same storage (the offline-queue test). Both are no-ops when already so.
  void stop();
  void start();
  // Freezes Orthanc (SIGSTOP) and lets it go on (SIGCONT): a peer that stops mid-transfer.
  void pause();
  void resume();
  // Ends Orthanc at once (SIGKILL), as a crash or a pulled cable would: its associations break off.
  // start() brings it back.
  void kill();

  int port() const { return port_; }
  // A node for this server: called AE ORTHANC, calling AE ANATOMIX (whose storage port Orthanc knows
  // as the C-MOVE destination), short timeouts.
  PacsNode node() const;
  std::string log_tail() const;

 private:
  std::filesystem::path folder_;
  bool tls_ = false;
  int port_ = 0;
  int storage_port_ = 0;
  pid_t pid_ = -1;
};

// Sends files with DCMTK's storescu (an independent uploader); throws with its output on failure.
void upload_with_storescu(const PacsNode& node, const std::vector<std::string>& files);

// Runs a shell command, returns its exit status and fills `output` with stdout and stderr.
int run_command(const std::string& command, std::string* output);

}  // namespace anatomix::network::test
