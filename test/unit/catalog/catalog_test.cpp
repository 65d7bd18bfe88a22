// Catalog: persistence across reopen, rollback of DDL, PostgreSQL errors (SQLSTATE + wording),
// shared relation namespace, view dependencies, ALTER TABLE, and unique constraints enforced
// through the tables' storage.
#include "catalog/catalog.hpp"

#include <gtest/gtest.h>

#include "../storage/storage_test_util.hpp"
#include "common/exception.hpp"

namespace kadedb {
namespace {

TableEntry MakeTable(const std::string& name, bool with_pk = true) {
  TableEntry t;
  t.name = name;
  t.columns.push_back(CatalogColumn{"id", TypeId::kInteger, true, ""});
  t.columns.push_back(CatalogColumn{"name", TypeId::kText, false, "'x'"});
  t.checks.push_back(CheckConstraint{name + "_id_check", "id > 0"});
  if (with_pk) {
    UniqueConstraint pk;
    pk.columns = {0};
    pk.primary = true;
    t.uniques.push_back(pk);
  }
  return t;
}

ViewEntry MakeView(const std::string& name, std::vector<uint64_t> deps) {
  ViewEntry v;
  v.name = name;
  v.sql = "SELECT id FROM t";
  v.column_names = {"id"};
  v.column_types = {TypeId::kInteger};
  v.depends_on = std::move(deps);
  return v;
}

// Runs fn and returns the SQLSTATE and message of the Exception it throws ("" if none).
template <typename Fn>
std::pair<std::string, std::string> ErrorOf(Fn fn) {
  try {
    fn();
  } catch (const Exception& e) {
    return {e.sqlstate(), e.what()};
  }
  return {"", ""};
}

TEST(CatalogTest, FreshDatabaseHasPublicAndReservedSchemas) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  Catalog catalog(*engine);
  EXPECT_NE(catalog.GetSchema("public"), nullptr);
  EXPECT_NE(catalog.GetSchema("pg_catalog"), nullptr);
  auto txn = engine->BeginTransaction();
  auto err = ErrorOf([&] { catalog.CreateSchema(*txn, "information_schema", false); });
  EXPECT_EQ(err.first, "42P06");
  EXPECT_EQ(err.second, "schema \"information_schema\" already exists");
  catalog.CreateSchema(*txn, "information_schema", true);  // IF NOT EXISTS: no error
}

TEST(CatalogTest, PersistsAcrossReopen) {
  TempDbDir dir;
  uint64_t table_oid;
  {
    auto engine = OpenOrDie(dir.path());
    Catalog catalog(*engine);
    auto txn = engine->BeginTransaction();
    catalog.CreateSchema(*txn, "s", false);
    TableEntry* t = catalog.CreateTable(*txn, MakeTable("t"), false);
    ASSERT_NE(t, nullptr);
    table_oid = t->oid;
    EXPECT_EQ(t->uniques[0].name, "t_pkey");
    catalog.CreateIndex(*txn, *t, "", {1}, false, false);
    catalog.CreateView(*txn, MakeView("v", {t->oid}), false);
    TableEntry s_t = MakeTable("t2", false);
    s_t.schema_name = "s";
    catalog.CreateTable(*txn, std::move(s_t), false);
    DataChunk rows({TypeId::kInteger, TypeId::kText});
    rows.AppendRow({Value::Integer(1), Value::Text("one")});
    t->storage->Append(*txn, rows, nullptr);
    txn->Commit();
  }
  auto engine = OpenOrDie(dir.path());
  Catalog catalog(*engine);
  TableEntry* t = catalog.GetTable("", "t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->oid, table_oid);
  EXPECT_EQ(t->schema_name, "public");
  ASSERT_EQ(t->columns.size(), 2u);
  EXPECT_EQ(t->columns[1].default_sql, "'x'");
  EXPECT_TRUE(t->columns[0].not_null);
  EXPECT_EQ(t->checks.size(), 1u);
  ASSERT_EQ(t->uniques.size(), 1u);
  EXPECT_TRUE(t->uniques[0].primary);
  EXPECT_NE(catalog.GetIndex("public", "t_pkey"), nullptr);
  EXPECT_NE(catalog.GetIndex("", "t_name_idx"), nullptr);
  EXPECT_EQ(catalog.Indexes(t->oid).size(), 2u);
  ViewEntry* v = catalog.GetView("", "v");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->depends_on, std::vector<uint64_t>{table_oid});
  EXPECT_NE(catalog.GetTable("s", "t2"), nullptr);
  EXPECT_EQ(catalog.GetTable("", "t2"), nullptr);
  // The primary key still works on the reloaded storage.
  auto txn = engine->BeginTransaction();
  DataChunk dup({TypeId::kInteger, TypeId::kText});
  dup.AppendRow({Value::Integer(1), Value::Text("again")});
  try {
    t->storage->Append(*txn, dup, nullptr);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_STREQ(e.what(), "duplicate key value violates unique constraint \"t_pkey\"");
    EXPECT_EQ(e.detail(), "Key (id)=(1) already exists.");
  }
  // New oids never collide with reloaded ones.
  TableEntry* t3 = catalog.CreateTable(*txn, MakeTable("t3"), false);
  EXPECT_GT(t3->oid, table_oid);
}

TEST(CatalogTest, RollbackUndoesDdl) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  Catalog catalog(*engine);
  {
    auto txn = engine->BeginTransaction();
    catalog.CreateTable(*txn, MakeTable("keep"), false);
    txn->Commit();
  }
  uint64_t v0 = catalog.version();
  {
    auto txn = engine->BeginTransaction();
    TableEntry* t = catalog.CreateTable(*txn, MakeTable("gone"), false);
    catalog.CreateIndex(*txn, *t, "gone_idx", {1}, false, false);
    TableEntry* keep = catalog.GetTable("", "keep");
    catalog.AddColumn(*txn, *keep, CatalogColumn{"extra", TypeId::kBigInt}, Value::BigInt(5));
    catalog.RenameTable(*txn, *keep, "kept");
    catalog.DropTable(*txn, "", "kept", false, false);
    EXPECT_NE(catalog.GetTable("", "gone"), nullptr);  // visible inside the transaction
    EXPECT_EQ(catalog.GetTable("", "kept"), nullptr);
    txn->Rollback();
  }
  EXPECT_NE(catalog.version(), v0);
  EXPECT_EQ(catalog.GetTable("", "gone"), nullptr);
  EXPECT_EQ(catalog.GetIndex("", "gone_idx"), nullptr);
  TableEntry* keep = catalog.GetTable("", "keep");
  ASSERT_NE(keep, nullptr);
  EXPECT_EQ(keep->columns.size(), 2u);
  EXPECT_EQ(keep->storage->types().size(), 2u);
  EXPECT_NE(catalog.GetIndex("", "keep_pkey"), nullptr);

