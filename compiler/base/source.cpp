#include "base/source.h"

#include <algorithm>

namespace topo {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineColumn SourceFile::Locate(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  // Columns count characters (UTF-8 code points), as editors do, not bytes.
  uint32_t column = 1;
  for (uint32_t i = line_starts_[line - 1]; i < offset && i < text_.size(); ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

std::string_view SourceFile::Line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<uint32_t>(text_.size());
  std::string_view view(text_.data() + start, end - start);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

uint32_t SourceFile::Offset(uint32_t line, uint32_t column) const {
  if (line == 0 || line > line_starts_.size()) return static_cast<uint32_t>(text_.size());
  uint32_t offset = line_starts_[line - 1];
  for (uint32_t c = 1; c < column && offset < text_.size() && text_[offset] != '\n';) {
    ++offset;
    if (offset >= text_.size() || (static_cast<unsigned char>(text_[offset]) & 0xC0) != 0x80) ++c;
  }
  return std::min(offset, static_cast<uint32_t>(text_.size()));
}

FileId SourceManager::Add(std::string path, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

LineColumn SourceManager::Locate(const SourceRange& range) const {
  if (!range.valid()) return {};
  return file(range.file).Locate(range.offset);
}

std::string SourceManager::Describe(const SourceRange& range) const {
  if (!range.valid()) return "<unknown>";
  LineColumn lc = Locate(range);
  return file(range.file).path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

}  // namespace topo
