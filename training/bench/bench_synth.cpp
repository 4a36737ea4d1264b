// Generator throughput: images per second at 512 and 1024 pixels, one and two threads, written to a
// temporary folder (DICOM + manifest), as the dataset step of the training recipe does it.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <string>

#include "synth/study_generator.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const int count = argc > 1 ? std::atoi(argv[1]) : 16;
  const fs::path dir = fs::temp_directory_path() / "anatomix_bench_synth";
  std::printf("bench_synth: %d images per configuration\n", count);
  for (int size : {512, 1024}) {
    for (int threads : {1, 2}) {
      fs::remove_all(dir);
      anatomix::synth::GeneratorOptions options;
      options.seed = 7;
      options.size = size;
      const std::clock_t cpu_start = std::clock();
      const auto result = anatomix::synth::generate_dataset(options, dir.string(), 0, count, threads);
      const double cpu_seconds = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;  // all threads
      // CPU time per image does not depend on how busy the machine is; wall-clock images/s does.
      std::printf("  size %4d px, %d thread(s): %6.2f images/s wall, %.0f ms CPU per image (%.1f images/s per free core)\n",
                  size, threads, result.written / result.seconds, 1000.0 * cpu_seconds / result.written,
                  result.written / cpu_seconds);
    }
  }
  fs::remove_all(dir);
  return 0;
}
