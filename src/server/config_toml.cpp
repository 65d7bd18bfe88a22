// The TOML subset parser (config_toml.hpp): a hand-written scanner over the whole text.
#include "server/config_toml.hpp"

#include <cctype>

namespace kadedb {

namespace {

class TomlParser {
 public:
  TomlParser(const std::string& text, const std::string& source, TomlDocument* out)
      : text_(text), source_(source), out_(out) {}

  Status Parse() {
    while (true) {
      SkipBlankAndComments(true);
      if (AtEnd()) return Status::OK();
      if (text_[pos_] == '[') {
        if (!ParseTableHeader()) return error_;
      } else {
        if (!ParseKeyValue()) return error_;
      }
    }
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }

  bool Fail(const std::string& what) {
    error_ = Status::Error("22023", source_ + ":" + std::to_string(line_) + ": " + what);
    return false;
  }

  // Skips spaces, tabs and comments; with newlines=true also newlines.
  void SkipBlankAndComments(bool newlines) {
    while (!AtEnd()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r') {
        pos_++;
      } else if (c == '#') {
        while (!AtEnd() && text_[pos_] != '\n') pos_++;
      } else if (c == '\n' && newlines) {
        pos_++;
        line_++;
      } else {
        break;
      }
    }
  }

  bool ExpectLineEnd() {
    SkipBlankAndComments(false);
    if (AtEnd()) return true;
    if (text_[pos_] != '\n') return Fail("unexpected text after value");
    return true;
  }

  static bool IsBareKeyChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  }

  bool ParseKey(std::string* key) {
    key->clear();
    while (true) {
      SkipBlankAndComments(false);
      std::string part;
      if (!AtEnd() && (text_[pos_] == '"' || text_[pos_] == '\'')) {
        if (!ParseString(&part)) return false;
      } else {
        while (!AtEnd() && IsBareKeyChar(text_[pos_])) part += text_[pos_++];
        if (part.empty()) return Fail("expected a key");
      }
      *key += part;
      SkipBlankAndComments(false);
      if (!AtEnd() && text_[pos_] == '.') {
        *key += '.';
        pos_++;
        continue;
      }
      return true;
    }
  }

  bool ParseTableHeader() {
    pos_++;  // '['
    if (!AtEnd() && text_[pos_] == '[') return Fail("arrays of tables are not supported");
    std::string name;
    if (!ParseKey(&name)) return false;
    if (AtEnd() || text_[pos_] != ']') return Fail("expected ']' after the table name");
    pos_++;
    table_ = name;
    return ExpectLineEnd();
  }

  bool ParseKeyValue() {
    std::string key;
    if (!ParseKey(&key)) return false;
    if (AtEnd() || text_[pos_] != '=') return Fail("expected '=' after key \"" + key + "\"");
    pos_++;
    SkipBlankAndComments(false);
    std::string full = table_.empty() ? key : table_ + "." + key;
    if (out_->values.count(full)) return Fail("key \"" + full + "\" is set twice");
    int line = line_;
    TomlValue value;
    if (!ParseValue(&value)) return false;
    out_->values[full] = std::move(value);
    out_->lines[full] = line;
    return ExpectLineEnd();
  }

  bool ParseValue(TomlValue* value) {
    if (AtEnd()) return Fail("expected a value");
    char c = text_[pos_];
    if (c == '"' || c == '\'') {
      std::string s;
      if (!ParseString(&s)) return false;
      *value = std::move(s);
      return true;
    }
    if (c == '[') return ParseArray(value);
    if (text_.compare(pos_, 4, "true") == 0 && !IsBareKeyChar(Peek(4))) {
      pos_ += 4;
      *value = true;
      return true;
    }
    if (text_.compare(pos_, 5, "false") == 0 && !IsBareKeyChar(Peek(5))) {
      pos_ += 5;
      *value = false;
      return true;
    }
    if (c == '+' || c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      bool negative = c == '-';
      if (c == '+' || c == '-') pos_++;
      if (AtEnd() || !std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        return Fail("invalid number");
      }
      uint64_t v = 0;
      while (!AtEnd() &&
             (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
        if (text_[pos_] != '_') {
          if (v > (UINT64_C(1) << 62)) return Fail("integer out of range");
          v = v * 10 + (text_[pos_] - '0');
        }
        pos_++;
      }
      if (!AtEnd() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) {
        return Fail("floating-point values are not supported");
      }
      *value = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
      return true;
    }
    return Fail("unsupported value (expected a string, integer, boolean or array of strings)");
  }

  char Peek(size_t ahead) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  bool ParseArray(TomlValue* value) {
    pos_++;  // '['
    std::vector<std::string> items;
    while (true) {
      SkipBlankAndComments(true);
      if (AtEnd()) return Fail("unterminated array");
      if (text_[pos_] == ']') {
        pos_++;
        break;
      }
      if (text_[pos_] != '"' && text_[pos_] != '\'') {
        return Fail("only arrays of strings are supported");
      }
      std::string s;
      if (!ParseString(&s)) return false;
      items.push_back(std::move(s));
      SkipBlankAndComments(true);
      if (AtEnd()) return Fail("unterminated array");
      if (text_[pos_] == ',') {
        pos_++;
      } else if (text_[pos_] != ']') {
        return Fail("expected ',' or ']' in array");
      }
    }
    *value = std::move(items);
    return true;
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *out += static_cast<char>(0xC0 | (cp >> 6));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *out += static_cast<char>(0xE0 | (cp >> 12));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (cp >> 18));
      *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool ParseString(std::string* out) {
    char quote = text_[pos_++];
    out->clear();
    while (true) {
      if (AtEnd() || text_[pos_] == '\n') return Fail("unterminated string");
      char c = text_[pos_++];
      if (c == quote) return true;
      if (c != '\\' || quote == '\'') {
        *out += c;
        continue;
      }
      if (AtEnd()) return Fail("unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"':
          *out += '"';
          break;
        case '\\':
          *out += '\\';
          break;
        case 'n':
          *out += '\n';
          break;
        case 't':
          *out += '\t';
          break;
        case 'r':
          *out += '\r';
          break;
        case 'u': {
          uint32_t cp = 0;
          for (int i = 0; i < 4; i++) {
            if (AtEnd() || !std::isxdigit(static_cast<unsigned char>(text_[pos_]))) {
              return Fail("invalid \\u escape");
            }
            char h = text_[pos_++];
            cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h))
                                ? h - '0'
                                : (std::tolower(static_cast<unsigned char>(h)) - 'a' + 10));
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          return Fail(std::string("invalid escape \\") + e);
      }
    }
  }

  const std::string& text_;
  const std::string& source_;
  TomlDocument* out_;
  size_t pos_ = 0;
  int line_ = 1;
  std::string table_;
  Status error_;
};

}  // namespace

Status ParseToml(const std::string& text, const std::string& source, TomlDocument* out) {
  return TomlParser(text, source, out).Parse();
}

}  // namespace kadedb
