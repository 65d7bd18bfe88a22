// pg_type, pg_am, pg_settings, pg_description, pg_proc, pg_collation, and the catalogs psql
// consults that KadeDB has nothing for (pg_policy, pg_statistic_ext, pg_publication*,
// pg_trigger, pg_rewrite, pg_sequence, pg_extension, pg_foreign_table...): empty, with their
// columns, so psql's queries bind.
#include "catalog/pg_types.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/system_view_builders.hpp"

namespace kadedb {

namespace {

const LogicalType kText = TypeId::kText;

void PgType(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"oid", kOidType},
                 {"typname", kNameType},
                 {"typnamespace", kOidType},
                 {"typowner", kOidType},
                 {"typlen", TypeId::kSmallInt},
                 {"typbyval", TypeId::kBoolean},
                 {"typtype", kCharType},
                 {"typcategory", kCharType},
                 {"typispreferred", TypeId::kBoolean},
                 {"typisdefined", TypeId::kBoolean},
                 {"typdelim", kCharType},
                 {"typrelid", kOidType},
                 {"typsubscript", kText},
                 {"typelem", kOidType},
                 {"typarray", kOidType},
                 {"typinput", kText},
                 {"typoutput", kText},
                 {"typreceive", kText},
                 {"typsend", kText},
                 {"typalign", kCharType},
                 {"typstorage", kCharType},
                 {"typnotnull", TypeId::kBoolean},
                 {"typbasetype", kOidType},
                 {"typtypmod", TypeId::kInteger},
                 {"typndims", TypeId::kInteger},
                 {"typcollation", kOidType},
                 {"typdefault", kText},
                 {"typacl", kTextArray}});
  for (const PgTypeInfo& t : PgBuiltinTypes()) {
    bool array = t.name[0] == '_';
    bool collatable = t.oid == 25 || t.oid == 1043 || t.oid == 1009 || t.oid == 1015;
    std::string io = array ? "array" : t.name;
    r.rows.push_back({OidValue(t.oid),
                      TextValue(t.name),
                      OidValue(11),
                      OidValue(kBootstrapRoleOid),
                      Int2Value(t.length),
                      BoolValue(t.length > 0 && t.length <= 8),
                      TextValue("b"),
                      TextValue(std::string(1, t.category)),
                      BoolValue(t.oid == 25 || t.oid == 701 || t.oid == 16 || t.oid == 1184),
                      BoolValue(true),
                      TextValue(","),
                      OidValue(0),
                      TextValue(array ? "array_subscript_handler" : "-"),
                      OidValue(t.element),
                      OidValue(t.array),
                      TextValue(io + "_in"),
                      TextValue(io + "_out"),
                      TextValue(io + "_recv"),
                      TextValue(io + "_send"),
                      TextValue(t.length == 8   ? "d"
                                : t.length == 2 ? "s"
                                : t.length == 1 ? "c"
                                                : "i"),
                      TextValue(t.length > 0 ? "p" : "x"),
                      BoolValue(false),
                      OidValue(0),
                      Int4Value(-1),
                      Int4Value(0),
                      OidValue(collatable ? 100 : 0),
                      NullOf(kText),
                      NullOf(kTextArray)});
  }
}

void PgAm(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(
      r, {{"oid", kOidType}, {"amname", kNameType}, {"amhandler", kText}, {"amtype", kCharType}});
  r.rows.push_back(
      {OidValue(2), TextValue("heap"), TextValue("heap_tableam_handler"), TextValue("t")});
  r.rows.push_back({OidValue(403), TextValue("btree"), TextValue("bthandler"), TextValue("i")});
}

