// A deterministic generator for a TPC-H-shaped data set (our own code, not dbgen): the eight
// TPC-H tables at a scale factor, plus a two-column table `grp` for the single-table GROUP BY
// benchmark. Value distributions follow the TPC-H specification closely enough that the standard
// queries select sensible fractions (dates, flags, segments, brands, containers, keys, prices).
// Output: pipe-delimited CSV without header, one file per table, into the given directory.
//
//   tpch_gen SF OUTDIR [GRP_ROWS]
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

// splitmix64: small, fast and identical on every platform.
struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ull + 12345) {}
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
};

// Buffered writer with cheap number formatting.
class Out {
 public:
  explicit Out(const std::string& path) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) {
      std::perror(path.c_str());
      std::exit(1);
    }
    buf_.reserve(kCap + 4096);
  }
  ~Out() {
    Flush();
    std::fclose(f_);
  }
  void Str(const char* s) { buf_.append(s); }
  void Str(const std::string& s) { buf_.append(s); }
  void Mem(const char* s, size_t n) { buf_.append(s, n); }
  void Ch(char c) { buf_.push_back(c); }
  void Sep() { buf_.push_back('|'); }
  void Int(int64_t v) {
    char tmp[24];
    int n = 0;
    bool neg = v < 0;
    uint64_t u = neg ? static_cast<uint64_t>(-v) : static_cast<uint64_t>(v);
    do {
      tmp[n++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u);
    if (neg) buf_.push_back('-');
    while (n) buf_.push_back(tmp[--n]);
  }
  // Fixed point with two decimals from an integer number of cents.
  void Money(int64_t cents) {
    if (cents < 0) {
      buf_.push_back('-');
      cents = -cents;
    }
    Int(cents / 100);
    buf_.push_back('.');
    buf_.push_back(static_cast<char>('0' + (cents % 100) / 10));
    buf_.push_back(static_cast<char>('0' + cents % 10));
  }
  void Padded(const char* prefix, int64_t v, int width) {
    char tmp[64];
    std::snprintf(tmp, sizeof tmp, "%s%0*lld", prefix, width, static_cast<long long>(v));
    buf_.append(tmp);
  }
  void EndRow() {
    buf_.push_back('\n');
    if (buf_.size() >= kCap) Flush();
  }

 private:
  void Flush() {
    if (!buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), f_);
    buf_.clear();
  }
  static constexpr size_t kCap = 1 << 22;
  FILE* f_;
  std::string buf_;
};

