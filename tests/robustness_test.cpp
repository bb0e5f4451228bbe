// Damaged versions of every sample (truncated, lines shuffled, bytes flipped, random bytes) must
// never crash or hang topo: the exit code is 0, 1 or 2, and a non-zero exit comes with an error
// diagnostic. The inputs are generated from fixed seeds, so a failure reproduces.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>

#include "driver/output.h"
#include "driver/pipeline.h"
#include "parse/parser.h"
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
    // Emitting every target too: the fuzzer runs the backends on whatever compiles.
    std::string out = MakeTempDir("topo-fuzz-regression") + "/out";
    RunResult b = RunTopo({"build", "--color", "never", "--target", "all", "-o", out, e.path().string()}, kRoot, 60);
    EXPECT_TRUE(b.exit_code == 0 || b.exit_code == 1 || b.exit_code == 2) << e.path() << " (build) exited " << b.exit_code;
    fs::remove_all(fs::path(out).parent_path());
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

// Every file and directory under `root` with its contents ("" for directories), so that two
// snapshots compare byte for byte.
std::map<std::string, std::string> Snapshot(const std::string& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string relative = fs::relative(e.path(), root).generic_string();
    out[relative] = e.is_directory() ? std::string("<dir>") : "file:" + ReadFile(e.path().string());
  }
  return out;
}

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// An existing output directory (files, a subdirectory, an empty directory) must stay byte for
// byte as it was when a build fails, whether it fails in the compiler or while writing, and no
// staging directory may be left beside it.
class AtomicOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("topo-atomic");
    WriteFile(dir_ + "/out/keep.txt", "precious");
    WriteFile(dir_ + "/out/hcl/main.tf", "# an earlier build\n");
    WriteFile(dir_ + "/out/hcl/nested/deep.json", "{\"x\": [1, 2, 3]}\n");
    fs::create_directories(dir_ + "/out/empty");
    before_ = Snapshot(dir_ + "/out");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void ExpectUntouched() {
    EXPECT_EQ(Snapshot(dir_ + "/out"), before_) << "the output directory changed";
    std::vector<std::string> entries = Entries(dir_);
    for (const auto& name : entries) {
      EXPECT_EQ(name.find(".topo-"), std::string::npos) << "staging left behind: " << name;
    }
  }

  std::string dir_;
  std::map<std::string, std::string> before_;
};

const char kGood[] = "organization o { default_region = \"us-east-1\" }\nvpc v { cidr = 10.0.0.0/16 }\n";

TEST_F(AtomicOutputTest, CompileErrorLeavesItUntouched) {
  WriteFile(dir_ + "/bad.topo", "organization o { default_region = \"us-east-1\" }\nvpc v { cidr = \"10.0.0.1/16\" }\n");
  for (const char* target : {"ir-json", "hcl", "all"}) {
    RunResult r = RunTopo({"build", "--target", target, "-o", "out", "bad.topo"}, dir_);
    EXPECT_EQ(r.exit_code, 1) << target << "\n" << r.err;
    ExpectUntouched();
  }
  EXPECT_EQ(Entries(dir_), (std::vector<std::string>{"bad.topo", "out"}));
}

TEST_F(AtomicOutputTest, SyntaxErrorLeavesItUntouched) {
  WriteFile(dir_ + "/broken.topo", "organization o { default_region = \"us-east-1\" \nvpc v {\n");
  RunResult r = RunTopo({"build", "--target", "hcl", "-o", "out", "broken.topo"}, dir_);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  ExpectUntouched();
}

// A failure while writing: the emitted file set cannot be written (a file where a directory has
// to go). Works as root too, where permissions would not stop the write.
TEST_F(AtomicOutputTest, FailureWhileWritingLeavesItUntouched) {
  driver::OutputFiles files;
  files["a.txt"] = "first";
  files["b"] = "a file";
  files["b/c.txt"] = "cannot exist: b is a file";
  std::string error = driver::WriteOutputDirectory(dir_ + "/out", files);
  EXPECT_NE(error, "");
  EXPECT_NE(error.find("cannot"), std::string::npos) << error;
  ExpectUntouched();
}

// The parent of the output directory is not writable (skipped as root, who may write anyway).
TEST_F(AtomicOutputTest, UnwritableParentLeavesItUntouched) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  WriteFile(dir_ + "/good.topo", kGood);
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  RunResult r = RunTopo({"build", "--target", "ir-json", "-o", "out", "good.topo"}, dir_);
  fs::permissions(dir_, fs::perms::owner_all);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot"), std::string::npos) << r.err;
  ExpectUntouched();
}

