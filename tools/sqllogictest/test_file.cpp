// Parser for sqllogictest files: line splitting, loop expansion, record recognition.
#include "test_file.hpp"

#include <fstream>
#include <sstream>

namespace kadedb {

namespace {

struct Line {
  std::string text;
  int number;
};

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string Substitute(std::string text, const std::string& var, const std::string& value) {
  const std::string pattern = "${" + var + "}";
  size_t pos = 0;
  while ((pos = text.find(pattern, pos)) != std::string::npos) {
    text.replace(pos, pattern.size(), value);
    pos += value.size();
  }
  return text;
}

// Expands loop/foreach/endloop blocks (nested allowed). Unbalanced blocks are kept as is.
std::vector<Line> ExpandLoops(const std::vector<Line>& lines) {
  std::vector<Line> out;
  for (size_t i = 0; i < lines.size(); i++) {
    auto words = SplitWords(lines[i].text);
    bool is_loop =
        !words.empty() && (words[0] == "loop" || words[0] == "concurrentloop") && words.size() >= 4;
    bool is_foreach = !words.empty() &&
                      (words[0] == "foreach" || words[0] == "concurrentforeach") &&
                      words.size() >= 3;
    if (!is_loop && !is_foreach) {
      out.push_back(lines[i]);
      continue;
    }
    // Find the matching endloop.
    int depth = 1;
    size_t j = i + 1;
    for (; j < lines.size(); j++) {
      auto w = SplitWords(lines[j].text);
      if (w.empty()) continue;
      if (w[0] == "loop" || w[0] == "concurrentloop" || w[0] == "foreach" ||
          w[0] == "concurrentforeach") {
        depth++;
      } else if (w[0] == "endloop") {
        if (--depth == 0) break;
      }
    }
    if (j >= lines.size()) {  // unbalanced: drop the loop line
      continue;
    }
    std::vector<Line> body(lines.begin() + i + 1, lines.begin() + j);
    std::vector<std::string> values;
    if (is_loop) {
      long from = std::stol(words[2]), to = std::stol(words[3]);
      for (long v = from; v < to; v++) values.push_back(std::to_string(v));
    } else {
      values.assign(words.begin() + 2, words.end());
    }
    for (const auto& v : values) {
      std::vector<Line> copy = body;
      for (auto& l : copy) l.text = Substitute(l.text, words[1], v);
      // Separate iterations so the last record of one does not run into the next.
      copy.push_back(Line{"", lines[j].number});
      for (auto& l : ExpandLoops(copy)) out.push_back(std::move(l));
    }
    i = j;
  }
  return out;
}

bool IsBlank(const std::string& s) {
  return Trim(s).empty();
}

}  // namespace

bool ParseTestFile(const std::string& path, TestFile* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  out->path = path;
  std::vector<Line> raw;
  std::string text;
  int number = 0;
  bool duck = path.find("duckdb") != std::string::npos;
  while (std::getline(in, text)) {
    number++;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.rfind("# name:", 0) == 0 || text.rfind("# group:", 0) == 0) duck = true;
    raw.push_back(Line{text, number});
  }
  out->dialect = duck ? Dialect::kDuckDb : Dialect::kSqlite;
  std::vector<Line> lines = ExpandLoops(raw);

  std::vector<std::string> skipif, onlyif;
  size_t i = 0;
  auto take_block = [&](std::vector<std::string>* sql_lines, std::vector<std::string>* after,
                        bool* saw_separator) {
    // SQL until "----" or a blank line; then the lines after "----" until a blank line.
    *saw_separator = false;
    while (i < lines.size() && !IsBlank(lines[i].text)) {
      if (Trim(lines[i].text) == "----") {
        *saw_separator = true;
        i++;
        break;
      }
      sql_lines->push_back(lines[i].text);
      i++;
    }
    if (*saw_separator) {
      while (i < lines.size() && !IsBlank(lines[i].text)) {
        after->push_back(lines[i].text);
        i++;
      }
    }
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (size_t k = 0; k < v.size(); k++) {
      if (k) s += '\n';
      s += v[k];
    }
    return s;
  };

  while (i < lines.size()) {
    const std::string& t = lines[i].text;
    if (IsBlank(t) || Trim(t)[0] == '#') {
      i++;
      continue;
    }
    auto words = SplitWords(t);
    SltRecord rec;
    rec.line = lines[i].number;
    const std::string& cmd = words[0];
    if (cmd == "skipif" || cmd == "onlyif") {
      if (words.size() > 1) (cmd == "skipif" ? skipif : onlyif).push_back(words[1]);
      i++;
      continue;
    }
    i++;
    if (cmd == "statement") {
      std::string mode = words.size() > 1 ? words[1] : "ok";
      rec.kind = mode == "error"   ? SltRecord::Kind::kStatementError
                 : mode == "maybe" ? SltRecord::Kind::kStatementMaybe
                                   : SltRecord::Kind::kStatementOk;
      std::vector<std::string> sql, after;
      bool sep;
      take_block(&sql, &after, &sep);
      rec.sql = join(sql);
      rec.error_message = Trim(join(after));
    } else if (cmd == "query") {
      rec.kind = SltRecord::Kind::kQuery;
      rec.types = words.size() > 1 ? words[1] : "";
      for (size_t k = 2; k < words.size(); k++) {
        if (words[k] == "rowsort") {
          rec.sort = SortMode::kRowSort;
        } else if (words[k] == "valuesort") {
          rec.sort = SortMode::kValueSort;
        } else if (words[k] == "nosort") {
          rec.sort = SortMode::kNoSort;
        } else {
          rec.label = words[k];
        }
      }
      std::vector<std::string> sql;
      bool sep;
      take_block(&sql, &rec.expected, &sep);
      rec.sql = join(sql);
    } else if (cmd == "hash-threshold") {
      rec.kind = SltRecord::Kind::kHashThreshold;
      rec.threshold = words.size() > 1 ? std::atol(words[1].c_str()) : 0;
    } else if (cmd == "halt") {
      rec.kind = SltRecord::Kind::kHalt;
    } else if (cmd == "mode") {
      std::string m = words.size() > 1 ? words[1] : "";
      if (m == "skip") {
        rec.kind = SltRecord::Kind::kModeSkip;
      } else if (m == "unskip") {
        rec.kind = SltRecord::Kind::kModeUnskip;
      } else {
        skipif.clear();
        onlyif.clear();
        continue;  // output_result and friends: nothing to do
      }
    } else if (cmd == "require" || cmd == "load" || cmd == "require-env") {
      if (out->skip_reason.empty()) out->skip_reason = Trim(t);
      skipif.clear();
      onlyif.clear();
      continue;
    } else if (cmd == "endloop" || cmd == "sleep" || cmd == "set" || cmd == "reset") {
      skipif.clear();
      onlyif.clear();
      continue;
    } else {
      // Unknown command (restart, reconnect, ...): skip its block and count it as skipped.
      rec.kind = SltRecord::Kind::kUnsupported;
      rec.command = Trim(t);
      std::vector<std::string> sql, after;
      bool sep;
      take_block(&sql, &after, &sep);
    }
    rec.skipif = std::move(skipif);
    rec.onlyif = std::move(onlyif);
    skipif.clear();
    onlyif.clear();
    out->records.push_back(std::move(rec));
  }
  return true;
}

}  // namespace kadedb
