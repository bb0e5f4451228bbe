// Damaged versions of every sample (truncated, lines shuffled, bytes flipped, random bytes) must
// never crash or hang topo: the exit code is 0, 1 or 2, and a non-zero exit comes with an error
// diagnostic. The inputs are generated from fixed seeds, so a failure reproduces.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <sstream>

#include "test_util.h"

namespace topo::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = TOPO_SOURCE_DIR;

struct Variant {
  std::string name;
  std::string text;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<Variant> Damage(const std::string& text) {
  std::vector<Variant> out;
  std::mt19937 rng(20261122);
  for (int i = 1; i <= 12; ++i) {
    size_t cut = text.size() * static_cast<size_t>(i) / 13;
    out.push_back({"truncated_" + std::to_string(cut), text.substr(0, cut)});
  }
  for (int i = 0; i < 4; ++i) {
    auto lines = Lines(text);
    std::shuffle(lines.begin(), lines.end(), rng);
    std::string shuffled;
    for (const auto& l : lines) shuffled += l + "\n";
    out.push_back({"shuffled_" + std::to_string(i), shuffled});
  }
  for (int i = 0; i < 8; ++i) {
    std::string flipped = text;
    std::uniform_int_distribution<size_t> at(0, flipped.empty() ? 0 : flipped.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int k = 0; k < 1 + i * 3 && !flipped.empty(); ++k) flipped[at(rng)] = static_cast<char>(byte(rng));
    out.push_back({"flipped_" + std::to_string(i), flipped});
  }
  for (int i = 0; i < 3; ++i) {
    std::string noise(512 * static_cast<size_t>(i + 1), '\0');
    std::uniform_int_distribution<int> byte(0, 255);
    for (char& c : noise) c = static_cast<char>(byte(rng));
    out.push_back({"random_" + std::to_string(i), noise});
  }
  // Deep nesting and a huge single line.
  out.push_back({"deep_list", "organization o { default_region = \"us-east-1\" }\nvpc v { cidr = " +
                                  std::string(5000, '[') + "}\n"});
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "vpc v { ";
  out.push_back({"deep_blocks", deep});
  return out;
}

TEST(RobustnessTest, DamagedSamplesNeverCrashOrHang) {
  std::string dir = MakeTempDir("topo-robust");
  size_t runs = 0;
  for (const auto& e : fs::directory_iterator(kRoot + "/samples")) {
    if (e.path().extension() != ".topo") continue;
    std::string original = ReadFile(e.path().string());
    for (const auto& v : Damage(original)) {
      std::string path = dir + "/" + e.path().stem().string() + "_" + v.name + ".topo";
      WriteFile(path, v.text);
      RunResult r = RunTopo({"check", "--color", "never", path}, dir, 30);
      ++runs;
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2)
          << path << " exited " << r.exit_code << "\n" << r.err.substr(0, 2000);
      if (r.exit_code == 1 || r.exit_code == 2) {
        EXPECT_NE(r.err.find("error"), std::string::npos) << path << ": non-zero exit without a diagnostic";
      }
      if (::testing::Test::HasFailure()) {
        std::cerr << "kept the failing input in " << dir << "\n";
        return;
      }
    }
  }
  EXPECT_GT(runs, 0u);
  fs::remove_all(dir);
}

// Inputs the fuzzer once broke topo with (tests/fuzz/regressions/) must stay fixed.
TEST(RobustnessTest, FuzzRegressionsStayFixed) {
  std::string dir = kRoot + "/tests/fuzz/regressions";
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename().string()[0] == '.') continue;
    RunResult r = RunTopo({"check", "--color", "never", e.path().string()}, kRoot, 30);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2) << e.path() << " exited " << r.exit_code;
  }
}

TEST(RobustnessTest, UnreadableInputExitsTwo) {
  RunResult r = RunTopo({"check", "no/such/file.topo"}, kRoot);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos) << r.err;
}

TEST(RobustnessTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunTopo({"frobnicate"}, kRoot).exit_code, 2);
  EXPECT_EQ(RunTopo({"build", "samples/helios.topo"}, kRoot).exit_code, 2);  // no --target, no -o
  EXPECT_EQ(RunTopo({"build", "--target", "nope", "-o", "/tmp/x", "samples/helios.topo"}, kRoot).exit_code, 2);
}

TEST(RobustnessTest, FailedBuildLeavesOutputDirectoryUntouched) {
  std::string dir = MakeTempDir("topo-atomic");
  WriteFile(dir + "/out/keep.txt", "precious");
  WriteFile(dir + "/bad.topo", "organization o { default_region = \"us-east-1\" }\nvpc v { cidr = \"10.0.0.1/16\" }\n");
  RunResult r = RunTopo({"build", "--target", "ir-json", "-o", "out", "bad.topo"}, dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(ReadFile(dir + "/out/keep.txt"), "precious");
  EXPECT_FALSE(fs::exists(dir + "/out/topology.ir.json"));
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 2u) << "no staging directory may be left behind (out/ and bad.topo only)";
  WriteFile(dir + "/good.topo", "organization o { default_region = \"us-east-1\" }\nvpc v { cidr = \"10.0.0.0/16\" }\n");
  r = RunTopo({"build", "--target", "ir-json", "-o", "out", "good.topo"}, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/out/keep.txt")) << "a successful build replaces the directory as a whole";
  EXPECT_TRUE(fs::exists(dir + "/out/topology.ir.json"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace topo::testing
