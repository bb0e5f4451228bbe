#pragma once
// Names and scopes: turns the ASTs of all files of a program into the IR.
//
// Scopes nest as organization > account > region > resource block. A resource's account is its
// `account` attribute, else the enclosing `account` block, else its parent's, else the default
// account. Its region (regional kinds only) is its `region` attribute, else the enclosing `region`
// block, else its parent's (nesting or `in`), else the organization's `default_region`. Global
// kinds (IAM, Route 53, CloudFront) have no region.
//
// Names are unique per (kind, account). `kind.name` finds the resource in the referrer's account,
// else the only one of that name anywhere; `account.A.kind.name` names one explicitly.
//
// Needs: parsed files. Guarantees: every reference in the model points at a resource of some
// kind (kinds are checked against attribute types by passes/schema); unresolved ones are dropped
// after reporting. Reports T0201-T0216.
#include <vector>

#include "ast/ast.h"
#include "diag/sink.h"
#include "facts/catalog.h"
#include "ir/model.h"

namespace topo::resolve {

ir::Model Resolve(const std::vector<const ast::File*>& files, const facts::Catalog& catalog, DiagSink& sink);

}  // namespace topo::resolve
