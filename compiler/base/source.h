#pragma once
// Source files and positions. A SourceRange is a byte range in one file; line and column are
// computed on demand from the file's line table (1-based; columns count UTF-8 characters).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace topo {

using FileId = int32_t;
constexpr FileId kNoFile = -1;

struct SourceRange {
  FileId file = kNoFile;
  uint32_t offset = 0;
  uint32_t length = 0;

  bool valid() const { return file != kNoFile; }
  uint32_t end() const { return offset + length; }
};

struct LineColumn {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in characters
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineColumn Locate(uint32_t offset) const;
  // The text of 1-based line `line`, without its line break.
  std::string_view Line(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  // Byte offset of 1-based (line, column in characters).
  uint32_t Offset(uint32_t line, uint32_t column) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

// Owns every file of a run; FileIds index into it.
class SourceManager {
 public:
  FileId Add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_[static_cast<size_t>(id)]; }
  size_t size() const { return files_.size(); }
  // "path:line:col" of the start of `range`, for messages and ir-json.
  std::string Describe(const SourceRange& range) const;
  LineColumn Locate(const SourceRange& range) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace topo
