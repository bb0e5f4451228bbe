#include "resolve/imports.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/strings.h"
#include "parse/parser.h"

namespace topo::resolve {

static_assert(kMaxFileBytes == parse::kMaxFileBytes, "one file size limit");

namespace fs = std::filesystem;

FileReader DiskReader() {
  return [](const std::string& path, std::string& error) -> std::optional<std::string> {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      error = "it is a directory";
      return std::nullopt;
    }
    auto size = fs::file_size(path, ec);
    if (ec) {
      error = ec == std::errc::no_such_file_or_directory ? "no such file" : ec.message();
      return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error = "cannot open it";
      return std::nullopt;
    }
    if (size > kMaxFileBytes) {
      // Only one byte more than the limit is read: the parser reports the file as too large
      // (T0106, at its first line) without holding all of it in memory.
      std::string head(kMaxFileBytes + 1, '\0');
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<size_t>(in.gcount()));
      return head;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  };
}

std::vector<const ast::File*> Program::view() const {
  std::vector<const ast::File*> out;
  for (const auto& f : files) out.push_back(f.get());
  return out;
}

namespace {

std::string Normalize(const std::string& path) {
  return fs::path(path).lexically_normal().generic_string();
}

class Loader {
 public:
  Loader(const FileReader& reader, SourceManager& sources, DiagSink& sink, Program& program)
      : reader_(reader), sources_(sources), sink_(sink), program_(program) {}

  void Load(const std::string& path, const ast::Import* via, FileId via_file) {
    std::string key = Normalize(path);
    auto state = state_.find(key);
    if (state != state_.end()) {
      if (state->second == kLoading && via != nullptr) {
        // Cycle: the chain from `key` back to itself.
        std::string chain;
        bool on = false;
        for (const auto& s : stack_) {
          if (s == key) on = true;
          if (on) chain += s + " -> ";
        }
        chain += key;
        Diagnostic& d = sink_.Report(DiagKind::kImportCycle, via->path_range, chain);
        d.help = !stack_.empty() && stack_.back() == key
                     ? "remove this import: a file cannot import itself"
                     : "move what both files need into a third file that both import";
      }
      return;
    }
    if (program_.files.size() >= kMaxFiles) {
      sink_.Report(DiagKind::kInputTooLarge, via ? via->path_range : SourceRange{}, "the program",
                   "more than " + std::to_string(kMaxFiles) + " files");
      return;
    }
    std::string error;
    std::optional<std::string> text = reader_(key, error);
    if (!text) {
      if (via != nullptr) {
        Diagnostic& d = sink_.Report(DiagKind::kImportNotFound, via->path_range, via->path, error);
        d.help = "import paths are relative to the importing file";
        // A typo: suggest a .topo file of that folder with a close name.
        std::error_code ec;
        fs::path folder = fs::path(key).parent_path();
        std::vector<std::string> siblings;
        for (auto it = fs::directory_iterator(folder.empty() ? fs::path(".") : folder, ec);
             !ec && it != fs::directory_iterator(); it.increment(ec)) {
          if (it->path().extension() == ".topo") siblings.push_back(it->path().filename().string());
        }
        std::string close = ClosestMatch(fs::path(key).filename().string(), siblings);
        if (!close.empty()) {
          std::string suggestion = (fs::path(via->path).parent_path() / close).generic_string();
          d.help = "did you mean `" + suggestion + "`?";
        }
      } else {
        sink_.Report(DiagKind::kCannotReadFile, SourceRange{}, path, error);
        program_.unreadable_root = true;
      }
      (void)via_file;
      return;
    }
    state_[key] = kLoading;
    stack_.push_back(key);
    FileId id = sources_.Add(via == nullptr ? path : key, std::move(*text));
    std::unique_ptr<ast::File> file = parse::ParseFile(sources_, id, sink_);
    if (file != nullptr) {
      const ast::File* raw = file.get();
      program_.files.push_back(std::move(file));
      fs::path dir = fs::path(key).parent_path();
      for (const auto& imp : raw->body.imports) {
        if (imp.path.empty()) {
          sink_.Report(DiagKind::kImportNotFound, imp.path_range, imp.path, "the path is empty");
          continue;
        }
        fs::path target = fs::path(imp.path).is_absolute() ? fs::path(imp.path) : dir / imp.path;
        Load(target.generic_string(), &imp, id);
      }
      // Imports may appear only at the top level of a file.
      CheckNestedImports(raw->body, true);
    }
    stack_.pop_back();
    state_[key] = kDone;
  }

 private:
  void CheckNestedImports(const ast::Body& body, bool top) {
    if (!top) {
      for (const auto& imp : body.imports) {
        sink_.Report(DiagKind::kMisplacedBlock, imp.range, "`import` is allowed only at the top level of a file");
      }
    }
    for (const auto& b : body.blocks) CheckNestedImports(b.body, false);
  }

  enum State { kLoading, kDone };
  const FileReader& reader_;
  SourceManager& sources_;
  DiagSink& sink_;
  Program& program_;
  std::map<std::string, State> state_;
  std::vector<std::string> stack_;
};

}  // namespace

Program LoadProgram(const std::vector<std::string>& roots, const FileReader& reader, SourceManager& sources,
                    DiagSink& sink) {
  Program program;
  Loader loader(reader, sources, sink, program);
  for (const auto& root : roots) loader.Load(root, nullptr, kNoFile);
  return program;
}

}  // namespace topo::resolve