void PgSettings(Catalog&, const SystemViewContext& context, SystemRelation& r) {
  SetColumns(r, {{"name", kText},
                 {"setting", kText},
                 {"unit", kText},
                 {"category", kText},
                 {"short_desc", kText},
                 {"extra_desc", kText},
                 {"context", kText},
                 {"vartype", kText},
                 {"source", kText},
                 {"min_val", kText},
                 {"max_val", kText},
                 {"enumvals", kText},
                 {"boot_val", kText},
                 {"reset_val", kText},
                 {"sourcefile", kText},
                 {"sourceline", TypeId::kInteger},
                 {"pending_restart", TypeId::kBoolean}});
  std::string search_path;
  for (size_t i = 0; i < context.search_path.size(); i++) {
    search_path += (i ? ", " : "") + context.search_path[i];
  }
  struct Setting {
    const char* name;
    std::string value;
    const char* vartype;
    const char* description;
  };
  const Setting settings[] = {
      {"application_name", "", "string", "Sets the application name to be reported."},
      {"client_encoding", "UTF8", "string", "Sets the client's character set encoding."},
      {"DateStyle", "ISO, MDY", "string", "Sets the display format for date and time values."},
      {"default_transaction_isolation", "read committed", "enum",
       "Sets the transaction isolation level of each new transaction."},
      {"integer_datetimes", "on", "bool", "Shows whether datetimes are integer based."},
      {"max_connections", "100", "integer", "Sets the maximum number of concurrent connections."},
      {"search_path", search_path, "string",
       "Sets the schema search order for names that are not schema-qualified."},
      {"server_encoding", "UTF8", "string", "Shows the server (database) character set encoding."},
      {"server_version", "15.0", "string", "Shows the server version."},
      {"server_version_num", "150000", "integer", "Shows the server version as an integer."},
      {"standard_conforming_strings", "on", "bool",
       "Causes '...' strings to treat backslashes literally."},
      {"statement_timeout", "0", "integer", "Sets the maximum allowed duration of any statement."},
      {"TimeZone", "UTC", "string",
       "Sets the time zone for displaying and interpreting time stamps."},
  };
  for (const Setting& s : settings) {
    r.rows.push_back({TextValue(s.name), TextValue(s.value), NullOf(kText), TextValue(""),
                      TextValue(s.description), NullOf(kText), TextValue("user"),
                      TextValue(s.vartype), TextValue("default"), NullOf(kText), NullOf(kText),
                      NullOf(kText), TextValue(s.value), TextValue(s.value), NullOf(kText),
                      NullOf(TypeId::kInteger), BoolValue(false)});
  }
}

void PgDescription(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"objoid", kOidType},
                 {"classoid", kOidType},
                 {"objsubid", TypeId::kInteger},
                 {"description", kText}});
}

void PgShdescription(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"objoid", kOidType}, {"classoid", kOidType}, {"description", kText}});
}

void PgProc(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"oid", kOidType},
                 {"proname", kNameType},
                 {"pronamespace", kOidType},
                 {"proowner", kOidType},
                 {"prolang", kOidType},
                 {"prokind", kCharType},
                 {"proretset", TypeId::kBoolean},
                 {"prorettype", kOidType},
                 {"pronargs", TypeId::kSmallInt},
                 {"proargtypes", kText},
                 {"prosrc", kText}});
}

void PgCollation(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"oid", kOidType},
                 {"collname", kNameType},
                 {"collnamespace", kOidType},
                 {"collowner", kOidType},
                 {"collprovider", kCharType},
                 {"collisdeterministic", TypeId::kBoolean},
                 {"collencoding", TypeId::kInteger},
                 {"collcollate", kText},
                 {"collctype", kText}});
  for (auto [oid, name, provider] :
       {std::tuple<uint64_t, const char*, const char*>{100, "default", "d"},
        {950, "C", "c"},
        {951, "POSIX", "c"}}) {
    bool def = oid == 100;
    r.rows.push_back({OidValue(oid), TextValue(name), OidValue(11), OidValue(kBootstrapRoleOid),
                      TextValue(provider), BoolValue(true), Int4Value(-1),
                      def ? NullOf(kText) : TextValue(name),
                      def ? NullOf(kText) : TextValue(name)});
  }
}

// Catalogs with no rows in KadeDB: their columns only.
SystemViewBuilder Empty(std::initializer_list<std::pair<const char*, LogicalType>> columns) {
  std::vector<std::pair<const char*, LogicalType>> cols(columns);
  return [cols](Catalog&, const SystemViewContext&, SystemRelation& r) {
    for (auto& [name, type] : cols) {
      r.names.push_back(name);
      r.types.push_back(type);
    }
  };
}

}  // namespace

