#include "pacs_command.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <stdexcept>
#include <string>

#include "anatomix/network/pacs_client.h"
#include "anatomix/network/storage_server.h"
#include "anatomix/network/store_queue.h"

namespace anatomix::cli {
namespace {

namespace net = anatomix::network;

const char* kUsageText =
    "usage: anatomix pacs ACTION AET@HOST:PORT [options]\n"
    "Talk DICOM to a PACS (the workstation is the service class user).\n"
    "actions:\n"
    "  echo                    C-ECHO: is the PACS there, and does it accept us?\n"
    "  find                    C-FIND in the Study Root model; one line per match (tab-separated) or --json\n"
    "  get                     C-GET into --out DIR/<Study UID>/<SOP Instance UID>.dcm; prints each file\n"
    "  move                    C-MOVE to our own storage SCP, started on --port for the transfer; same layout\n"
    "  store FILE...           C-STORE each file (e.g. an exported SR); with --queue DIR through the queue\n"
    "  flush                   send what waits in --queue DIR (kept there while the PACS is down)\n"
    "node options:\n"
    "  --calling-aet AET       our AE title (default ANATOMIX)\n"
    "  --timeout S             connect, association and per-message timeout in seconds (default 5/10/30)\n"
    "  --tls-trust PEM         DICOM over TLS, trusting the PACS certificate (or CA) in PEM\n"
    "  --tls-cert PEM --tls-key PEM   our certificate and key, for a PACS that asks for one\n"
    "find options:\n"
    "  --level study|series|instance   (default study)\n"
    "  --patient-name PN       e.g. 'DOE^J*' (wildcards * and ?)\n"
    "  --patient-id ID   --accession A   --description TEXT   --modality DX\n"
    "  --date FROM-TO          YYYYMMDD-YYYYMMDD, either side may be empty, or one YYYYMMDD\n"
    "  --study UID             (series and instance level)   --series UID (instance level)\n"
    "  --limit N               at most N matches (default 1000)\n"
    "  --json                  a JSON array instead of lines\n"
    "get and move options:\n"
    "  --study UID [--series UID [--instance UID]] --out DIR\n"
    "  --port P                (move) our storage SCP's port, known to the PACS with --calling-aet (default 11112)\n"
    "store and flush options:\n"
    "  --queue DIR             offline queue: files are copied there first and removed once the PACS took them\n";

struct Parsed {
  std::string action;
  net::PacsNode node;
  std::map<std::string, std::string> options;
  std::vector<std::string> files;
  bool json = false;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "anatomix pacs: %s\n\n%s", message.c_str(), kUsageText);
  return kUsage;
}

int parse_int(const std::string& option, const std::string& value, int lo, int hi) {
  try {
    std::size_t used = 0;
    const long v = std::stol(value, &used);
    if (used == value.size() && v >= lo && v <= hi) return static_cast<int>(v);
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(option + ": expected an integer in " + std::to_string(lo) + ".." + std::to_string(hi) +
                              ", got '" + value + "'");
}

Parsed parse(const std::vector<std::string>& args) {
  static const char* kWithValue[] = {"--calling-aet", "--timeout", "--level", "--patient-name", "--patient-id",
                                     "--accession",   "--description", "--modality", "--date", "--study",
                                     "--series",      "--instance", "--limit", "--out", "--port", "--queue",
                                     "--tls-trust",   "--tls-cert", "--tls-key"};
  Parsed parsed;
  parsed.action = args.at(0);
  if (args.size() < 2) throw std::invalid_argument("missing the node (AET@HOST:PORT)");
  parsed.node = net::parse_node(args[1]);
  for (std::size_t i = 2; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--json") {
      parsed.json = true;
      continue;
    }
    bool known = false;
    for (const char* option : kWithValue) known = known || arg == option;
    if (known) {
      if (i + 1 >= args.size()) throw std::invalid_argument(arg + ": missing value");
      parsed.options[arg] = args[++i];
    } else if (arg.rfind("--", 0) == 0) {
      throw std::invalid_argument("unknown option " + arg);
    } else {
      parsed.files.push_back(arg);
    }
  }
  const auto option = [&](const char* name) -> const std::string* {
    const auto it = parsed.options.find(name);
    return it == parsed.options.end() ? nullptr : &it->second;
  };
  if (const auto* aet = option("--calling-aet")) parsed.node.calling_ae_title = *aet;
  if (const auto* timeout = option("--timeout")) {
    const int seconds = parse_int("--timeout", *timeout, 1, 600);
    parsed.node.connect_timeout_s = parsed.node.acse_timeout_s = parsed.node.dimse_timeout_s = seconds;
  }
  if (const auto* trust = option("--tls-trust")) {
    parsed.node.tls = true;
    parsed.node.tls_trusted_certificates = *trust;
  }
  if (const auto* cert = option("--tls-cert")) parsed.node.tls_certificate = *cert;
  if (const auto* key = option("--tls-key")) parsed.node.tls_private_key = *key;
  if (const auto* port = option("--port")) parsed.node.storage_port = parse_int("--port", *port, 1, 65535);
  if (parsed.action != "store" && !parsed.files.empty())
    throw std::invalid_argument("unexpected argument '" + parsed.files.front() + "'");
  return parsed;
}

std::string get_option(const Parsed& parsed, const char* name, const std::string& fallback = {}) {
  const auto it = parsed.options.find(name);
  return it == parsed.options.end() ? fallback : it->second;
}

int run_find(const Parsed& parsed, const net::PacsClient& client) {
  const std::string level = get_option(parsed, "--level", "study");
  const int limit = parse_int("--limit", get_option(parsed, "--limit", "1000"), 1, 10000000);
  nlohmann::json out = nlohmann::json::array();
  bool truncated = false;
  if (level == "study") {
    net::StudyQuery query;
    query.patient_name = get_option(parsed, "--patient-name");
    query.patient_id = get_option(parsed, "--patient-id");
    query.accession = get_option(parsed, "--accession");
    query.description = get_option(parsed, "--description");
    query.modality = get_option(parsed, "--modality");
    const std::string dates = get_option(parsed, "--date");
    const auto dash = dates.find('-');
    query.date_from = dash == std::string::npos ? dates : dates.substr(0, dash);
    query.date_to = dash == std::string::npos ? dates : dates.substr(dash + 1);
    query.limit = static_cast<std::size_t>(limit);
    const auto result = client.find_studies(query);
    truncated = result.truncated;
    for (const auto& m : result.matches) {
      if (parsed.json) {
        out.push_back({{"study_uid", m.study_uid}, {"patient_name", m.patient_name}, {"patient_id", m.patient_id},
                       {"birth_date", m.patient_birth_date}, {"sex", m.patient_sex}, {"study_date", m.study_date},
                       {"study_time", m.study_time}, {"accession", m.accession}, {"description", m.description},
                       {"modalities", m.modalities}, {"n_series", m.n_series}, {"n_instances", m.n_instances}});
      } else {
        std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", m.study_uid.c_str(), m.patient_id.c_str(),
                    m.patient_name.c_str(), m.study_date.c_str(), m.accession.c_str(), m.modalities.c_str(),
                    m.description.c_str(), m.n_instances);
      }
    }
  } else if (level == "series") {
    const auto result = client.find_series(get_option(parsed, "--study"), static_cast<std::size_t>(limit));
    truncated = result.truncated;
    for (const auto& m : result.matches) {
      if (parsed.json)
        out.push_back({{"study_uid", m.study_uid}, {"series_uid", m.series_uid}, {"modality", m.modality},
                       {"series_number", m.series_number}, {"description", m.description},
                       {"n_instances", m.n_instances}});
      else
        std::printf("%s\t%s\t%s\t%s\t%d\n", m.series_uid.c_str(), m.modality.c_str(), m.series_number.c_str(),
                    m.description.c_str(), m.n_instances);
    }
  } else if (level == "instance") {
    const auto result = client.find_instances(get_option(parsed, "--study"), get_option(parsed, "--series"),
                                              static_cast<std::size_t>(limit));
    truncated = result.truncated;
    for (const auto& m : result.matches) {
      if (parsed.json)
        out.push_back({{"study_uid", m.study_uid}, {"series_uid", m.series_uid}, {"sop_instance_uid", m.sop_instance_uid},
                       {"sop_class_uid", m.sop_class_uid}, {"instance_number", m.instance_number}});
      else
        std::printf("%s\t%s\t%s\n", m.sop_instance_uid.c_str(), m.sop_class_uid.c_str(), m.instance_number.c_str());
    }
  } else {
    return usage_error("--level: expected study, series or instance, got '" + level + "'");
  }
  if (parsed.json) std::printf("%s\n", out.dump(2).c_str());
  if (truncated) std::fprintf(stderr, "anatomix pacs find: more matches than --limit %d; the rest was cancelled\n", limit);
  return kOk;
}

