// A PACS node: where a DICOM peer listens and how the workstation presents itself to it. Plain
// settings (the ui keeps a list of them); every operation of PacsClient opens its own association
// with these values (PS3.8 7.1: called and calling AE titles, PS3.5 6.2 AE value representation).
#pragma once

#include <cstdint>
#include <string>

namespace anatomix::network {

struct PacsNode {
  std::string name;                             // label shown to the user; may be empty
  std::string called_ae_title = "ANY-SCP";      // the PACS' AE title, 1..16 characters, no backslash
  std::string host = "127.0.0.1";               // host name or address
  int port = 104;                               // 1..65535
  std::string calling_ae_title = "ANATOMIX";    // ours, as the PACS knows it
  int storage_port = 11112;                     // our storage SCP (C-MOVE destination), 1..65535
  bool tls = false;                             // DICOM over TLS (PS3.15 B.1, BCP 195 profile)
  std::string tls_trusted_certificates;         // with tls: PEM file of the PACS certificate(s) or CA we trust
  std::string tls_certificate;                  // with tls: our PEM certificate, for a PACS that asks for one
  std::string tls_private_key;                  // with tls: its unencrypted PEM private key (both or neither)
  int connect_timeout_s = 5;                    // TCP connect, 1..600 seconds
  int acse_timeout_s = 10;                      // association request and release, 1..600 seconds
  int dimse_timeout_s = 30;                     // each DIMSE message (one response, one object), 1..3600 s
  std::uint32_t max_pdu_bytes = 65536;          // largest PDU we accept, 4096..131072 (PS3.8 D.1)
};

// Throws PacsError(kInvalidSettings) naming the field, the value and the allowed range.
void validate(const PacsNode& node);

// "ORTHANC@pacs.example.org:4242", used in every message about the node.
std::string describe(const PacsNode& node);

// Parses "AET@host:port" (the form the command line takes) into called AE title, host and port;
// the other fields keep their defaults. Throws PacsError(kInvalidSettings).
PacsNode parse_node(const std::string& text);

}  // namespace anatomix::network
