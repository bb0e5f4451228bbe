#pragma once
// The handbook's content as data for the templates under templates/docs/: every section of
// README.md with its tables, each entry carrying the `file:line` it comes from. Values from the
// user's files are already Markdown-escaped here (fields ending in `_md`, and `source`), so the
// templates print them unescaped; every other string field is plain text that the template's
// Markdown escaper handles. Headings come with their GitHub anchors and feed the contents list.
// The tables with a row per resource come as finished Markdown rows (`rows_md` and the like),
// which the templates print where the rows go.
#include <nlohmann/json.hpp>

#include "emit/output.h"

namespace topo::emit::docs {

nlohmann::json BuildHandbook(const EmitContext& context);

}  // namespace topo::emit::docs