int run_get(const Parsed& parsed, const net::PacsClient& client) {
  const std::string out = get_option(parsed, "--out");
  const std::string study = get_option(parsed, "--study");
  if (out.empty() || study.empty()) return usage_error("get needs --study UID and --out DIR");
  const auto result = client.get(out, study, get_option(parsed, "--series"), get_option(parsed, "--instance"),
                                 [](const net::RetrieveProgress& progress) {
                                   std::printf("%s\n", progress.last_file.c_str());
                                   std::fflush(stdout);
                                 });
  std::fprintf(stderr, "anatomix pacs get: %zu objects received (%d completed, %d failed, %d warnings)\n",
               result.files.size(), result.n_completed, result.n_failed, result.n_warning);
  return result.n_failed > 0 ? kFailure : kOk;
}

int run_move(const Parsed& parsed, const net::PacsClient& client) {
  const std::string out = get_option(parsed, "--out");
  const std::string study = get_option(parsed, "--study");
  if (out.empty() || study.empty()) return usage_error("move needs --study UID and --out DIR");
  net::StorageServer::Options options;
  options.ae_title = parsed.node.calling_ae_title;
  options.port = parsed.node.storage_port;
  options.cache_dir = out;
  options.dimse_timeout_s = parsed.node.dimse_timeout_s;
  // Paths are printed on the server's thread while this one waits in move().
  net::StorageServer server(options, [](const net::ReceivedObject& object) {
    std::printf("%s\n", object.path.c_str());
    std::fflush(stdout);
  });
  const auto result = client.move(study, get_option(parsed, "--series"), get_option(parsed, "--instance"));
  server.stop();
  std::fprintf(stderr, "anatomix pacs move: %d objects received (%d completed, %d failed, %d warnings)\n",
               server.n_received(), result.n_completed, result.n_failed, result.n_warning);
  return result.n_failed > 0 ? kFailure : kOk;
}