  // A statement-level rollback (savepoint) undoes only that statement's changes.
  auto txn = engine->BeginTransaction();
  catalog.CreateTable(*txn, MakeTable("a"), false);
  txn->SetSavePoint();
  catalog.CreateTable(*txn, MakeTable("b"), false);
  txn->RollbackToSavePoint();
  EXPECT_NE(catalog.GetTable("", "a"), nullptr);
  EXPECT_EQ(catalog.GetTable("", "b"), nullptr);
  txn->Commit();
  EXPECT_NE(catalog.GetTable("", "a"), nullptr);
}

TEST(CatalogTest, PostgresErrors) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  Catalog catalog(*engine);
  auto txn = engine->BeginTransaction();
  TableEntry* t = catalog.CreateTable(*txn, MakeTable("t"), false);
  EXPECT_EQ(catalog.CreateTable(*txn, MakeTable("t"), true), nullptr);
  EXPECT_EQ(ErrorOf([&] { catalog.CreateTable(*txn, MakeTable("t"), false); }),
            (std::pair<std::string, std::string>{"42P07", "relation \"t\" already exists"}));
  EXPECT_EQ(ErrorOf([&] { catalog.CreateView(*txn, MakeView("t", {}), false); }).first, "42P07");
  EXPECT_EQ(ErrorOf([&] { catalog.CreateIndex(*txn, *t, "t", {0}, false, false); }).first, "42P07");
  EXPECT_EQ(ErrorOf([&] { catalog.DropTable(*txn, "", "nope", false, false); }),
            (std::pair<std::string, std::string>{"42P01", "table \"nope\" does not exist"}));
  catalog.DropTable(*txn, "", "nope", true, false);
  TableEntry in_missing = MakeTable("x");
  in_missing.schema_name = "nosuch";
  EXPECT_EQ(ErrorOf([&] { catalog.CreateTable(*txn, std::move(in_missing), false); }),
            (std::pair<std::string, std::string>{"3F000", "schema \"nosuch\" does not exist"}));
  EXPECT_EQ(ErrorOf([&] { catalog.DropColumn(*txn, *t, "zz"); }).first, "42703");
  EXPECT_EQ(ErrorOf([&] { catalog.RenameColumn(*txn, *t, "zz", "y"); }).first, "42703");
  EXPECT_EQ(ErrorOf([&] { catalog.RenameColumn(*txn, *t, "id", "name"); }).first, "42701");
  EXPECT_EQ(ErrorOf([&] {
              catalog.AddColumn(*txn, *t, CatalogColumn{"name", TypeId::kText}, Value());
            }).first,
            "42701");
  TableEntry dupcols = MakeTable("d", false);
  dupcols.columns.push_back(CatalogColumn{"id", TypeId::kText});
  EXPECT_EQ(ErrorOf([&] { catalog.CreateTable(*txn, std::move(dupcols), false); }).first, "42701");
  EXPECT_EQ(ErrorOf([&] { catalog.DropIndex(*txn, "", "t_pkey", false); }).first, "2BP01");
  catalog.CreateView(*txn, MakeView("v", {t->oid}), false);
  EXPECT_EQ(ErrorOf([&] { catalog.DropTable(*txn, "", "v", false, false); }).first, "42809");
  EXPECT_EQ(ErrorOf([&] { catalog.DropView(*txn, "", "t", false); }).first, "42809");
}

