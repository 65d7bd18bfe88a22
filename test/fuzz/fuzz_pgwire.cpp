// libFuzzer target for the PostgreSQL protocol decoders of src/server: the input is a stream of
// frontend messages (type byte, big-endian length, body), each decoded the way PgSession decodes
// it (startup packet, Parse, Bind with binary parameters, Describe, Execute, Close, SASL
// responses, CopyFail), plus the SCRAM client messages and the TOML config parser. Decoding
// errors must be Exceptions (08P01 / 22P03 ...), never crashes, overreads or hangs.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/exception.hpp"
#include "server/config_toml.hpp"
#include "server/pg_message.hpp"
#include "server/pg_wire_types.hpp"
#include "server/scram.hpp"

namespace {

using kadedb::PgMessageReader;

void DecodeBind(PgMessageReader& m) {
  m.ReadCString();
  m.ReadCString();
  int16_t formats = m.ReadInt16();
  for (int i = 0; i < formats; i++) m.ReadInt16();
  int16_t params = m.ReadInt16();
  for (int i = 0; i < params; i++) {
    int32_t len = m.ReadInt32();
    if (len == -1) continue;
    std::string_view bytes = m.ReadBytes(len);
    // Each parameter is tried against every binary format the session accepts.
    for (int32_t oid :
         {16,   17,   20,   21,   23,   25,   700,  701,  1043, 1082, 1083, 1114, 1184, 1186,
          1700, 2950, 1000, 1005, 1007, 1009, 1016, 1021, 1022, 1115, 1182, 1231, 2951}) {
      try {
        kadedb::Value v = kadedb::WireDecodeBinary(bytes, kadedb::LogicalTypeFromWireOid(oid));
        if (!v.IsNull()) kadedb::WireBinaryValue(v);
      } catch (const kadedb::Exception&) {
      }
    }
  }
  int16_t results = m.ReadInt16();
  for (int i = 0; i < results; i++) m.ReadInt16();
}

void Decode(char type, std::string_view body) {
  PgMessageReader m(type, body);
  switch (type) {
    case '\0': {  // startup packet
      int32_t code = m.ReadInt32();
      if (code == 80877102) {
        m.ReadInt32();
        m.ReadInt32();
        return;
      }
      while (!m.ReadCString().empty()) m.ReadCString();
      return;
    }
    case 'Q':
      m.ReadCString();
      return;
    case 'P': {
      m.ReadCString();
      m.ReadCString();
      int16_t n = m.ReadInt16();
      for (int i = 0; i < n; i++) m.ReadInt32();
      return;
    }
    case 'B':
      DecodeBind(m);
      return;
    case 'D':
    case 'C':
      m.ReadByte();
      m.ReadCString();
      return;
    case 'E':
      m.ReadCString();
      m.ReadInt32();
      return;
    case 'f':
      m.ReadCString();
      return;
    case 'p': {  // SASLInitialResponse, then the final message
      std::string mechanism = m.ReadCString();
      int32_t len = m.ReadInt32();
      std::string first(m.ReadBytes(len));
      kadedb::ScramVerifier verifier = kadedb::ScramVerifier::FromPassword("pw", 1);
      kadedb::ScramExchange exchange(&verifier);
      std::string reply, error;
      if (exchange.ClientFirst(first, &reply, &error)) {
        exchange.ClientFinal(std::string(m.ReadRest()), &reply, &error);
      }
      kadedb::ScramVerifier parsed;
      kadedb::ScramVerifier::Parse(mechanism, &parsed);
      return;
    }
    default:
      m.ReadRest();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!input.empty() && input[0] == '#') {  // the TOML parser
    kadedb::TomlDocument doc;
    (void)kadedb::ParseToml(std::string(input), "fuzz", &doc);
    return 0;
  }
  size_t pos = 0;
  while (pos + 5 <= input.size()) {
    char type = input[pos];
    auto b = reinterpret_cast<const unsigned char*>(input.data() + pos + 1);
    uint32_t len = (uint32_t{b[0]} << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    if (len < 4 || len - 4 > input.size() - pos - 5) return 0;  // the session answers 08P01
    try {
      Decode(type == 'S' ? '\0' : type, input.substr(pos + 5, len - 4));
    } catch (const kadedb::Exception&) {
    }
    pos += 5 + (len - 4);
  }
  return 0;
}
