// PacsNode settings: validation with messages that name the field, the AET@host:port form, date ranges.
#include <gtest/gtest.h>

#include "anatomix/network/pacs_client.h"

namespace anatomix::network {
namespace {

PacsErrorKind kind_of(const PacsNode& node) {
  try {
    validate(node);
  } catch (const PacsError& error) {
    return error.kind();
  }
  return PacsErrorKind::kProtocol;  // stands for "no error"
}

std::string message_of(const PacsNode& node) {
  try {
    validate(node);
  } catch (const PacsError& error) {
    return error.what();
  }
  return {};
}

TEST(PacsNode, DefaultsAreValid) { EXPECT_NO_THROW(validate(PacsNode{})); }

TEST(PacsNode, AeTitlesFollowTheAeValueRepresentation) {
  PacsNode node;
  node.called_ae_title = "SEVENTEEN-CHARS-X";
  EXPECT_EQ(kind_of(node), PacsErrorKind::kInvalidSettings);
  EXPECT_NE(message_of(node).find("longer than 16"), std::string::npos);
  node.called_ae_title = "    ";
  EXPECT_NE(message_of(node).find("called AE title is empty"), std::string::npos);
  node.called_ae_title = "A\\B";
  EXPECT_EQ(kind_of(node), PacsErrorKind::kInvalidSettings);
  node.called_ae_title = "SIXTEEN-CHARS-XX";
  node.calling_ae_title = "";
  EXPECT_NE(message_of(node).find("calling AE title is empty"), std::string::npos);
}

TEST(PacsNode, PortsAndTimeoutsHaveRanges) {
  PacsNode node;
  node.port = 0;
  EXPECT_NE(message_of(node).find("port is 0, expected 1..65535"), std::string::npos);
  node = {};
  node.storage_port = 70000;
  EXPECT_EQ(kind_of(node), PacsErrorKind::kInvalidSettings);
  node = {};
  node.dimse_timeout_s = 0;
  EXPECT_EQ(kind_of(node), PacsErrorKind::kInvalidSettings);
  node = {};
  node.host = "";
  EXPECT_EQ(kind_of(node), PacsErrorKind::kInvalidSettings);
  node = {};
  node.tls = true;
  EXPECT_NE(message_of(node).find("TLS"), std::string::npos);
}

TEST(PacsNode, ParsesAetAtHostColonPort) {
  const PacsNode node = parse_node("ORTHANC@pacs.example.org:4242");
  EXPECT_EQ(node.called_ae_title, "ORTHANC");
  EXPECT_EQ(node.host, "pacs.example.org");
  EXPECT_EQ(node.port, 4242);
  EXPECT_EQ(describe(node), "ORTHANC@pacs.example.org:4242");
  EXPECT_THROW(parse_node("ORTHANC"), PacsError);
  EXPECT_THROW(parse_node("ORTHANC@host"), PacsError);
  EXPECT_THROW(parse_node("ORTHANC@host:port"), PacsError);
  EXPECT_THROW(parse_node("@host:104"), PacsError);
  EXPECT_THROW(parse_node("ORTHANC@host:0"), PacsError);
  EXPECT_THROW(parse_node("ORTHANC@:104"), PacsError);
}

TEST(PacsNode, DateRanges) {
  EXPECT_EQ(date_range("", ""), "");
  EXPECT_EQ(date_range("20240101", ""), "20240101-");
  EXPECT_EQ(date_range("", "20241231"), "-20241231");
  EXPECT_EQ(date_range("20240101", "20241231"), "20240101-20241231");
  EXPECT_EQ(date_range("20240101", "20240101"), "20240101");
  EXPECT_THROW(date_range("20241231", "20240101"), PacsError);
  EXPECT_THROW(date_range("2024-01-01", ""), PacsError);
  EXPECT_THROW(date_range("", "202401"), PacsError);
}

TEST(PacsNode, ClientRefusesAnInvalidNode) {
  PacsNode node;
  node.port = -1;
  EXPECT_THROW(PacsClient{node}, PacsError);
}

}  // namespace
}  // namespace anatomix::network
