// RecordRunner: runs statements and queries and compares their outcome with the expectation.
#include "record_runner.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <regex>
#include <sstream>

#include "common/md5.hpp"

namespace kadedb {

namespace {

constexpr const char* kEngineName = "kadedb";

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

std::vector<std::string> SplitSpaces(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// Reads a boolean the way a cast to BOOLEAN would (true/false, t/f, 1/0, any case).
bool ParseBool(const std::string& s, bool* out) {
  std::string l;
  for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (l == "true" || l == "t" || l == "1") {
    *out = true;
  } else if (l == "false" || l == "f" || l == "0") {
    *out = false;
  } else {
    return false;
  }
  return true;
}

// DuckDB compares a mismatching value again after casting the expected text to the column's
// type: numbers within a small tolerance, booleans written as 1/0.
bool DuckValuesEqual(const std::string& expected, const std::string& got) {
  if (expected == got) return true;
  if (got == "true" || got == "false") {
    bool e;
    return ParseBool(expected, &e) && e == (got == "true");
  }
  double a, b;
  if (ParseDouble(expected, &a) && ParseDouble(got, &b)) {
    if (a == b) return true;
    double scale = std::max({1.0, std::fabs(a), std::fabs(b)});
    return std::fabs(a - b) <= 1e-6 * scale;
  }
  return false;
}

bool MatchHash(const std::string& line, size_t* count, std::string* hash) {
  static const std::regex kHash(R"(^\s*(\d+) values hashing to ([0-9a-fA-F]{32})\s*$)");
  std::smatch m;
  if (!std::regex_match(line, m, kHash)) return false;
  *count = std::stoul(m[1].str());
  *hash = m[2].str();
  std::transform(hash->begin(), hash->end(), hash->begin(), ::tolower);
  return true;
}

std::string Indent(const std::string& s) {
  std::string out = "    ";
  for (char c : s) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

}  // namespace

RecordRunner::RecordRunner(const TestFile& file, Connection* conn, RunnerOptions options,
                           std::function<void(Outcome)> report)
    : file_(file), conn_(conn), options_(options), report_(std::move(report)) {}

bool RecordRunner::Applies(const SltRecord& rec) const {
  for (const auto& e : rec.skipif) {
    if (e == kEngineName) return false;
  }
  for (const auto& e : rec.onlyif) {
    if (e != kEngineName) return false;
  }
  return true;
}

void RecordRunner::PrintFailure(const SltRecord& rec, const std::string& why) const {
  if (!options_.verbose) return;
  std::ostringstream out;
  out << "FAIL " << file_.path << ":" << rec.line << "\n" << Indent(rec.sql) << "\n" << why;
  if (why.empty() || why.back() != '\n') out << "\n";
  std::cout << out.str() << std::flush;
}

void RecordRunner::Run() {
  bool skipping = false;  // DuckDB "mode skip"
  for (const SltRecord& rec : file_.records) {
    switch (rec.kind) {
      case SltRecord::Kind::kHashThreshold:
        hash_threshold_ = rec.threshold;
        continue;
      case SltRecord::Kind::kModeSkip:
        skipping = true;
        continue;
      case SltRecord::Kind::kModeUnskip:
        skipping = false;
        continue;
      case SltRecord::Kind::kHalt:
        if (Applies(rec)) {
          report_(Outcome::kHalted);
          return;
        }
        continue;
      default:
        break;
    }
    if (!rec.skip_by_list.empty() && rec.Counts()) {
      if (options_.verbose) {
        std::cout << "SKIP " << file_.path << ":" << rec.line
                  << " skipped by list: " << rec.skip_by_list << "\n";
      }
      report_(Outcome::kSkipped);
      continue;
    }
    if (skipping || !Applies(rec) || rec.kind == SltRecord::Kind::kUnsupported) {
      report_(Outcome::kSkipped);
      continue;
    }
    std::string why;
    bool ok = rec.kind == SltRecord::Kind::kQuery ? RunQuery(rec, &why) : RunStatement(rec, &why);
    if (!ok) PrintFailure(rec, why);
    report_(ok ? Outcome::kPassed : Outcome::kFailed);
    if (!ok && options_.fail_fast) return;
  }
}

bool RecordRunner::RunStatement(const SltRecord& rec, std::string* why) {
  Result r = conn_->Query(rec.sql);
  switch (rec.kind) {
    case SltRecord::Kind::kStatementMaybe:
      return true;
    case SltRecord::Kind::kStatementOk:
      if (!r.ok()) *why = "expected success, got " + r.status().ToString();
      return r.ok();
    default:
      break;
  }
  // statement error
  if (r.ok()) {
    *why = "expected an error, but the statement succeeded";
    return false;
  }
  const std::string& expected = rec.error_message;
  if (expected.empty()) return true;
  std::string full = r.status().ToString();
  bool matched;
  if (expected.rfind("<REGEX>:", 0) == 0 || expected.rfind("<!REGEX>:", 0) == 0) {
    bool negate = expected[1] == '!';
    std::string pattern = expected.substr(negate ? 9 : 8);
    try {
      std::regex re(pattern, std::regex::ECMAScript | std::regex::multiline);
      matched = std::regex_search(full, re) != negate;
    } catch (const std::regex_error&) {
      matched = false;
    }
  } else {
    matched = full.find(expected) != std::string::npos;
  }
  if (!matched && file_.dialect == Dialect::kDuckDb) {
    // Messages written for DuckDB carry its error classes ("Binder Error: ..."); their wording
    // is that engine's own, so only the fact that the statement fails is checked.
    static const std::regex kDuckClass(R"(^(<!?REGEX>:.*)?[A-Z][A-Za-z ]* Error)");
    if (std::regex_search(expected, kDuckClass)) matched = true;
  }
  if (!matched) *why = "expected error containing: " + expected + "\ngot: " + full;
  return matched;
}

bool RecordRunner::RunQuery(const SltRecord& rec, std::string* why) {
  Result r = conn_->Query(rec.sql);
  if (!r.ok()) {
    *why = "query failed: " + r.status().ToString();
    return false;
  }
  const size_t ncols = r.ColumnCount();
  if (!rec.types.empty() && rec.types.size() != ncols) {
    *why =
        "expected " + std::to_string(rec.types.size()) + " columns, got " + std::to_string(ncols);
    return false;
  }
  const bool duck = file_.dialect == Dialect::kDuckDb;
  // Render every value.
  std::vector<std::vector<std::string>> rows;
  for (size_t c = 0; c < r.ChunkCount(); c++) {
    const DataChunk& chunk = r.Chunk(c);
    for (size_t i = 0; i < chunk.size(); i++) {
      std::vector<std::string> row;
      row.reserve(ncols);
      for (size_t col = 0; col < ncols; col++) {
        Value v = chunk.GetValue(col, i);
        char type = col < rec.types.size() ? rec.types[col] : 'T';
        row.push_back(duck ? FormatDuckDbValue(v) : FormatSqliteValue(v, type));
      }
      rows.push_back(std::move(row));
    }
  }
  if (rec.sort == SortMode::kRowSort) std::sort(rows.begin(), rows.end());
  std::vector<std::string> values;
  for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
  if (rec.sort == SortMode::kValueSort) std::sort(values.begin(), values.end());

  auto show_got = [&]() {
    std::string s = "got:\n";
    size_t shown = 0;
    for (const auto& row : rows) {
      if (++shown > 50) {
        s += "    ...\n";
        break;
      }
      s += "    ";
      for (size_t k = 0; k < row.size(); k++) s += (k ? "\t" : "") + row[k];
      s += "\n";
    }
    return s;
  };
  auto show_expected = [&]() {
    std::string s = "expected:\n";
    for (size_t k = 0; k < rec.expected.size() && k < 50; k++) s += "    " + rec.expected[k] + "\n";
    return s;
  };

  // "N values hashing to X"
  size_t hash_count;
  std::string hash;
  if (rec.expected.size() == 1 && MatchHash(rec.expected[0], &hash_count, &hash)) {
    Md5 md5;
    for (const auto& v : values) {
      md5.Update(v);
      md5.Update("\n");
    }
    std::string got = md5.HexDigest();
    if (values.size() == hash_count && got == hash) return true;
    *why = show_expected() + "got: " + std::to_string(values.size()) + " values hashing to " + got +
           "\n" + show_got();
    return false;
  }

  // DuckDB: one row per line, tab-separated (spaces tolerated when unambiguous).
  if (duck && rec.sort != SortMode::kValueSort && ncols > 1) {
    bool row_wise = rec.expected.size() == rows.size();
    std::vector<std::vector<std::string>> expected_rows;
    for (const auto& line : rec.expected) {
      auto cells = SplitTabs(line);
      if (cells.size() != ncols) cells = SplitSpaces(line);
      if (cells.size() != ncols) row_wise = false;
      expected_rows.push_back(std::move(cells));
    }
    if (row_wise) {
      for (size_t i = 0; i < rows.size(); i++) {
        for (size_t c = 0; c < ncols; c++) {
          if (!DuckValuesEqual(expected_rows[i][c], rows[i][c])) {
            *why = "row " + std::to_string(i + 1) + " column " + std::to_string(c + 1) +
                   ": expected " + expected_rows[i][c] + ", got " + rows[i][c] + "\n" +
                   show_expected() + show_got();
            return false;
          }
        }
      }
      return true;
    }
  }
  // One value per line (SQLite; DuckDB single column or valuesort).
  std::vector<std::string> expected_values;
  for (const auto& line : rec.expected) {
    if (duck && ncols > 1 && rec.expected.size() * ncols == values.size()) {
      for (auto& cell : SplitTabs(line)) expected_values.push_back(cell);
    } else {
      expected_values.push_back(line);
    }
  }
  if (expected_values.size() != values.size()) {
    *why = "expected " + std::to_string(expected_values.size()) + " values, got " +
           std::to_string(values.size()) + "\n" + show_expected() + show_got();
    return false;
  }
  for (size_t i = 0; i < values.size(); i++) {
    bool equal =
        duck ? DuckValuesEqual(expected_values[i], values[i]) : expected_values[i] == values[i];
    if (!equal) {
      *why = "value " + std::to_string(i + 1) + ": expected " + expected_values[i] + ", got " +
             values[i] + "\n" + show_expected() + show_got();
      return false;
    }
  }
  return true;
}

}  // namespace kadedb
