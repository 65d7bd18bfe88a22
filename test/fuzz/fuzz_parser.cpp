// libFuzzer target: the parser must turn any bytes into statements or a kadedb::Exception, and
// every parsed query must print (ToString) and deep-copy without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/exception.hpp"
#include "parser/parser.hpp"
#include "parser/statement_splitter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  (void)kadedb::SplitStatements(sql);
  (void)kadedb::IsCompleteStatement(sql);
  try {
    auto stmts = kadedb::Parser::ParseStatements(sql);
    for (const auto& s : stmts) {
      if (s->kind == kadedb::StatementKind::kSelect) {
        const auto& node = *s->Cast<kadedb::SelectStatement>().node;
        (void)node.Copy()->ToString();
      }
    }
  } catch (const kadedb::Exception&) {
  }
  return 0;
}
