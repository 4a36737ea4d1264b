// Retrieve benchmark: a 20-image DX study (1024 px, uncompressed) from a real Orthanc on loopback,
// fetched with PacsClient::get (time to the first object in the cache, and total) beside DCMTK's
// getscu, and by C-MOVE into our StorageServer beside DCMTK's movescu with its own storage SCP, on
// the same study in the same run. Prints figures, asserts nothing. (bench_pacs_gui times the first
// image shown in the window.)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "anatomix/network/pacs_client.h"
#include "anatomix/network/storage_server.h"
#include "orthanc_server.h"
#include "test_studies.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
namespace test = anatomix::network::test;
using test::median;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

int main(int argc, char** argv) {
  const int n_images = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
  const int size = argc > 2 ? std::max(128, std::atoi(argv[2])) : 1024;
  const int n_runs = 3;
  try {
    test::TempFolder folder("bench-pacs");
    test::OrthancServer server(folder.path() / "orthanc");
    const auto study = test::make_study(folder.path() / "study", "BENCH^PACS", "PID-BENCH", "20240101", "ACC-BENCH",
                                        0, n_images, false, size);
    std::uintmax_t bytes = 0;
    for (const auto& file : study.files) bytes += fs::file_size(file);
    test::upload_with_storescu(server.node(), study.files);
    const anatomix::network::PacsClient client(server.node());

    std::vector<double> first, total, getscu, move_first, move_total, movescu;
    for (int run = 0; run < n_runs; ++run) {
      const fs::path ours = folder.path() / ("ours-" + std::to_string(run));
      const auto start = Clock::now();
      double first_s = -1;
      const auto result = client.get(ours.string(), study.study_uid, {}, {},
                                     [&](const anatomix::network::RetrieveProgress& progress) {
                                       if (first_s < 0) first_s = seconds_since(start);
                                     });
      total.push_back(seconds_since(start));
      first.push_back(first_s);
      if (static_cast<int>(result.files.size()) != n_images) {
        std::fprintf(stderr, "bench_pacs: PacsClient::get returned %zu of %d objects\n", result.files.size(), n_images);
        return 1;
      }

      const fs::path theirs = folder.path() / ("getscu-" + std::to_string(run));
      fs::create_directories(theirs);
      const auto node = server.node();
      const std::string command = std::string(ANATOMIX_GETSCU) + " -aet " + node.calling_ae_title + " -aec " +
                                  node.called_ae_title + " -S -k QueryRetrieveLevel=STUDY -k StudyInstanceUID=" +
                                  study.study_uid + " -od '" + theirs.string() + "' " + node.host + " " +
                                  std::to_string(node.port);
      const auto start_getscu = Clock::now();
      std::string output;
      const int rc = test::run_command(command, &output);
      getscu.push_back(seconds_since(start_getscu));
      const auto n_getscu = std::distance(fs::directory_iterator(theirs), fs::directory_iterator());
      if (rc != 0 || n_getscu != n_images) {
        std::fprintf(stderr, "bench_pacs: getscu failed (rc %d, %ld files):\n%s\n", rc, static_cast<long>(n_getscu),
                     output.c_str());
        return 1;
      }

      // C-MOVE to our storage SCP (the port Orthanc knows for our AE title), then movescu on that port.
      {
        anatomix::network::StorageServer::Options options;
        options.ae_title = node.calling_ae_title;
        options.port = node.storage_port;
        options.cache_dir = (folder.path() / ("move-" + std::to_string(run))).string();
        std::atomic<double> move_first_s{-1};
        const auto start_move = Clock::now();
        anatomix::network::StorageServer storage(options, [&](const anatomix::network::ReceivedObject&) {
          if (move_first_s.load() < 0) move_first_s = seconds_since(start_move);
        });
        const auto moved = client.move(study.study_uid);
        move_total.push_back(seconds_since(start_move));
        move_first.push_back(move_first_s.load());
        storage.stop();
        if (moved.n_completed != n_images || storage.n_received() != n_images) {
          std::fprintf(stderr, "bench_pacs: C-MOVE completed %d, received %d of %d objects\n", moved.n_completed,
                       storage.n_received(), n_images);
          return 1;
        }
      }
      const fs::path moved_by_movescu = folder.path() / ("movescu-" + std::to_string(run));
      fs::create_directories(moved_by_movescu);
      const std::string move_command = std::string(ANATOMIX_MOVESCU) + " -aet " + node.calling_ae_title + " -aec " +
                                       node.called_ae_title + " -aem " + node.calling_ae_title + " +P " +
                                       std::to_string(node.storage_port) +
                                       " -S -k QueryRetrieveLevel=STUDY -k StudyInstanceUID=" + study.study_uid +
                                       " -od '" + moved_by_movescu.string() + "' " + node.host + " " +
                                       std::to_string(node.port);
      const auto start_movescu = Clock::now();
      const int move_rc = test::run_command(move_command, &output);
      movescu.push_back(seconds_since(start_movescu));
      const auto n_movescu = std::distance(fs::directory_iterator(moved_by_movescu), fs::directory_iterator());
      if (move_rc != 0 || n_movescu != n_images) {
        std::fprintf(stderr, "bench_pacs: movescu failed (rc %d, %ld files):\n%s\n", move_rc,
                     static_cast<long>(n_movescu), output.c_str());
        return 1;
      }
    }
    std::printf("PACS retrieve (C-GET, Orthanc on loopback): %d images of %d px, %.1f MB, median of %d runs\n",
                n_images, size, bytes / 1e6, n_runs);
    std::printf("  PacsClient::get   first object %.3f s   total %.3f s   (%.0f MB/s)\n", median(first), median(total),
                bytes / 1e6 / median(total));
    std::printf("  DCMTK getscu      total %.3f s   (%.0f MB/s)   (process start included)\n", median(getscu),
                bytes / 1e6 / median(getscu));
    std::printf("PACS retrieve (C-MOVE to a storage SCP on loopback), same study\n");
    std::printf("  PacsClient::move + StorageServer   first object %.3f s   total %.3f s   (%.0f MB/s)\n",
                median(move_first), median(move_total), bytes / 1e6 / median(move_total));
    std::printf("  DCMTK movescu (own SCP, +P)        total %.3f s   (%.0f MB/s)   (process start included)\n",
                median(movescu), bytes / 1e6 / median(movescu));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_pacs: %s\n", error.what());
    return 1;
  }
  return 0;
}
