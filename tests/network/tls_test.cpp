// DICOM over TLS (PS3.15 B.1) against a real Orthanc whose port speaks only TLS: echo, find and get
// work with the right certificates; a plain connection, an untrusted PACS certificate and a missing
// client certificate each end in an error, not a hang.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "anatomix/network/pacs_client.h"
#include "orthanc_server.h"
#include "test_studies.h"

namespace anatomix::network {
namespace {

namespace fs = std::filesystem;

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      folder_ = new test::TempFolder("tls");
      server_ = new test::OrthancServer(folder_->path() / "orthanc", /*tls=*/true);
    } catch (const std::exception& error) {
      setup_error_ = error.what();
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    delete folder_;
  }
  void SetUp() override {
    if (!setup_error_.empty()) GTEST_FAIL() << "fixture: " << setup_error_;
  }
  static PacsNode short_timeouts(PacsNode node) {
    node.connect_timeout_s = 5;
    node.acse_timeout_s = 5;
    node.dimse_timeout_s = 5;
    return node;
  }

  static test::TempFolder* folder_;
  static test::OrthancServer* server_;
  static std::string setup_error_;
};

test::TempFolder* TlsTest::folder_ = nullptr;
test::OrthancServer* TlsTest::server_ = nullptr;
std::string TlsTest::setup_error_;

TEST_F(TlsTest, EchoStoreFindAndGetOverTls) {
  const PacsClient client(server_->node());
  EXPECT_NO_THROW(client.echo());
  const auto study = test::make_single_study(folder_->path() / "in", 60, "PID-TLS");
  EXPECT_EQ(client.store(study.files[0]).status, 0u);
  StudyQuery query;
  query.patient_id = "PID-TLS";
  ASSERT_EQ(client.find_studies(query).matches.size(), 1u);
  const auto got = client.get((folder_->path() / "cache").string(), study.study_uid);
  EXPECT_EQ(got.files.size(), 1u);
}

TEST_F(TlsTest, CommandLineEchoOverTls) {
  const PacsNode node = server_->node();
  std::string output;
  const std::string command = std::string("'") + ANATOMIX_CLI + "' pacs echo " + describe(node) + " --tls-trust '" +
                              node.tls_trusted_certificates + "' --tls-cert '" + node.tls_certificate +
                              "' --tls-key '" + node.tls_private_key + "'";
  EXPECT_EQ(test::run_command(command, &output), 0) << output;
  EXPECT_NE(output.find("C-ECHO ok"), std::string::npos) << output;
}

TEST_F(TlsTest, PlainConnectionToATlsPortFails) {
  PacsNode node = short_timeouts(server_->node());
  node.tls = false;
  try {
    PacsClient(node).echo();
    ADD_FAILURE() << "a plain association on a TLS port succeeded";
  } catch (const PacsError& error) {
    EXPECT_NE(error.kind(), PacsErrorKind::kInvalidSettings) << error.what();
    std::printf("plain to TLS port: %s\n", error.what());
  }
}

TEST_F(TlsTest, UntrustedPacsCertificateFails) {
  PacsNode node = short_timeouts(server_->node());
  node.tls_trusted_certificates = node.tls_certificate;  // trusts only itself, not Orthanc
  try {
    PacsClient(node).echo();
    ADD_FAILURE() << "connected to a PACS whose certificate is not trusted";
  } catch (const PacsError& error) {
    EXPECT_EQ(error.kind(), PacsErrorKind::kConnectionFailed) << error.what();
    EXPECT_NE(std::string(error.what()).find("TLS"), std::string::npos) << error.what();
  }
}

TEST_F(TlsTest, MissingClientCertificateIsRefused) {
  PacsNode node = short_timeouts(server_->node());
  node.tls_certificate.clear();
  node.tls_private_key.clear();
  try {
    PacsClient(node).echo();
    ADD_FAILURE() << "Orthanc accepted a client without certificate";
  } catch (const PacsError& error) {
    EXPECT_NE(error.kind(), PacsErrorKind::kInvalidSettings) << error.what();
    std::printf("no client certificate: %s\n", error.what());
  }
}

}  // namespace
}  // namespace anatomix::network
