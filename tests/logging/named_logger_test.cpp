// named_logger(): one registered logger per name, on the default logger's sinks and level until the
// application (the workstation's initLogging()) gives the registered loggers its own.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/sinks/ostream_sink.h>

#include "anatomix/named_logger.h"

namespace anatomix {
namespace {

// Replaces the default logger with one writing into `out` at `level`; restores the previous one after.
class DefaultLoggerInto {
 public:
  DefaultLoggerInto(std::ostringstream& out, spdlog::level::level_enum level) : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>("", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
    logger->set_level(level);
    spdlog::set_default_logger(logger);
  }
  ~DefaultLoggerInto() { spdlog::set_default_logger(previous_); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
};

TEST(NamedLogger, OneRegisteredLoggerPerName) {
  const auto first = named_logger("logging-test-one");
  EXPECT_EQ(first->name(), "logging-test-one");
  EXPECT_EQ(named_logger("logging-test-one"), first);
  EXPECT_EQ(spdlog::get("logging-test-one"), first);
  EXPECT_NE(named_logger("logging-test-other"), first);
}

TEST(NamedLogger, WritesThroughTheDefaultSinksWithItsName) {
  std::ostringstream out;
  const DefaultLoggerInto redirect(out, spdlog::level::warn);
  const auto logger = named_logger("logging-test-sinks");
  EXPECT_EQ(logger->level(), spdlog::level::warn);
  logger->info("not shown");
  logger->warn("shown {}", 42);
  const std::string text = out.str();
  EXPECT_EQ(text.find("not shown"), std::string::npos) << text;
  // spdlog's default pattern "[%Y-%m-%d %H:%M:%S.%e] [%n] [%l] %v", the one the workstation sets too.
  EXPECT_NE(text.find("] [logging-test-sinks] [warning] shown 42"), std::string::npos) << text;
  spdlog::drop("logging-test-sinks");  // its sink writes into `out`, which ends here
}

TEST(NamedLogger, KeepsALoggerTheApplicationRegisteredFirst) {
  std::ostringstream own;
  auto registered = std::make_shared<spdlog::logger>("logging-test-app",
                                                     std::make_shared<spdlog::sinks::ostream_sink_mt>(own));
  spdlog::register_logger(registered);
  EXPECT_EQ(named_logger("logging-test-app"), registered);
}

TEST(NamedLogger, FirstUseFromManyThreadsGivesOneLogger) {
  std::vector<std::shared_ptr<spdlog::logger>> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&seen, i] { seen[i] = named_logger("logging-test-threads"); });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(std::set<std::shared_ptr<spdlog::logger>>(seen.begin(), seen.end()).size(), 1u);
}

}  // namespace
}  // namespace anatomix
