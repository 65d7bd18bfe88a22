// PrintError: turns Status::position() (1-based character offset) into a line and a caret.
#include "error_printer.hpp"

#include <iostream>

#include <string>

namespace kadedb {

namespace {

bool IsContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

void PrintError(const Status& status, std::string_view sql, std::ostream& out) {
  std::cout.flush();  // results printed before the error come first, even when both are piped
  out << "ERROR " << status.sqlstate() << ": " << status.message() << "\n";
  int position = status.position();
  if (position > 0 && !sql.empty()) {
    // Walk to the position-th character (UTF-8 code points), tracking line starts.
    size_t line_start = 0, byte = 0;
    int line = 1, chars = 0;
    while (byte < sql.size()) {
      if (!IsContinuation(sql[byte])) {
        if (++chars == position) break;
      }
      if (sql[byte] == '\n') {
        line++;
        line_start = byte + 1;
      }
      byte++;
    }
    if (byte > sql.size()) byte = sql.size();
    size_t line_end = sql.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = sql.size();
    std::string_view text = sql.substr(line_start, line_end - line_start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    std::string prefix = "LINE " + std::to_string(line) + ": ";
    out << prefix << text << "\n";
    std::string caret(prefix.size(), ' ');
    for (size_t k = line_start; k < byte && k < line_end; k++) {
      if (IsContinuation(sql[k])) continue;
      caret += sql[k] == '\t' ? '\t' : ' ';
    }
    out << caret << "^\n";
  }
  if (!status.detail().empty()) out << "DETAIL: " << status.detail() << "\n";
  if (!status.hint().empty()) out << "HINT: " << status.hint() << "\n";
}

}  // namespace kadedb