int run_flush(const Parsed& parsed, const net::PacsClient& client) {
  const std::string folder = get_option(parsed, "--queue");
  if (folder.empty()) return usage_error("flush needs --queue DIR");
  net::StoreQueue queue(folder);
  const net::FlushResult result = queue.flush(client);
  std::fprintf(stderr, "anatomix pacs: %d sent, %d refused (in %s/failed), %d still queued%s%s\n", result.n_sent,
               result.n_refused, folder.c_str(), result.n_remaining, result.last_error.empty() ? "" : ": ",
               result.last_error.c_str());
  return result.n_remaining == 0 && result.n_refused == 0 ? kOk : kFailure;
}

int run_store(const Parsed& parsed, const net::PacsClient& client) {
  if (parsed.files.empty()) return usage_error("store needs at least one FILE");
  if (!get_option(parsed, "--queue").empty()) {
    net::StoreQueue queue(get_option(parsed, "--queue"));
    for (const auto& file : parsed.files) queue.enqueue(file);
    return run_flush(parsed, client);
  }
  int failures = 0;
  for (const auto& file : parsed.files) {
    try {
      const auto result = client.store(file);
      std::printf("%s\t%s\t%s\n", file.c_str(), result.sop_instance_uid.c_str(), result.warning ? "accepted with warning" : "accepted");
    } catch (const net::PacsError& error) {
      std::fprintf(stderr, "anatomix pacs store: %s\n", error.what());
      ++failures;
      // A node that cannot be reached will not take the next file either.
      if (error.kind() != net::PacsErrorKind::kLocalFile && error.kind() != net::PacsErrorKind::kPeerFailure) break;
    }
  }
  return failures ? kFailure : kOk;
}

}  // namespace

int run_pacs(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsageText, args.empty() ? stderr : stdout);
    return args.empty() ? kUsage : kOk;
  }
  const std::string& action = args[0];
  if (action != "echo" && action != "find" && action != "get" && action != "move" && action != "store" &&
      action != "flush")
    return usage_error("unknown action '" + action + "'");
  Parsed parsed;
  try {
    parsed = parse(args);
  } catch (const std::exception& error) {
    return usage_error(error.what());
  }
  spdlog::set_level(spdlog::level::warn);  // stdout carries only results (lines, JSON, file paths)
  try {
    const net::PacsClient client(parsed.node);
    if (action == "echo") {
      client.echo();
      std::printf("%s: C-ECHO ok\n", net::describe(parsed.node).c_str());
      return kOk;
    }
    if (action == "find") return run_find(parsed, client);
    if (action == "get") return run_get(parsed, client);
    if (action == "move") return run_move(parsed, client);
    if (action == "flush") return run_flush(parsed, client);
    return run_store(parsed, client);
  } catch (const net::PacsCancelled& cancelled) {
    std::fprintf(stderr, "anatomix pacs %s: %s\n", action.c_str(), cancelled.what());
    return kCancelled;
  } catch (const net::PacsError& error) {
    std::fprintf(stderr, "anatomix pacs %s: %s: %s\n", action.c_str(), net::pacs_error_kind_name(error.kind()),
                 error.what());
    return error.kind() == net::PacsErrorKind::kInvalidSettings ? kUsage : kFailure;
  }
}

std::vector<Command> network_commands() {
  return {{"pacs", "talk DICOM to a PACS: echo, find, get, move, store (C-ECHO, C-FIND, C-GET, C-MOVE, C-STORE), flush", &run_pacs}};
}

}  // namespace anatomix::cli
