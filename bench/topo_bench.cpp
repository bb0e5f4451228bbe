// Timed harness: compiles one .topo file to every ready target in this process and prints the
// time of each stage and the peak memory, as one JSON object. bench/run.sh drives it for
// several sizes (one process per size, so peak memory is per size).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "driver/pipeline.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: topo_bench FILE.topo [REPEAT]\n";
    return 2;
  }
  int repeat = argc > 2 ? std::atoi(argv[2]) : 1;
  nlohmann::ordered_json best;
  for (int round = 0; round < repeat; ++round) {
    auto start = std::chrono::steady_clock::now();
    auto c = topo::driver::Compile({argv[1]});
    if (c->sink.has_errors()) {
      std::cerr << "topo_bench: the input has errors; run topo check on it\n";
      return 1;
    }
    nlohmann::ordered_json stages = nlohmann::ordered_json::object();
    for (const auto& t : c->timings) stages[t.stage] = t.seconds;
    size_t bytes = 0;
    for (const auto& target : topo::driver::Targets()) {
      if (!target.ready) continue;
      auto t0 = std::chrono::steady_clock::now();
      auto files = topo::driver::Emit(*c, target.name);
      stages["emit " + target.name] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      for (const auto& [path, contents] : files) bytes += contents.size();
    }
    double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (round == 0 || total < best["total"].get<double>()) {
      best = nlohmann::ordered_json::object();
      best["file"] = argv[1];
      best["resources"] = c->model.resources.size();
      best["total"] = total;
      best["stages"] = stages;
      best["output_bytes"] = bytes;
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  best["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
  std::cout << best.dump() << "\n";
  return 0;
}
