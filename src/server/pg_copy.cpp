// COPY ... FROM STDIN / TO STDOUT over the protocol: CopyInResponse, CopyData, CopyDone,
// CopyFail, CopyOutResponse (pg_session.hpp).
//
// The engine copies from and to files (CSV reader/writer, src/execution/copy_csv.cpp), so the
// session spools: COPY FROM STDIN streams the client's CopyData into a private temporary file and
// runs the statement with STDIN replaced by that file; COPY TO STDOUT runs into a temporary file
// and streams it back as CopyData. PostgreSQL's text format (backslash escapes, \N for NULL) is
// translated to and from the engine's CSV on the way, so every field is quoted exactly when its
// meaning needs it. COPY BINARY is not supported (0A000).
#include <fcntl.h>
#include <strings.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>

#include "binder/bind_privileges.hpp"
#include "common/exception.hpp"
#include "server/pg_session.hpp"

namespace kadedb {

namespace {

struct CopyRequest {
  bool from_stdin = false;
  bool csv = false;
  char delimiter = '\t';
  std::string head, tail;  // the statement around STDIN/STDOUT
  std::string Rewrite(const std::string& path) const { return head + " '" + path + "'" + tail; }
};

// Recognises COPY ... FROM STDIN / TO STDOUT (false for anything else, COPY with files included).
bool ParseCopy(const std::string& sql, CopyRequest* out) {
  // The first word must be COPY: checked by hand, as this runs for every statement of both
  // protocols and a regex over the whole text would cost every query.
  size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) i++;
  if (sql.size() - i < 4 || strncasecmp(sql.c_str() + i, "copy", 4) != 0) return false;
  if (i + 4 < sql.size()) {
    unsigned char next = static_cast<unsigned char>(sql[i + 4]);
    if (std::isalnum(next) || next == '_') return false;
  }
  static const std::regex kStdio(R"(\b(from|to)\s+(stdin|stdout)\b)", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(sql, m, kStdio)) return false;
  std::string direction = m[1].str();
  out->from_stdin = std::tolower(static_cast<unsigned char>(direction[0])) == 'f';
  std::string tail = m.suffix().str();
  static const std::regex kCsv(R"(\bcsv\b)", std::regex::icase);
  static const std::regex kBinary(R"(\bbinary\b)", std::regex::icase);
  if (std::regex_search(tail, kBinary)) throw Exception("0A000", "COPY BINARY is not supported");
  out->csv = std::regex_search(tail, kCsv);
  out->delimiter = out->csv ? ',' : '\t';
  static const std::regex kDelimiter(R"(\bdelimiter\s+(?:as\s+)?E?'([^'\\]|\\t)')",
                                     std::regex::icase);
  std::smatch d;
  if (std::regex_search(tail, d, kDelimiter)) {
    out->delimiter = d[1].str() == "\\t" ? '\t' : d[1].str()[0];
  }
  out->head = m.prefix().str() + m[1].str();
  out->tail = tail;
  return true;
}

// One line of PostgreSQL text format -> one CSV record the engine reads (every non-NULL field
// quoted, NULL as the bare \N the binder uses as the text format's null string).
void TextLineToCsv(const std::string& line, char delimiter, std::string& out) {
  size_t i = 0;
  bool first = true;
  while (true) {
    std::string field;
    bool is_null = false;
    size_t start = i;
    while (i < line.size() && line[i] != delimiter) {
      char c = line[i++];
      if (c != '\\' || i >= line.size()) {
        field += c;
        continue;
      }
      char e = line[i++];
      switch (e) {
        case 'b':
          field += '\b';
          break;
        case 'f':
          field += '\f';
          break;
        case 'n':
          field += '\n';
          break;
        case 'r':
          field += '\r';
          break;
        case 't':
          field += '\t';
          break;
        case 'v':
          field += '\v';
          break;
        case 'N':
          if (i - start == 2 && (i == line.size() || line[i] == delimiter)) {
            is_null = true;
          } else {
            field += 'N';
          }
          break;
        case 'x': {
          int v = 0, n = 0;
          while (n < 2 && i < line.size() && std::isxdigit(static_cast<unsigned char>(line[i]))) {
            char h = line[i++];
            v = v * 16 + (std::isdigit(static_cast<unsigned char>(h))
                              ? h - '0'
                              : (std::tolower(h) - 'a' + 10));
            n++;
          }
          if (n == 0) {
            field += 'x';
          } else {
            field += static_cast<char>(v);
          }
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0', n = 1;
            while (n < 3 && i < line.size() && line[i] >= '0' && line[i] <= '7') {
              v = v * 8 + (line[i++] - '0');
              n++;
            }
            field += static_cast<char>(v);
          } else {
            field += e;
          }
      }
    }
    if (!first) out += delimiter;
    first = false;
    if (is_null) {
      out += "\\N";
    } else {
      out += '"';
      for (char c : field) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    if (i >= line.size()) break;
    i++;  // the delimiter
  }
  out += '\n';
}

// The engine's CSV output (text-format options: tab, \N null) -> PostgreSQL text format lines.
void CsvToTextLines(const std::string& csv, char delimiter, std::vector<std::string>& lines) {
  size_t i = 0;
  std::string line;
  while (i < csv.size()) {
    line.clear();
    bool first = true;
    while (true) {
      std::string field;
      bool quoted = false, was_quoted = false;
      while (i < csv.size()) {
        char c = csv[i];
        if (quoted) {
          i++;
          if (c == '"') {
            if (i < csv.size() && csv[i] == '"') {
              field += '"';
              i++;
            } else {
              quoted = false;
            }
          } else {
            field += c;
          }
          continue;
        }
        if (c == '"') {
          quoted = was_quoted = true;
          i++;
          continue;
        }
        if (c == delimiter || c == '\n') break;
        field += c;
        i++;
      }
      if (!first) line += delimiter;
      first = false;
      // An unquoted \N is NULL and stays \N; anything else is escaped.
      if (field == "\\N" && !was_quoted) {
        line += "\\N";
      } else {
        for (char c : field) {
          switch (c) {
            case '\\':
              line += "\\\\";
              break;
            case '\n':
              line += "\\n";
              break;
            case '\r':
              line += "\\r";
              break;
            case '\t':
              line += "\\t";
              break;
            default:
              if (c == delimiter) {
                line += '\\';
              }
              line += c;
          }
        }
      }
      if (i >= csv.size() || csv[i] == '\n') {
        i++;
        break;
      }
      i++;  // delimiter
    }
    line += '\n';
    lines.push_back(line);
  }
}

class TempFile {
 public:
  TempFile() {
    char name[] = "/tmp/kadedb-copy-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) throw Exception("58030", "could not create a temporary file for COPY");
    ::close(fd);
    path_ = name;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// psql ends CSV data with a "\." line (the old end-of-data marker); it is not a record.
void DropEndMarker(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  auto size = static_cast<long>(in.tellg());
  for (const char* marker : {"\\.\r\n", "\\.\n", "\\."}) {
    long len = static_cast<long>(std::strlen(marker));
    if (size < len) continue;
    std::string tail(static_cast<size_t>(len), '\0');
    in.seekg(size - len);
    in.read(tail.data(), len);
    if (tail == marker && (size == len || [&] {
          char before;
          in.seekg(size - len - 1);
          in.get(before);
          return before == '\n';
        }())) {
      in.close();
      if (::truncate(path.c_str(), size - len) != 0) return;
      return;
    }
  }
}

void CopyResponse(std::string& out, char type) {
  PgMessageWriter w;
  w.Begin(type);
  w.AddByte(0);   // overall format: text
  w.AddInt16(0);  // column count: not known before the statement runs
  w.End();
  out += w.buffer();
}

}  // namespace

bool PgSession::MaybeHandleCopy(const std::string& sql, Result* result) {
  CopyRequest request;
  try {
    if (!ParseCopy(sql, &request)) return false;
  } catch (const Exception& e) {
    *result = Result(e.ToStatus());
    return true;
  }
  TempFile file;
  // The spool file stands for STDIN / STDOUT: no server-file privilege needed for it.
  CopySpoolScope spool_scope(file.path());
  if (request.from_stdin) {
    // As PostgreSQL, the table, its columns and the INSERT privilege are checked before the
    // client is asked for data: bind the statement once first.
    {
      std::unique_ptr<PreparedStatement> check;
      Status bound = connection_->Prepare(request.Rewrite(file.path()), &check);
      if (!bound.ok()) {
        *result = Result(bound);
        return true;
      }
    }
    CopyResponse(out_, 'G');
    Flush();
    std::ofstream spool(file.path(), std::ios::binary | std::ios::trunc);
    std::string pending;  // an incomplete line (text format)
    std::string converted;
    std::string failure;
    bool done = false;
    while (!done) {
      char type;
      std::string body;
      if (!ReadMessage(&type, &body))
        throw Exception("08006", "unexpected EOF on client connection with an open transaction");
      switch (type) {
        case 'd':
          if (request.csv) {
            spool << body;
          } else {
            pending += body;
            size_t start = 0, nl;
            converted.clear();
            while ((nl = pending.find('\n', start)) != std::string::npos) {
              std::string line = pending.substr(start, nl - start);
              if (!line.empty() && line.back() == '\r') line.pop_back();
              if (line != "\\.") TextLineToCsv(line, request.delimiter, converted);
              start = nl + 1;
            }
            pending.erase(0, start);
            spool << converted;
          }
          break;
        case 'c':
          done = true;
          break;
        case 'f': {
          PgMessageReader m(type, body);
          failure = m.ReadCString();
          done = true;
          break;
        }
        case 'H':
        case 'S':
          break;
        default:
          throw Exception("08P01", "unexpected message type 0x" + std::to_string(type) +
                                       " during COPY from stdin");
      }
    }
    if (!request.csv && !pending.empty() && pending != "\\.") {
      converted.clear();
      TextLineToCsv(pending, request.delimiter, converted);
      spool << converted;
    }
    spool.close();
    if (request.csv) DropEndMarker(file.path());
    if (!failure.empty()) {
      *result = Result(Status::Error("57014", "COPY from stdin failed: " + failure));
      return true;
    }
    *result = RunStatement(request.Rewrite(file.path()), nullptr);
    return true;
  }
  *result = RunStatement(request.Rewrite(file.path()), nullptr);
  if (!result->ok()) return true;
  std::ifstream in(file.path(), std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CopyResponse(out_, 'H');
  PgMessageWriter w;
  auto send_line = [&](const std::string& line) {
    w.Clear();
    w.Begin('d');
    w.AddBytes(line);
    w.End();
    out_ += w.buffer();
    MaybeFlush();
  };
  if (request.csv) {
    // CSV records may span lines inside quotes; send the file in pieces (any split is valid).
    for (size_t i = 0; i < data.size(); i += 65536) send_line(data.substr(i, 65536));
  } else {
    std::vector<std::string> lines;
    CsvToTextLines(data, request.delimiter, lines);
    for (auto& line : lines) send_line(line);
  }
  out_ += std::string("c\0\0\0\4", 5);  // CopyDone
  return true;
}

}  // namespace kadedb