TEST(CatalogTest, ViewDependenciesAndCascade) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  Catalog catalog(*engine);
  auto txn = engine->BeginTransaction();
  TableEntry* t = catalog.CreateTable(*txn, MakeTable("t"), false);
  uint64_t t_oid = t->oid;
  catalog.CreateView(*txn, MakeView("v1", {t_oid}), false);
  catalog.CreateView(*txn, MakeView("v2", {catalog.GetView("", "v1")->oid}), false);
  auto err = ErrorOf([&] { catalog.DropTable(*txn, "", "t", false, false); });
  EXPECT_EQ(err.first, "2BP01");
  EXPECT_EQ(err.second, "cannot drop table t because other objects depend on it");
  EXPECT_EQ(ErrorOf([&] { catalog.DropView(*txn, "", "v1", false); }).first, "2BP01");
  catalog.DropTable(*txn, "", "t", false, true);
  EXPECT_EQ(catalog.GetView("", "v1"), nullptr);
  EXPECT_EQ(catalog.GetView("", "v2"), nullptr);
  EXPECT_EQ(catalog.GetTable("", "t"), nullptr);
  EXPECT_EQ(catalog.GetIndex("", "t_pkey"), nullptr);

  catalog.CreateSchema(*txn, "s", false);
  TableEntry st = MakeTable("st");
  st.schema_name = "s";
  catalog.CreateTable(*txn, std::move(st), false);
  err = ErrorOf([&] { catalog.DropSchema(*txn, "s", false, false); });
  EXPECT_EQ(err.first, "2BP01");
  EXPECT_EQ(err.second, "cannot drop schema s because other objects depend on it");
  catalog.DropSchema(*txn, "s", false, true);
  EXPECT_EQ(catalog.GetSchema("s"), nullptr);
  EXPECT_EQ(catalog.GetTable("s", "st"), nullptr);
  EXPECT_EQ(ErrorOf([&] { catalog.DropSchema(*txn, "s", false, false); }).first, "3F000");
  txn->Commit();
}

TEST(CatalogTest, AlterTableKeepsIndexesConsistent) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  Catalog catalog(*engine);
  auto txn = engine->BeginTransaction();
  TableEntry entry = MakeTable("t", false);
  entry.columns.push_back(CatalogColumn{"code", TypeId::kInteger});
  UniqueConstraint u;
  u.columns = {2};
  entry.uniques.push_back(u);
  TableEntry* t = catalog.CreateTable(*txn, std::move(entry), false);
  EXPECT_EQ(t->uniques[0].name, "t_code_key");
  DataChunk rows({TypeId::kInteger, TypeId::kText, TypeId::kInteger});
  rows.AppendRow({Value::Integer(1), Value::Text("a"), Value::Integer(10)});
  t->storage->Append(*txn, rows, nullptr);
  catalog.DropColumn(*txn, *t, "name");  // index on code shifts from column 2 to 1
  catalog.RenameColumn(*txn, *t, "code", "k");
  EXPECT_EQ(catalog.GetIndex("", "t_code_key")->info.columns, std::vector<column_t>{1});
  DataChunk dup({TypeId::kInteger, TypeId::kInteger});
  dup.AppendRow({Value::Integer(2), Value::Integer(10)});
  try {
    t->storage->Append(*txn, dup, nullptr);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.detail(), "Key (k)=(10) already exists.");
  }
  txn->Rollback();
  EXPECT_EQ(catalog.GetTable("", "t"), nullptr);
}

}  // namespace
}  // namespace kadedb
