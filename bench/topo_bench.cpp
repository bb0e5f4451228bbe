// Timed harness: compiles one .topo file to every ready target in this process and prints the
// time of each stage and the peak memory, as one JSON object. bench/run.sh drives it for
// several sizes (one process per size, so peak memory is per size). It reports the best round
// and, separately, the first round's totals (a cold process, as one `topo build` is).
//
// Each stage is timed twice: wall time and processor time of this process. On an idle core the
// two agree; on a shared machine the processor time is the figure that does not depend on what
// else runs. The best of REPEAT rounds (by total processor time) is reported; round one also
// loads the embedded stdlib, which later rounds reuse.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "driver/memory.h"
#include "driver/pipeline.h"

int main(int argc, char** argv) {
  topo::driver::UseLargePages();
  if (argc < 2) {
    std::cerr << "usage: [ONLY=target] topo_bench FILE.topo [REPEAT]\n";
    return 2;
  }
  int repeat = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
  // ONLY=<target> emits that target alone (profiling one backend).
  const char* only = std::getenv("ONLY");
  nlohmann::ordered_json best;
  double first_cpu_total = 0, first_total = 0;
  for (int round = 0; round < repeat; ++round) {
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    auto c = topo::driver::Compile({argv[1]});
    if (c->sink.has_errors()) {
      std::cerr << "topo_bench: the input has errors; run topo check on it\n";
      return 1;
    }
    auto peak_mb = [] {
      rusage u{};
      getrusage(RUSAGE_SELF, &u);
      return static_cast<double>(u.ru_maxrss) / 1024.0;
    };
    // The peak memory once each stage is done: the stage that raises it is the one to look at.
    nlohmann::ordered_json peaks = nlohmann::ordered_json::object();
    peaks["compile"] = peak_mb();
    nlohmann::ordered_json stages = nlohmann::ordered_json::object();
    nlohmann::ordered_json cpu = nlohmann::ordered_json::object();
    for (const auto& t : c->timings) {
      stages[t.stage] = t.seconds;
      cpu[t.stage] = t.cpu_seconds;
    }
    size_t bytes = 0, files = 0;
    for (const auto& target : topo::driver::Targets()) {
      if (!target.ready || (only != nullptr && target.name != only)) continue;
      auto t0 = std::chrono::steady_clock::now();
      std::clock_t c0 = std::clock();
      auto out = topo::driver::Emit(*c, target.name);
      stages["emit " + target.name] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      cpu["emit " + target.name] = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
      peaks["emit " + target.name] = peak_mb();
      for (const auto& [path, contents] : out) {
        bytes += contents.size();
        ++files;
      }
    }
    double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu_total = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    if (round == 0) {
      first_cpu_total = cpu_total;
      first_total = total;
    }
    if (round == 0 || cpu_total < best["cpu_total"].get<double>()) {
      best = nlohmann::ordered_json::object();
      best["file"] = argv[1];
      best["resources"] = c->model.resources.size();
      best["input_bytes"] = c->sources.size() > 0 ? c->sources.file(0).text().size() : 0;
      best["total"] = total;
      best["cpu_total"] = cpu_total;
      best["stages"] = stages;
      best["cpu_stages"] = cpu;
      best["output_files"] = files;
      best["output_bytes"] = bytes;
      best["warnings"] = c->sink.diagnostics().size();
      best["peak_mb_after"] = peaks;
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  best["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
  // Round one is what a single `topo build` pays: it also loads the embedded stdlib and touches
  // every page of the heap for the first time (page faults are costly on this VM).
  best["first_cpu_total"] = first_cpu_total;
  best["first_total"] = first_total;
  std::cout << best.dump() << "\n";
  return 0;
}
