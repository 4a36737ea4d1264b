#include "orthanc_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace anatomix::network::test {
namespace fs = std::filesystem;

namespace {

int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::close(fd);
  return rc;
}

}  // namespace

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

namespace {

void make_self_signed(const fs::path& folder, const std::string& name) {
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 -subj /CN=" + name +
                              " -keyout '" + (folder / (name + ".key")).string() + "' -out '" +
                              (folder / (name + ".crt")).string() + "'";
  std::string output;
  if (run_command(command, &output) != 0) throw std::runtime_error("openssl failed:\n" + output);
}

}  // namespace

OrthancServer::OrthancServer(const fs::path& folder, bool tls) : folder_(folder), tls_(tls) {
#ifndef ANATOMIX_ORTHANC
#error "ANATOMIX_ORTHANC (path of the Orthanc executable) must be defined"
#endif
  const std::string orthanc = ANATOMIX_ORTHANC;
  if (orthanc.empty() || !fs::exists(orthanc))
    throw std::runtime_error("Orthanc not found (Debian package 'orthanc'; packaging/bootstrap.sh installs it)");
  fs::create_directories(folder_ / "storage");
  port_ = free_loopback_port();
  storage_port_ = free_loopback_port();
  nlohmann::json config = {
      {"Name", "anatomix-test"},
      {"StorageDirectory", (folder_ / "storage").string()},
      {"IndexDirectory", (folder_ / "storage").string()},
      {"Plugins", nlohmann::json::array()},
      {"HttpServerEnabled", false},
      {"DicomServerEnabled", true},
      {"DicomAet", kAeTitle},
      {"DicomPort", port_},
      {"DicomCheckCalledAet", true},
      {"DicomAlwaysAllowEcho", true},
      {"DicomAlwaysAllowStore", true},
      {"DicomAlwaysAllowFind", false},
      {"DicomAlwaysAllowGet", false},
      {"DicomAlwaysAllowMove", false},
      {"DicomCheckModalityHost", false},
      // The workstation's storage SCP as the C-MOVE destination.
      {"DicomModalities", {{"anatomix", {kKnownCallingAeTitle, "127.0.0.1", storage_port_}}}},
      // Close the association to a C-MOVE destination at once, so a test's storage SCP can stop.
      {"DicomAssociationCloseDelay", 0},
      {"DicomScpTimeout", 30},
      {"SaveJobs", false},
      {"ConcurrentJobs", 1},
      {"StorageCompression", false},
  };
  if (tls_) {
    make_self_signed(folder_, "orthanc");
    make_self_signed(folder_, "anatomix");
    config["DicomTlsEnabled"] = true;
    config["DicomTlsCertificate"] = (folder_ / "orthanc.crt").string();
    config["DicomTlsPrivateKey"] = (folder_ / "orthanc.key").string();
    config["DicomTlsTrustedCertificates"] = (folder_ / "anatomix.crt").string();
    config["DicomTlsRemoteCertificateRequired"] = true;
  }
  std::ofstream(folder_ / "orthanc.json") << config.dump(2);
  start();
}

void OrthancServer::start() {
  if (pid_ > 0) return;
  const std::string orthanc = ANATOMIX_ORTHANC;
  const std::string log = (folder_ / "orthanc.log").string();
  const std::string config_path = (folder_ / "orthanc.json").string();

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork() failed");
  if (pid_ == 0) {
    std::FILE* out = std::freopen(log.c_str(), "a", stdout);
    if (out) ::dup2(::fileno(stdout), 2);
    ::execl(orthanc.c_str(), orthanc.c_str(), config_path.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  // Ready when its DICOM port accepts a TCP connection; give up when it exits or after 60 s.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (connect_loopback(port_) != 0) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("Orthanc exited at start-up:\n" + log_tail());
    }
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("Orthanc did not open port " + std::to_string(port_) + " within 60 s:\n" + log_tail());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

OrthancServer::~OrthancServer() { stop(); }

void OrthancServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGCONT);  // a paused Orthanc would not act on SIGTERM
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid_ = -1;
}

void OrthancServer::pause() {
  if (pid_ > 0) ::kill(pid_, SIGSTOP);
}

void OrthancServer::resume() {
  if (pid_ > 0) ::kill(pid_, SIGCONT);
}

void OrthancServer::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

PacsNode OrthancServer::node() const {
  PacsNode node;
  node.name = "test Orthanc";
  node.called_ae_title = kAeTitle;
  node.host = "127.0.0.1";
  node.port = port_;
  node.storage_port = storage_port_;
  node.calling_ae_title = kKnownCallingAeTitle;
  node.connect_timeout_s = 10;
  node.acse_timeout_s = 20;
  node.dimse_timeout_s = 60;
  if (tls_) {
    node.tls = true;
    node.tls_trusted_certificates = (folder_ / "orthanc.crt").string();
    node.tls_certificate = (folder_ / "anatomix.crt").string();
    node.tls_private_key = (folder_ / "anatomix.key").string();
  }
  return node;
}

std::string OrthancServer::log_tail() const {
  std::ifstream in(folder_ / "orthanc.log");
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
}

int run_command(const std::string& command, std::string* output) {
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed: " + command);
  std::string text;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  const int status = ::pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void upload_with_storescu(const PacsNode& node, const std::vector<std::string>& files) {
#ifndef ANATOMIX_STORESCU
#error "ANATOMIX_STORESCU (path of DCMTK's storescu) must be defined"
#endif
  std::string command = std::string(ANATOMIX_STORESCU) + " -xs -to 20 -ta 20 -td 60 -aet UPLOADER -aec " +
                        node.called_ae_title + " " + node.host + " " + std::to_string(node.port);
  for (const auto& file : files) command += " '" + file + "'";
  std::string output;
  if (run_command(command, &output) != 0) throw std::runtime_error("storescu failed:\n" + output);
}

}  // namespace anatomix::network::test
