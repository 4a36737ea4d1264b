#include "anatomix/network/pacs_node.h"

#include <cctype>
#include <filesystem>
#include <string>

#include "anatomix/network/pacs_error.h"

namespace anatomix::network {
namespace {

[[noreturn]] void invalid(const std::string& message) { throw PacsError(PacsErrorKind::kInvalidSettings, message); }

// PS3.5 6.2, AE: 1..16 characters of the default repertoire, no backslash or control characters;
// leading and trailing spaces are not significant, so a title of spaces only is empty.
void check_ae_title(const char* field, const std::string& title) {
  if (title.size() > 16) invalid(std::string(field) + " '" + title + "' is longer than 16 characters");
  bool any = false;
  for (unsigned char c : title) {
    if (c == '\\' || c < 0x20 || c > 0x7e)
      invalid(std::string(field) + " '" + title + "' holds a character not allowed in an AE title");
    if (c != ' ') any = true;
  }
  if (!any) invalid(std::string(field) + " is empty");
}

void check_range(const char* field, long long value, long long lo, long long hi) {
  if (value < lo || value > hi)
    invalid(std::string(field) + " is " + std::to_string(value) + ", expected " + std::to_string(lo) + ".." +
            std::to_string(hi));
}

}  // namespace

void validate(const PacsNode& node) {
  check_ae_title("called AE title", node.called_ae_title);
  check_ae_title("calling AE title", node.calling_ae_title);
  if (node.host.empty()) invalid("host is empty");
  for (unsigned char c : node.host)
    if (std::isspace(c) || c < 0x20) invalid("host '" + node.host + "' holds white space or control characters");
  check_range("port", node.port, 1, 65535);
  check_range("storage port", node.storage_port, 1, 65535);
  check_range("connect timeout (s)", node.connect_timeout_s, 1, 600);
  check_range("association timeout (s)", node.acse_timeout_s, 1, 600);
  check_range("DIMSE timeout (s)", node.dimse_timeout_s, 1, 3600);
  check_range("maximum PDU size", node.max_pdu_bytes, 4096, 131072);
  if (node.tls) {
    if (node.tls_trusted_certificates.empty())
      invalid(describe(node) + ": TLS needs the PACS certificate (or its CA) to trust");
    if (node.tls_certificate.empty() != node.tls_private_key.empty())
      invalid(describe(node) + ": TLS needs both our certificate and its private key, or neither");
    for (const std::string* file : {&node.tls_trusted_certificates, &node.tls_certificate, &node.tls_private_key})
      if (!file->empty() && !std::filesystem::is_regular_file(*file)) invalid(*file + ": TLS file not found");
  }
}

std::string describe(const PacsNode& node) {
  return node.called_ae_title + "@" + node.host + ":" + std::to_string(node.port);
}

PacsNode parse_node(const std::string& text) {
  const auto at = text.find('@');
  const auto colon = text.rfind(':');
  if (at == std::string::npos || colon == std::string::npos || colon < at)
    invalid("'" + text + "' is not a node: expected AET@host:port, e.g. ORTHANC@127.0.0.1:4242");
  PacsNode node;
  node.called_ae_title = text.substr(0, at);
  node.host = text.substr(at + 1, colon - at - 1);
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
    invalid("'" + text + "': port '" + port + "' is not a number");
  node.port = std::stoi(port);
  check_ae_title("called AE title", node.called_ae_title);
  if (node.host.empty()) invalid("'" + text + "': host is empty");
  check_range("port", node.port, 1, 65535);
  return node;
}

}  // namespace anatomix::network