// Days since 1970-01-01 -> "YYYY-MM-DD" (Howard Hinnant's civil_from_days).
std::string DateString(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char tmp[16];
  std::snprintf(tmp, sizeof tmp, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return tmp;
}

int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

const int64_t kStartDate = DaysFromCivil(1992, 1, 1);
const int64_t kCurrentDate = DaysFromCivil(1995, 6, 17);
const int64_t kEndDate = DaysFromCivil(1998, 12, 31);

std::vector<std::string> g_dates;  // g_dates[i] = DateString(kStartDate + i)
const std::string& Date(int64_t days) {
  return g_dates[days - kStartDate];
}

// A pool of pseudo-English text; comments are random slices of it (as dbgen does).
const char* kWords[] = {
    "furiously", "quickly",      "carefully",    "blithely",  "slyly",       "fluffily",
    "final",     "regular",      "express",      "pending",   "ironic",      "bold",
    "silent",    "even",         "special",      "unusual",   "packages",    "requests",
    "accounts",  "deposits",     "foxes",        "ideas",     "theodolites", "pinto",
    "beans",     "instructions", "dependencies", "excuses",   "platelets",   "asymptotes",
    "courts",    "dolphins",     "multipliers",  "sauternes", "warthogs",    "frets",
    "dinos",     "attainments",  "somas",        "tithes",    "braids",      "hockey",
    "players",   "sleep",        "wake",         "are",       "haggle",      "nag",
    "use",       "boost",        "affix",        "detect",    "integrate",   "maintain",
    "nod",       "was",          "lose",         "sublate",   "solve",       "thrash",
    "promise",   "engage",       "hinder",       "print",     "x-ray",       "breach",
    "eat",       "grow",         "impress",      "mold",      "poach",       "serve",
    "run",       "dazzle",       "snooze",       "doze",      "unwind",      "kindle",
    "play",      "hang",         "believe",      "doubt",     "cajole",      "along",
    "about",     "above",        "according",    "across",    "after",       "against",
    "among",     "around",       "at",           "before",    "behind",      "beneath",
    "beside",    "between",      "beyond",       "by",        "despite",     "during",
    "except",    "for",          "from",         "inside",    "into",        "near",
    "of",        "on",           "outside",      "over",      "past",        "since",
    "through",   "throughout",   "to",           "toward",    "under",       "until",
    "up",        "upon",         "without",      "with",      "within",      "the",
    "the",       "the",          "the"};
std::string g_text;

void BuildText() {
  Rng r(7);
  size_t n = sizeof(kWords) / sizeof(kWords[0]);
  while (g_text.size() < (1u << 21)) {
    g_text.append(kWords[r.Next() % n]);
    g_text.push_back(r.Range(0, 9) == 0 ? '.' : ' ');
  }
}

void Text(Out& o, Rng& r, int min_len, int max_len) {
  int len = static_cast<int>(r.Range(min_len, max_len));
  size_t off = r.Next() % (g_text.size() - 200);
  o.Mem(g_text.data() + off, len);
}

// Random alphanumeric string (addresses).
void VString(Out& o, Rng& r, int min_len, int max_len) {
  static const char kChars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,";
  int len = static_cast<int>(r.Range(min_len, max_len));
  for (int i = 0; i < len; ++i) o.Ch(kChars[r.Next() % 63]);
}

void Phone(Out& o, Rng& r, int64_t nation) {
  char tmp[32];
  std::snprintf(tmp, sizeof tmp, "%02lld-%03lld-%03lld-%04lld", static_cast<long long>(nation + 10),
                static_cast<long long>(r.Range(100, 999)),
                static_cast<long long>(r.Range(100, 999)),
                static_cast<long long>(r.Range(1000, 9999)));
  o.Str(tmp);
}

struct Nation {
  const char* name;
  int region;
};
const Nation kNations[25] = {
    {"ALGERIA", 0},      {"ARGENTINA", 1}, {"BRAZIL", 1}, {"CANADA", 1},
    {"EGYPT", 4},        {"ETHIOPIA", 0},  {"FRANCE", 3}, {"GERMANY", 3},
    {"INDIA", 2},        {"INDONESIA", 2}, {"IRAN", 4},   {"IRAQ", 4},
    {"JAPAN", 2},        {"JORDAN", 4},    {"KENYA", 0},  {"MOROCCO", 0},
    {"MOZAMBIQUE", 0},   {"PERU", 1},      {"CHINA", 2},  {"ROMANIA", 3},
    {"SAUDI ARABIA", 4}, {"VIETNAM", 2},   {"RUSSIA", 3}, {"UNITED KINGDOM", 3},
    {"UNITED STATES", 1}};
const char* kRegions[5] = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};
const char* kSegments[5] = {"AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"};
const char* kPriorities[5] = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"};
const char* kInstructs[4] = {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"};
const char* kModes[7] = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
const char* kType1[6] = {"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"};
const char* kType2[5] = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"};
const char* kType3[5] = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
const char* kCont1[5] = {"SM", "LG", "MED", "JUMBO", "WRAP"};
const char* kCont2[8] = {"CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"};
const char* kColors[92] = {
    "almond",   "antique",   "aquamarine", "azure",      "beige",     "bisque",    "black",
    "blanched", "blue",      "blush",      "brown",      "burlywood", "burnished", "chartreuse",
    "chiffon",  "chocolate", "coral",      "cornflower", "cornsilk",  "cream",     "cyan",
    "dark",     "deep",      "dim",        "dodger",     "drab",      "firebrick", "floral",
    "forest",   "frosted",   "gainsboro",  "ghost",      "goldenrod", "green",     "grey",
    "honeydew", "hot",       "indian",     "ivory",      "khaki",     "lace",      "lavender",
    "lawn",     "lemon",     "light",      "lime",       "linen",     "magenta",   "maroon",
    "medium",   "metallic",  "midnight",   "mint",       "misty",     "moccasin",  "navajo",
    "navy",     "olive",     "orange",     "orchid",     "pale",      "papaya",    "peach",
    "peru",     "pink",      "plum",       "powder",     "puff",      "purple",    "red",
    "rose",     "rosy",      "royal",      "saddle",     "salmon",    "sandy",     "seashell",
    "sienna",   "sky",       "slate",      "smoke",      "snow",      "spring",    "steel",
    "tan",      "thistle",   "tomato",     "turquoise",  "violet",    "wheat",     "white",
    "yellow"};

int64_t RetailCents(int64_t partkey) {
  return 90000 + ((partkey / 10) % 20001) + 100 * (partkey % 1000);
}

// The i-th (0..3) supplier of a part, as in the TPC-H specification.
int64_t PartSupp(int64_t partkey, int i, int64_t suppliers) {
  return (partkey + (i * ((suppliers / 4) + (partkey - 1) / suppliers))) % suppliers + 1;
}

void GenRegionNation(const std::string& dir) {
  Rng r(1);
  {
    Out o(dir + "/region.csv");
    for (int i = 0; i < 5; ++i) {
      o.Int(i), o.Sep(), o.Str(kRegions[i]), o.Sep(), Text(o, r, 31, 115), o.EndRow();
    }
  }
  Out o(dir + "/nation.csv");
  for (int i = 0; i < 25; ++i) {
    o.Int(i), o.Sep(), o.Str(kNations[i].name), o.Sep(), o.Int(kNations[i].region), o.Sep();
    Text(o, r, 31, 114), o.EndRow();
  }
}

void GenSupplier(const std::string& dir, int64_t n) {
  Rng r(2);
  Out o(dir + "/supplier.csv");
  for (int64_t k = 1; k <= n; ++k) {
    int64_t nation = r.Range(0, 24);
    o.Int(k), o.Sep(), o.Padded("Supplier#", k, 9), o.Sep(), VString(o, r, 10, 40), o.Sep();
    o.Int(nation), o.Sep(), Phone(o, r, nation), o.Sep(), o.Money(r.Range(-99999, 999999));
    o.Sep(), Text(o, r, 25, 100), o.EndRow();
  }
}

void GenCustomer(const std::string& dir, int64_t n) {
  Rng r(3);
  Out o(dir + "/customer.csv");
  for (int64_t k = 1; k <= n; ++k) {
    int64_t nation = r.Range(0, 24);
    o.Int(k), o.Sep(), o.Padded("Customer#", k, 9), o.Sep(), VString(o, r, 10, 40), o.Sep();
    o.Int(nation), o.Sep(), Phone(o, r, nation), o.Sep(), o.Money(r.Range(-99999, 999999));
    o.Sep(), o.Str(kSegments[r.Range(0, 4)]), o.Sep(), Text(o, r, 29, 116), o.EndRow();
  }
}

void GenPart(const std::string& dir, int64_t parts, int64_t suppliers) {
  Rng r(4);
  Out o(dir + "/part.csv");
  Out ps(dir + "/partsupp.csv");
  for (int64_t k = 1; k <= parts; ++k) {
    o.Int(k), o.Sep();
    for (int w = 0; w < 5; ++w) {
      if (w) o.Ch(' ');
      o.Str(kColors[r.Range(0, 91)]);
    }
    int64_t m = r.Range(1, 5);
    o.Sep(), o.Str("Manufacturer#"), o.Int(m), o.Sep(), o.Str("Brand#"), o.Int(m);
    o.Int(r.Range(1, 5)), o.Sep();
    o.Str(kType1[r.Range(0, 5)]), o.Ch(' '), o.Str(kType2[r.Range(0, 4)]), o.Ch(' ');
    o.Str(kType3[r.Range(0, 4)]), o.Sep(), o.Int(r.Range(1, 50)), o.Sep();
    o.Str(kCont1[r.Range(0, 4)]), o.Ch(' '), o.Str(kCont2[r.Range(0, 7)]), o.Sep();
    o.Money(RetailCents(k)), o.Sep(), Text(o, r, 5, 22), o.EndRow();
    for (int i = 0; i < 4; ++i) {
      ps.Int(k), ps.Sep(), ps.Int(PartSupp(k, i, suppliers)), ps.Sep(), ps.Int(r.Range(1, 9999));
      ps.Sep(), ps.Money(r.Range(100, 100000)), ps.Sep(), Text(ps, r, 49, 198), ps.EndRow();
    }
  }
}

void GenOrders(const std::string& dir, int64_t orders, int64_t customers, int64_t parts,
               int64_t suppliers, int64_t clerks) {
  Rng r(5);
  Out o(dir + "/orders.csv");
  Out l(dir + "/lineitem.csv");
  const int64_t last_order_date = kEndDate - 151;
  struct Line {
    int64_t part, supp, qty, price, disc, tax, ship, commit, receipt;
    char flag, status;
  } lines[7];
  for (int64_t i = 0; i < orders; ++i) {
    int64_t key = (i / 8) * 32 + (i % 8) + 1;  // sparse keys, as in dbgen
    int64_t cust;
    do cust = r.Range(1, customers);
    while (cust % 3 == 0);  // a third of the customers place no orders
    int64_t odate = r.Range(kStartDate, last_order_date);
    int nlines = static_cast<int>(r.Range(1, 7));
    int64_t total = 0;  // in 1/1,000,000 of a unit: price(cents) * (100+tax) * (100-disc)
    int nf = 0, no = 0;
    for (int j = 0; j < nlines; ++j) {
      Line& ln = lines[j];
      ln.part = r.Range(1, parts);
      ln.supp = PartSupp(ln.part, static_cast<int>(r.Range(0, 3)), suppliers);
      ln.qty = r.Range(1, 50);
      ln.price = ln.qty * RetailCents(ln.part);
      ln.disc = r.Range(0, 10);
      ln.tax = r.Range(0, 8);
      ln.ship = odate + r.Range(1, 121);
      ln.commit = odate + r.Range(30, 90);
      ln.receipt = ln.ship + r.Range(1, 30);
      ln.flag = ln.receipt <= kCurrentDate ? (r.Range(0, 1) ? 'R' : 'A') : 'N';
      ln.status = ln.ship > kCurrentDate ? 'O' : 'F';
      (ln.status == 'F' ? nf : no)++;
      total += ln.price * (100 + ln.tax) * (100 - ln.disc);
    }
    char ostatus = nf == nlines ? 'F' : (no == nlines ? 'O' : 'P');
    o.Int(key), o.Sep(), o.Int(cust), o.Sep(), o.Ch(ostatus), o.Sep();
    o.Money((total + 5000) / 10000), o.Sep(), o.Str(Date(odate)), o.Sep();
    o.Str(kPriorities[r.Range(0, 4)]), o.Sep(), o.Padded("Clerk#", r.Range(1, clerks), 9);
    o.Sep(), o.Int(0), o.Sep(), Text(o, r, 19, 78), o.EndRow();
    for (int j = 0; j < nlines; ++j) {
      const Line& ln = lines[j];
      l.Int(key), l.Sep(), l.Int(ln.part), l.Sep(), l.Int(ln.supp), l.Sep(), l.Int(j + 1);
      l.Sep(), l.Int(ln.qty), l.Sep(), l.Money(ln.price), l.Sep(), l.Money(ln.disc), l.Sep();
      l.Money(ln.tax), l.Sep(), l.Ch(ln.flag), l.Sep(), l.Ch(ln.status), l.Sep();
      l.Str(Date(ln.ship)), l.Sep(), l.Str(Date(ln.commit)), l.Sep(), l.Str(Date(ln.receipt));
      l.Sep(), l.Str(kInstructs[r.Range(0, 3)]), l.Sep(), l.Str(kModes[r.Range(0, 6)]), l.Sep();
      Text(l, r, 10, 43), l.EndRow();
    }
  }
}

// grp(k INTEGER, v DOUBLE): k has 1000 distinct values, v has three decimals.
void GenGrp(const std::string& dir, int64_t rows) {
  Rng r(6);
  Out o(dir + "/grp.csv");
  for (int64_t i = 0; i < rows; ++i) {
    int64_t v = r.Range(0, 9999999);
    o.Int(r.Range(0, 999)), o.Sep(), o.Int(v / 1000), o.Ch('.');
    o.Padded("", v % 1000, 3), o.EndRow();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: tpch_gen SF OUTDIR [GRP_ROWS]\n");
    return 2;
  }
  double sf = std::atof(argv[1]);
  std::string dir = argv[2];
  int64_t grp_rows =
      argc > 3 ? std::atoll(argv[3]) : static_cast<int64_t>(10000000 * std::min(sf, 1.0));
  auto scaled = [&](double base) { return std::max<int64_t>(1, std::llround(base * sf)); };
  for (int64_t d = kStartDate; d <= kEndDate + 200; ++d) g_dates.push_back(DateString(d));
  BuildText();
  int64_t suppliers = scaled(10000), parts = scaled(200000), customers = scaled(150000);
  int64_t orders = scaled(1500000), clerks = std::max<int64_t>(1, scaled(1000));
  GenRegionNation(dir);
  GenSupplier(dir, suppliers);
  GenCustomer(dir, customers);
  GenPart(dir, parts, suppliers);
  GenOrders(dir, orders, customers, parts, suppliers, clerks);
  GenGrp(dir, grp_rows);
  std::printf("generated SF %g into %s (orders %lld, grp %lld rows)\n", sf, dir.c_str(),
              static_cast<long long>(orders), static_cast<long long>(grp_rows));
  return 0;
}
