// The file-based golden cases under tests/cases/ (see tests/README.md):
//   NAME.topo (or a directory NAME/ of .topo files compiled together)
//   NAME.expected.diag         the diagnostics, as `topo check` prints them (no colour)
//   NAME.expected.TARGET/      the files `topo build --target TARGET` writes, compared one by one
//   NAME.args                  extra flags for `topo check`
// Every samples/NAME.topo is also a case, named samples/NAME, with its expected files in
// tests/cases/samples/. A `fail_` case must exit non-zero; any other must exit 0. Every build runs twice: different
// bytes the second time is a determinism bug. TOPO_UPDATE_GOLDEN=1 rewrites expected files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "test_util.h"

namespace topo::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCasesDir = std::string(TOPO_SOURCE_DIR) + "/tests/cases";

struct Case {
  std::string name;      // relative to tests/cases, without extension: "names/fail_unknown_vpc"
  std::string input;     // relative path of the .topo file or directory
  bool directory = false;
};

// Names the case in test output instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> DiscoverCases() {
  std::vector<Case> cases;
  if (!fs::exists(kCasesDir)) return cases;
  for (auto it = fs::recursive_directory_iterator(kCasesDir); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    std::string rel = fs::relative(p, kCasesDir).generic_string();
    if (it->is_directory() && rel.find(".expected.") != std::string::npos) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory() && fs::exists(p / "main.topo")) {
      cases.push_back({rel, rel, true});
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && p.extension() == ".topo") {
      cases.push_back({rel.substr(0, rel.size() - 5), rel, false});
    }
  }
  // Every sample is a case too: its expected outputs live in tests/cases/samples/.
  for (const auto& e : fs::directory_iterator(std::string(TOPO_SOURCE_DIR) + "/samples")) {
    if (e.path().extension() != ".topo") continue;
    std::string stem = e.path().stem().string();
    cases.push_back({"samples/" + stem, "../../samples/" + stem + ".topo", false});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

std::vector<std::string> InputFiles(const Case& c) {
  if (!c.directory) return {c.input};
  // A directory case compiles main.topo; what it imports comes along.
  return {c.input + "/main.topo"};
}

std::vector<std::string> ExtraArgs(const Case& c) {
  std::vector<std::string> args;
  std::string path = kCasesDir + "/" + c.name + ".args";
  if (!fs::exists(path)) return args;
  std::istringstream in(ReadFile(path));
  std::string word;
  while (in >> word) args.push_back(word);
  return args;
}

bool Updating() {
  const char* v = std::getenv("TOPO_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

std::map<std::string, std::string> ReadTree(const std::string& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).generic_string()] = ReadFile(entry.path().string());
  }
  return files;
}

class GoldenTest : public ::testing::TestWithParam<Case> {};

TEST_P(GoldenTest, MatchesExpected) {
  const Case& c = GetParam();
  bool fail_case = fs::path(c.name).filename().string().rfind("fail_", 0) == 0;
  std::vector<std::string> args = {"check", "--color", "never"};
  for (const auto& a : ExtraArgs(c)) args.push_back(a);
  for (const auto& f : InputFiles(c)) args.push_back(f);
  RunResult r = RunTopo(args, kCasesDir);
  if (fail_case) {
    EXPECT_NE(r.exit_code, 0) << "a fail_ case must exit non-zero\n" << r.err;
  } else {
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_NE(r.exit_code, 124) << "timed out";
  std::string expected_path = kCasesDir + "/" + c.name + ".expected.diag";
  if (Updating()) {
    if (!r.err.empty() || fail_case) {
      WriteFile(expected_path, r.err);
    } else if (fs::exists(expected_path)) {
      fs::remove(expected_path);
    }
  } else {
    std::string expected = fs::exists(expected_path) ? ReadFile(expected_path) : "";
    if (fail_case) {
      EXPECT_TRUE(fs::exists(expected_path)) << "a fail_ case needs " << c.name << ".expected.diag";
    }
    EXPECT_EQ(expected, r.err) << Diff(expected, r.err);
  }

  // Outputs: NAME.expected.TARGET/ directories.
  fs::path case_dir = fs::path(kCasesDir + "/" + c.name).parent_path();
  if (!fs::exists(case_dir)) return;
  std::string stem = fs::path(c.name).filename().string() + ".expected.";
  for (const auto& entry : fs::directory_iterator(case_dir)) {
    std::string file = entry.path().filename().string();
    if (!entry.is_directory() || file.rfind(stem, 0) != 0) continue;
    std::string target = file.substr(stem.size());
    std::string out1 = MakeTempDir("topo-golden") + "/out";
    std::string out2 = MakeTempDir("topo-golden") + "/out";
    std::vector<std::string> build = {"build", "--color", "never", "--target", target, "-o", out1};
    for (const auto& f : InputFiles(c)) build.push_back(f);
    RunResult b1 = RunTopo(build, kCasesDir);
    ASSERT_EQ(b1.exit_code, 0) << b1.err;
    build[6] = out2;
    RunResult b2 = RunTopo(build, kCasesDir);
    ASSERT_EQ(b2.exit_code, 0) << b2.err;
    auto actual = ReadTree(out1);
    EXPECT_EQ(actual, ReadTree(out2)) << "building twice gave different bytes (target " << target << ")";
    // Images rendered by an external tool (the docs target's topology.svg, by Graphviz) depend on
    // that tool's version: compared only when an expected one is checked in.
    for (auto it = actual.begin(); it != actual.end();) {
      bool rendered = it->first.size() > 4 && it->first.compare(it->first.size() - 4, 4, ".svg") == 0;
      it = rendered && !fs::exists(entry.path() / it->first) ? actual.erase(it) : std::next(it);
    }
    if (Updating()) {
      fs::remove_all(entry.path());
      for (const auto& [rel, contents] : actual) WriteFile(entry.path().string() + "/" + rel, contents);
    } else {
      auto expected = ReadTree(entry.path().string());
      for (const auto& [rel, contents] : expected) {
        auto it = actual.find(rel);
        if (it == actual.end()) {
          ADD_FAILURE() << target << ": missing output " << rel;
          continue;
        }
        EXPECT_EQ(contents, it->second) << target << "/" << rel << "\n" << Diff(contents, it->second);
      }
      for (const auto& [rel, contents] : actual) {
        EXPECT_TRUE(expected.count(rel)) << target << ": unexpected output " << rel << " (TOPO_UPDATE_GOLDEN=1 adds it)";
      }
    }
    fs::remove_all(fs::path(out1).parent_path());
    fs::remove_all(fs::path(out2).parent_path());
  }
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(DiscoverCases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

}  // namespace
}  // namespace topo::testing