// The output path runs through a regular file: nothing can be created; the error says so.
TEST_F(AtomicOutputTest, OutputUnderAFileFails) {
  WriteFile(dir_ + "/good.topo", kGood);
  WriteFile(dir_ + "/blocker", "not a directory");
  RunResult r = RunTopo({"build", "--target", "ir-json", "-o", "blocker/out", "good.topo"}, dir_);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("topo: error: cannot"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(dir_ + "/blocker"), "not a directory");
  ExpectUntouched();
}

TEST_F(AtomicOutputTest, SuccessfulBuildReplacesItAsAWhole) {
  WriteFile(dir_ + "/good.topo", kGood);
  RunResult r = RunTopo({"build", "--target", "ir-json", "-o", "out", "good.topo"}, dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Entries(dir_ + "/out"), (std::vector<std::string>{"topology.ir.json"}));
  EXPECT_EQ(Entries(dir_), (std::vector<std::string>{"good.topo", "out"}));
}

// Limits: each is an error with a position, never a crash or a flood of output.
TEST(LimitsTest, TooManyErrorsStopWithAPosition) {
  std::string dir = MakeTempDir("topo-limits");
  std::string text = "organization o { default_region = \"us-east-1\" }\n";
  for (int i = 0; i < 1500; ++i) text += "vpc v" + std::to_string(i) + " { cidr = \"x\" }\n";
  WriteFile(dir + "/many.topo", text);
  RunResult r = RunTopo({"check", "--color", "never", "many.topo"}, dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("many.topo:1002:20: error[T0108]: too many errors; stopping after 1000"), std::string::npos)
      << r.err.substr(r.err.size() > 2000 ? r.err.size() - 2000 : 0);
  EXPECT_EQ(r.err.find("vpc v1000 "), r.err.rfind("vpc v1000 ")) << "only the T0108 snippet shows line 1002";
  EXPECT_EQ(r.err.find("v1001 "), std::string::npos) << "errors past the limit are not shown";
  fs::remove_all(dir);
}

TEST(LimitsTest, FileTooLargeIsAnErrorAtItsStart) {
  std::string dir = MakeTempDir("topo-limits");
  std::string text = "organization o { default_region = \"us-east-1\" }\n#";
  text += std::string(parse::kMaxFileBytes, 'x');
  WriteFile(dir + "/big.topo", text);
  RunResult r = RunTopo({"check", "--color", "never", "big.topo"}, dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("big.topo:1:1: error[T0106]: `big.topo` is too large: it has more than 64 MiB"), std::string::npos)
      << r.err.substr(0, 2000);
  fs::remove_all(dir);
}

TEST(LimitsTest, FileTooLargeFromAnyReader) {
  std::string text(parse::kMaxFileBytes + 1, ' ');
  resolve::FileReader reader = [&text](const std::string&, std::string&) -> std::optional<std::string> { return text; };
  auto c = driver::Compile({"memory.topo"}, reader);
  ASSERT_EQ(c->sink.diagnostics().size(), 1u);
  EXPECT_EQ(c->sink.diagnostics()[0].kind, DiagKind::kInputTooLarge);
  EXPECT_EQ(c->sources.Describe(c->sink.diagnostics()[0].range), "memory.topo:1:1");
}

TEST(LimitsTest, LongLinesAreShownAsAWindow) {
  std::string dir = MakeTempDir("topo-limits");
  std::string text = "organization o { default_region = \"us-east-1\" }\nvpc v { description = \"" +
                     std::string(200000, 'y') + "\" cidr = \"x\" }\n";
  WriteFile(dir + "/long.topo", text);
  RunResult r = RunTopo({"check", "--color", "never", "long.topo"}, dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("error[T0401]"), std::string::npos) << r.err.substr(0, 2000);
  EXPECT_LT(r.err.size(), 4000u) << "a diagnostic on a 200 kB line printed the whole line";
  fs::remove_all(dir);
}

TEST(LimitsTest, DeepNestingIsAnErrorAtTheBlock) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "a {\n";
  resolve::FileReader reader = [&text](const std::string&, std::string&) -> std::optional<std::string> { return text; };
  auto c = driver::Compile({"deep.topo"}, reader);
  ASSERT_FALSE(c->sink.diagnostics().empty());
  EXPECT_EQ(c->sink.diagnostics()[0].kind, DiagKind::kNestingTooDeep);
  EXPECT_EQ(c->sources.Describe(c->sink.diagnostics()[0].range), "deep.topo:65:3");
}

}  // namespace
}  // namespace topo::testing
