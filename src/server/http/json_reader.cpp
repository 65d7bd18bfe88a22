// Recursive-descent JSON parser (json_reader.hpp).
#include "server/http/json_reader.hpp"

#include <cstdint>

namespace kadedb {

namespace {

class JsonParser {
 public:
  explicit JsonParser(std::string_view input) : in_(input) {}

  bool Parse(JsonValue* out, std::string* error) {
    SkipSpace();
    if (!ParseValue(out, 0)) {
      *error = error_ + " at byte " + std::to_string(pos_);
      return false;
    }
    SkipSpace();
    if (pos_ != in_.size()) {
      *error = "unexpected data after the JSON value at byte " + std::to_string(pos_);
      return false;
    }
    return true;
  }

 private:
  bool Fail(const char* message) {
    error_ = message;
    return false;
  }
  void SkipSpace() {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r')) {
      pos_++;
    }
  }
  bool Literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) return Fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool ParseValue(JsonValue* out, int depth) {
    if (depth >= kMaxJsonDepth) return Fail("JSON nested too deeply");
    if (pos_ >= in_.size()) return Fail("unexpected end of JSON");
    char c = in_[pos_];
    switch (c) {
      case 'n':
        out->kind = JsonValue::Kind::kNull;
        return Literal("null");
      case 't':
        out->kind = JsonValue::Kind::kBool;
        out->boolean = true;
        return Literal("true");
      case 'f':
        out->kind = JsonValue::Kind::kBool;
        out->boolean = false;
        return Literal("false");
      case '"':
        out->kind = JsonValue::Kind::kString;
        return ParseString(&out->text);
      case '[':
        return ParseArray(out, depth);
      case '{':
        return ParseObject(out, depth);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(out);
        return Fail("unexpected character");
    }
  }

  bool Digits() {
    size_t start = pos_;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') pos_++;
    return pos_ > start;
  }

  bool ParseNumber(JsonValue* out) {
    size_t start = pos_;
    if (in_[pos_] == '-') pos_++;
    if (pos_ < in_.size() && in_[pos_] == '0') {
      pos_++;
    } else if (!Digits()) {
      return Fail("invalid number");
    }
    if (pos_ < in_.size() && in_[pos_] == '.') {
      pos_++;
      if (!Digits()) return Fail("invalid number");
    }
    if (pos_ < in_.size() && (in_[pos_] == 'e' || in_[pos_] == 'E')) {
      pos_++;
      if (pos_ < in_.size() && (in_[pos_] == '+' || in_[pos_] == '-')) pos_++;
      if (!Digits()) return Fail("invalid number");
    }
    out->kind = JsonValue::Kind::kNumber;
    out->text.assign(in_.substr(start, pos_ - start));
    return true;
  }

  bool Hex4(uint32_t* cp) {
    if (pos_ + 4 > in_.size()) return Fail("invalid \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
      char c = in_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return Fail("invalid \\u escape");
    }
    *cp = v;
    return true;
  }

  static void AppendUtf8(std::string* out, uint32_t cp) {
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
    pos_++;  // opening quote
    out->clear();
    while (true) {
      if (pos_ >= in_.size()) return Fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(in_[pos_]);
      if (c == '"') {
        pos_++;
        return true;
      }
      if (c < 0x20) return Fail("control character in string");
      if (c != '\\') {
        *out += static_cast<char>(c);
        pos_++;
        continue;
      }
      pos_++;
      if (pos_ >= in_.size()) return Fail("unterminated string");
      char e = in_[pos_++];
      switch (e) {
        case '"':
          *out += '"';
          break;
        case '\\':
          *out += '\\';
          break;
        case '/':
          *out += '/';
          break;
        case 'b':
          *out += '\b';
          break;
        case 'f':
          *out += '\f';
          break;
        case 'n':
          *out += '\n';
          break;
        case 'r':
          *out += '\r';
          break;
        case 't':
          *out += '\t';
          break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low;
            if (in_.substr(pos_, 2) != "\\u") return Fail("unpaired surrogate in \\u escape");
            pos_ += 2;
            if (!Hex4(&low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return Fail("unpaired surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Fail("unpaired surrogate in \\u escape");
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          return Fail("invalid escape in string");
      }
    }
  }

  bool ParseArray(JsonValue* out, int depth) {
    pos_++;
    out->kind = JsonValue::Kind::kArray;
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == ']') {
      pos_++;
      return true;
    }
    while (true) {
      SkipSpace();
      out->items.emplace_back();
      if (!ParseValue(&out->items.back(), depth + 1)) return false;
      SkipSpace();
      if (pos_ >= in_.size()) return Fail("unterminated array");
      if (in_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (in_[pos_] == ']') {
        pos_++;
        return true;
      }
      return Fail("expected ',' or ']'");
    }
  }

  bool ParseObject(JsonValue* out, int depth) {
    pos_++;
    out->kind = JsonValue::Kind::kObject;
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == '}') {
      pos_++;
      return true;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= in_.size() || in_[pos_] != '"') return Fail("expected a member name");
      std::string key;
      if (!ParseString(&key)) return false;
      SkipSpace();
      if (pos_ >= in_.size() || in_[pos_] != ':') return Fail("expected ':'");
      pos_++;
      SkipSpace();
      out->members.push_back(JsonMember{std::move(key), JsonValue()});
      if (!ParseValue(&out->members.back().second, depth + 1)) return false;
      SkipSpace();
      if (pos_ >= in_.size()) return Fail("unterminated object");
      if (in_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (in_[pos_] == '}') {
        pos_++;
        return true;
      }
      return Fail("expected ',' or '}'");
    }
  }

  std::string_view in_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

const JsonValue* JsonValue::Find(std::string_view key) const {
  const JsonValue* found = nullptr;
  for (auto& [name, value] : members) {
    if (name == key) found = &value;
  }
  return found;
}

bool JsonValue::IsIntegerLiteral() const {
  return kind == Kind::kNumber && text.find_first_of(".eE") == std::string::npos;
}

bool ParseJson(std::string_view input, JsonValue* out, std::string* error) {
  *out = JsonValue();
  return JsonParser(input).Parse(out, error);
}

}  // namespace kadedb
