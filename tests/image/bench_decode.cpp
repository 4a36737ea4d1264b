// bench_decode: decoding and display-mapping figures for a 3000 x 3000 16-bit DX, uncompressed and
// JPEG lossless, with DCMTK's dcmj2pnm decoding the same files in the same run as the peer.
// Prints figures only. Usage: bench_decode [--size N] [--repeat R]
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "anatomix/image/image.h"
#include "dicom_test_writer.h"

namespace {

using namespace anatomix::image;
using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this process: the machine may be shared, so wall time alone can mislead.
double process_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

// User + system CPU time of all waited-for children so far.
double children_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

// A figure measured both ways.
struct Timing {
  double wall_ms = 0;
  double cpu_ms = 0;
};

template <typename Work>
Timing measure(Work&& work) {
  const auto wall = Clock::now();
  const double cpu = process_cpu_ms();
  work();
  return Timing{milliseconds_since(wall), process_cpu_ms() - cpu};
}

Timing median_timing(const std::vector<Timing>& timings) {
  std::vector<double> wall, cpu;
  for (const Timing& t : timings) {
    wall.push_back(t.wall_ms);
    cpu.push_back(t.cpu_ms);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return Timing{wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

void print_timing(const char* what, const Timing& t) {
  std::printf("%-44s %8.2f ms wall %8.2f ms cpu\n", what, t.wall_ms, t.cpu_ms);
}

// A smooth thorax-like field with detector noise, 14 bits stored in 16 allocated.
testing::DicomSpec chest_like_spec(int size) {
  testing::DicomSpec spec;
  spec.rows = size;
  spec.columns = size;
  spec.bits_allocated = 16;
  spec.bits_stored = 14;
  spec.values.resize(static_cast<std::size_t>(size) * size);
  std::uint32_t noise = 12345;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      noise = noise * 1664525u + 1013904223u;
      const double u = (x - size / 2.0) / size, v = (y - size / 2.0) / size;
      const double lungs = std::exp(-((std::abs(u) - 0.2) * (std::abs(u) - 0.2) / 0.02 + v * v / 0.08));
      const double value = 9000 - 6000 * lungs + 800 * std::sin(y / 40.0) * (1 - lungs) + (noise >> 26);
      spec.values[static_cast<std::size_t>(y) * size + x] = std::clamp(static_cast<int>(value), 0, 16383);
    }
  }
  spec.windows = {{8000, 9000, "DEFAULT"}};
  spec.pixel_spacing = "0.143\\0.143";
  return spec;
}

long peak_rss_kib(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return usage.ru_maxrss;
}

void bench_file(const std::string& label, const std::string& path, int repeat) {
  std::printf("\n== %s\n", label.c_str());
  std::vector<Timing> decode_runs, first_runs;
  DecodedImage image;
  for (int i = 0; i < repeat; ++i) {
    image = DecodedImage{};
    Gray8Image shown;
    decode_runs.push_back(measure([&] { image = decode_image(path); }));
    const Timing mapping = measure([&] { shown = render_display(image, DisplayLut(image, default_display(image))); });
    first_runs.push_back(Timing{decode_runs.back().wall_ms + mapping.wall_ms, decode_runs.back().cpu_ms + mapping.cpu_ms});
  }
  const Timing decode = median_timing(decode_runs);
  const Timing first = median_timing(first_runs);
  print_timing("decode (median)", decode);
  print_timing("decode + first display mapping (median)", first);

  // Window/level changes: a new LUT, then the mapping of the full image or of a screen's worth.
  const int changes = 30;
  std::vector<Timing> lut_runs, full_runs, screen_runs, fit_runs;
  std::vector<std::uint8_t> full(static_cast<std::size_t>(image.width) * image.height);
  std::vector<std::uint8_t> screen(1920 * 1080);
  const int step = (std::max(image.width, image.height) + 999) / 1000;
  for (int i = 0; i < changes; ++i) {
    DisplaySettings settings;
    settings.voi.window = Window{6000.0 + 100 * i, 4000.0 + 50 * i, VoiFunction::Linear, ""};
    DisplayLut lut;
    lut_runs.push_back(measure([&] { lut = DisplayLut(image, settings); }));
    full_runs.push_back(measure([&] {
      render_display_region(image, lut, PixelRect{0, 0, image.width, image.height}, 1, full.data(),
                            static_cast<std::size_t>(image.width));
    }));
    screen_runs.push_back(measure([&] {
      render_display_region(image, lut, PixelRect{500, 700, 1920, 1080}, 1, screen.data(), 1920);
    }));
    fit_runs.push_back(measure([&] {
      render_display_region(image, lut, PixelRect{0, 0, image.width, image.height}, step, screen.data(), 1920);
    }));
  }
  print_timing("W/L: build the display LUT", median_timing(lut_runs));
  print_timing("W/L: map the full image", median_timing(full_runs));
  print_timing("W/L: map a 1920x1080 region at 1:1", median_timing(screen_runs));
  print_timing("W/L: map the whole image decimated to ~1000px", median_timing(fit_runs));

#ifdef ANATOMIX_DCMJ2PNM
  std::vector<Timing> peer_runs;
  const std::string output = path + ".pgm";
  const std::string command = std::string(ANATOMIX_DCMJ2PNM) + " +Wi 1 " + path + " " + output;
  for (int i = 0; i < repeat; ++i) {
    const auto wall = Clock::now();
    const double cpu = children_cpu_ms();
    if (std::system(command.c_str()) != 0) {
      std::printf("dcmj2pnm failed: %s\n", command.c_str());
      return;
    }
    peer_runs.push_back(Timing{milliseconds_since(wall), children_cpu_ms() - cpu});
  }
  const Timing peer = median_timing(peer_runs);
  print_timing("dcmj2pnm +Wi 1 (decode, window, write PGM)", peer);
  std::printf("ratio decode / dcmj2pnm:                 %5.2fx wall %5.2fx cpu (aim <= 1.5x)\n",
              decode.wall_ms / peer.wall_ms, decode.cpu_ms / peer.cpu_ms);
  std::printf("ratio decode+first display / dcmj2pnm:   %5.2fx wall %5.2fx cpu\n", first.wall_ms / peer.wall_ms,
              first.cpu_ms / peer.cpu_ms);
#else
  std::printf("dcmj2pnm not found at configure time: no peer figures\n");
#endif
}

}  // namespace

int main(int argc, char** argv) {
  int size = 3000;
  int repeat = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--size") == 0) size = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  try {
    testing::TempDir dir("bench");
    std::printf("bench_decode: %dx%d, 14 bits stored in 16, DX MONOCHROME2\n", size, size);
    const std::string native = dir.file("dx_native.dcm");
    const std::string lossless = dir.file("dx_jpeg_lossless.dcm");
    // The files are written by a child process, so that this process's peak RSS is decoding alone.
    std::fflush(stdout);
    const pid_t writer = fork();
    if (writer == 0) {
      testing::DicomSpec spec = chest_like_spec(size);
      testing::write_dicom(native, spec);
      spec.syntax = testing::Syntax::JpegLossless;
      testing::write_dicom(lossless, spec);
      std::_Exit(0);
    }
    int status = 0;
    if (writer < 0 || waitpid(writer, &status, 0) != writer || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "bench_decode: writing the test files failed\n");
      return 1;
    }
    bench_file("uncompressed (explicit little endian)", native, repeat);
    bench_file("JPEG lossless (process 14 SV1)", lossless, repeat);
    std::printf("\npeak RSS of this process (decoding, mapping; files written by a child): %.1f MiB\n",
                peak_rss_kib(RUSAGE_SELF) / 1024.0);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_decode: %s\n", error.what());
    return 1;
  }
  return 0;
}
