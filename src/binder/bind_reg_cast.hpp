// Casts to PostgreSQL's object identifier types: 'tbl'::regclass, 'int4'::regtype,
// 'public'::regnamespace, 'kadedb'::regrole (psql and drivers write these). A string constant is
// looked up now and becomes the object's oid (bigint); any other operand is cast to bigint.
// Unknown names: 42P01 (relation), 42704 (type, role), 3F000 (schema).
#pragma once

#include "binder/binder.hpp"

namespace kadedb {

// REQUIRES: !expr.type.catalog_type.empty().
ExprPtr BindRegCast(Binder& binder, const CastExpression& expr);

}  // namespace kadedb
