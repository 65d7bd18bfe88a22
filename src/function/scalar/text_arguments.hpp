// Text views of "any"-typed arguments. Functions that accept any type and work on its text form
// (||, concat, format, group_concat) keep the argument's own type at bind time (the binder only
// applies implicit casts, and most types have no implicit cast to text) and convert here, per
// batch, with the type's output cast, as PostgreSQL's textanycat/concat do.
#pragma once

#include "function/cast/cast.hpp"
#include "kadedb/data_chunk.hpp"

namespace kadedb {

// Returns v itself when it already holds text/varchar, else v cast to text in scratch.
inline const Vector& AsText(const Vector& v, size_t count, Vector& scratch) {
  if (v.type().IsString()) return v;
  if (v.type().id == TypeId::kBoolean) {
    // The output function prints t/f; only the boolean -> text cast spells true/false.
    scratch = Vector(LogicalType(TypeId::kText));
    scratch.Resize(count);
    for (size_t i = 0; i < count; i++) {
      scratch.SetNull(i, v.IsNull(i));
      if (!v.IsNull(i)) scratch.strings()[i] = v.ints()[i] ? "t" : "f";
    }
    return scratch;
  }
  CastVector(v, count, LogicalType(TypeId::kText), scratch, CastStrength::kExplicit);
  return scratch;
}

// Bind helper: untyped NULL/unknown-literal arguments become text, others keep their type.
inline LogicalType BindAnyAsText(std::vector<LogicalType>& types) {
  for (auto& t : types) {
    if (t.id == TypeId::kNull) t = TypeId::kText;
  }
  return TypeId::kText;
}

}  // namespace kadedb