void AddPgMiscViews(SystemViewMap& views) {
  views["pg_type"] = PgType;
  views["pg_am"] = PgAm;
  views["pg_settings"] = PgSettings;
  views["pg_description"] = PgDescription;
  views["pg_shdescription"] = PgShdescription;
  views["pg_proc"] = PgProc;
  views["pg_collation"] = PgCollation;
  views["pg_policy"] = Empty({{"oid", kOidType},
                              {"polname", kNameType},
                              {"polrelid", kOidType},
                              {"polcmd", kCharType},
                              {"polpermissive", TypeId::kBoolean},
                              {"polroles", kOidArray},
                              {"polqual", kText},
                              {"polwithcheck", kText}});
  views["pg_statistic_ext"] = Empty({{"oid", kOidType},
                                     {"stxrelid", kOidType},
                                     {"stxname", kNameType},
                                     {"stxnamespace", kOidType},
                                     {"stxowner", kOidType},
                                     {"stxstattarget", TypeId::kInteger},
                                     {"stxkeys", kInt2Array},
                                     {"stxkind", kTextArray},
                                     {"stxexprs", kText}});
  views["pg_publication"] = Empty({{"oid", kOidType},
                                   {"pubname", kNameType},
                                   {"pubowner", kOidType},
                                   {"puballtables", TypeId::kBoolean},
                                   {"pubinsert", TypeId::kBoolean},
                                   {"pubupdate", TypeId::kBoolean},
                                   {"pubdelete", TypeId::kBoolean},
                                   {"pubtruncate", TypeId::kBoolean},
                                   {"pubviaroot", TypeId::kBoolean}});
  views["pg_publication_namespace"] =
      Empty({{"oid", kOidType}, {"pnpubid", kOidType}, {"pnnspid", kOidType}});
  views["pg_publication_rel"] = Empty({{"oid", kOidType},
                                       {"prpubid", kOidType},
                                       {"prrelid", kOidType},
                                       {"prqual", kText},
                                       {"prattrs", kInt2Array}});
  views["pg_trigger"] = Empty({{"oid", kOidType},
                               {"tgrelid", kOidType},
                               {"tgparentid", kOidType},
                               {"tgname", kNameType},
                               {"tgfoid", kOidType},
                               {"tgtype", TypeId::kSmallInt},
                               {"tgenabled", kCharType},
                               {"tgisinternal", TypeId::kBoolean}});
  views["pg_rewrite"] = Empty(
      {{"oid", kOidType}, {"rulename", kNameType}, {"ev_class", kOidType}, {"ev_type", kCharType}});
  views["pg_sequence"] = Empty({{"seqrelid", kOidType},
                                {"seqtypid", kOidType},
                                {"seqstart", TypeId::kBigInt},
                                {"seqincrement", TypeId::kBigInt},
                                {"seqmax", TypeId::kBigInt},
                                {"seqmin", TypeId::kBigInt},
                                {"seqcache", TypeId::kBigInt},
                                {"seqcycle", TypeId::kBoolean}});
  views["pg_extension"] = Empty({{"oid", kOidType},
                                 {"extname", kNameType},
                                 {"extowner", kOidType},
                                 {"extnamespace", kOidType},
                                 {"extrelocatable", TypeId::kBoolean},
                                 {"extversion", kText}});
  views["pg_foreign_table"] =
      Empty({{"ftrelid", kOidType}, {"ftserver", kOidType}, {"ftoptions", kText}});
  views["pg_partitioned_table"] =
      Empty({{"partrelid", kOidType}, {"partstrat", kCharType}, {"partnatts", TypeId::kSmallInt}});
  views["pg_event_trigger"] =
      Empty({{"oid", kOidType}, {"evtname", kNameType}, {"evtevent", kNameType}});
  views["pg_language"] = Empty({{"oid", kOidType}, {"lanname", kNameType}});
  views["pg_enum"] = Empty({{"oid", kOidType},
                            {"enumtypid", kOidType},
                            {"enumsortorder", TypeId::kReal},
                            {"enumlabel", kNameType}});
  views["pg_range"] = Empty({{"rngtypid", kOidType}, {"rngsubtype", kOidType}});
}

}  // namespace kadedb
