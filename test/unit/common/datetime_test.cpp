// Datetime codecs and arithmetic against PostgreSQL's results.
#include <gtest/gtest.h>

#include <functional>

#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "common/exception.hpp"

namespace kadedb {
namespace {

std::string StateOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

std::string TsRound(const char* s) {
  return FormatTimestamp(ParseTimestamp(s));
}
std::string IvRound(const char* s) {
  return FormatInterval(ParseInterval(s));
}
int64_t Ts(const char* s) {
  return ParseTimestamp(s);
}

TEST(CivilTest, RoundTripsAndLeapYears) {
  for (int64_t d = -800000; d < 3000000; d += 7) {
    CivilDate c = CivilFromDays(d);
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28), 2);  // 2000 is leap
  EXPECT_EQ(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28), 1);  // 1900 is not
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2100));
}

TEST(DateTest, ParseFormat) {
  EXPECT_EQ(FormatDate(ParseDate("2024-01-02")), "2024-01-02");
  EXPECT_EQ(FormatDate(ParseDate(" 9999-12-31 ")), "9999-12-31");
  EXPECT_EQ(FormatDate(ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_EQ(FormatDate(ParseDate("20240102")), "2024-01-02");
  EXPECT_EQ(FormatDate(ParseDate("01/02/2024")), "2024-01-02");
  EXPECT_EQ(FormatDate(ParseDate("2024-01-02 13:00:00")), "2024-01-02");
  EXPECT_EQ(FormatDate(ParseDate("0044-03-15 BC")), "0044-03-15 BC");
  EXPECT_EQ(FormatDate(ParseDate("epoch")), "1970-01-01");
  EXPECT_EQ(FormatDate(ParseDate("infinity")), "infinity");
  EXPECT_EQ(FormatDate(ParseDate("-infinity")), "-infinity");
  EXPECT_EQ(StateOf([] { ParseDate("2023-02-29"); }), "22008");
  EXPECT_EQ(StateOf([] { ParseDate("2024-13-01"); }), "22008");
  EXPECT_EQ(StateOf([] { ParseDate("0000-01-01"); }), "22008");
  EXPECT_EQ(StateOf([] { ParseDate("x"); }), "22007");
  EXPECT_EQ(StateOf([] { ParseDate("2024-01"); }), "22007");
  try {
    ParseDate("banana");
  } catch (const Exception& e) {
    EXPECT_STREQ(e.what(), "invalid input syntax for type date: \"banana\"");
  }
  try {
    ParseDate("2024-02-30");
  } catch (const Exception& e) {
    EXPECT_STREQ(e.what(), "date/time field value out of range: \"2024-02-30\"");
  }
}

TEST(TimeTest, ParseFormat) {
  EXPECT_EQ(FormatTime(ParseTime("13:04:05.123")), "13:04:05.123");
  EXPECT_EQ(FormatTime(ParseTime("13:04")), "13:04:00");
  EXPECT_EQ(FormatTime(ParseTime("00:00:00.0000005")), "00:00:00.000001");
  EXPECT_EQ(FormatTime(ParseTime("24:00:00")), "24:00:00");
  EXPECT_EQ(StateOf([] { ParseTime("25:00"); }), "22008");
  EXPECT_EQ(StateOf([] { ParseTime("noon"); }), "22007");
}

TEST(TimestampTest, ParseFormat) {
  EXPECT_EQ(TsRound("2024-01-02 03:04:05.123456"), "2024-01-02 03:04:05.123456");
  EXPECT_EQ(TsRound("2024-01-02T03:04:05Z"), "2024-01-02 03:04:05");
  EXPECT_EQ(TsRound("2024-01-02"), "2024-01-02 00:00:00");
  EXPECT_EQ(TsRound("1969-12-31 23:59:59.5"), "1969-12-31 23:59:59.5");
  EXPECT_EQ(FormatTimestampTz(ParseTimestampTz("2024-01-02 03:04:05+02:00")),
            "2024-01-02 01:04:05+00");
  EXPECT_EQ(FormatTimestampTz(ParseTimestampTz("2024-01-02 03:04:05-0530")),
            "2024-01-02 08:34:05+00");
  EXPECT_EQ(FormatTimestampTz(ParseTimestampTz("2024-01-02 03:04:05")), "2024-01-02 03:04:05+00");
  EXPECT_EQ(FormatTimestampTz(ParseTimestampTz("2024-01-02 03:04:05"), TimeZone::FixedOffset(3600)),
            "2024-01-02 04:04:05+01");
  EXPECT_EQ(StateOf([] { ParseTimestamp("2024-01-02 03:04:05 nonsense"); }), "22007");
}

TEST(IntervalTest, ParseFormat) {
  EXPECT_EQ(IvRound("1 day"), "1 day");
  EXPECT_EQ(IvRound("2 hours 30 minutes"), "02:30:00");
  EXPECT_EQ(IvRound("1 year 2 mons"), "1 year 2 mons");
  EXPECT_EQ(IvRound("01:02:03"), "01:02:03");
  EXPECT_EQ(IvRound("-1 day"), "-1 days");
  EXPECT_EQ(IvRound("1 year 2 mons 3 days 04:05:06"), "1 year 2 mons 3 days 04:05:06");
  EXPECT_EQ(IvRound("1.5 days"), "1 day 12:00:00");
  EXPECT_EQ(IvRound("1.5 months"), "1 mon 15 days");
  EXPECT_EQ(IvRound("3 days ago"), "-3 days");
  EXPECT_EQ(IvRound("P1Y2M3DT4H5M6S"), "1 year 2 mons 3 days 04:05:06");
  EXPECT_EQ(IvRound("P1D"), "1 day");
  EXPECT_EQ(IvRound("1 week"), "7 days");
  EXPECT_EQ(IvRound("10"), "00:00:10");
  EXPECT_EQ(IvRound("-01:00:00"), "-01:00:00");
  EXPECT_EQ(IvRound("0 seconds"), "00:00:00");
  EXPECT_EQ(IvRound("1 day -1 hour"), "1 day -01:00:00");
  EXPECT_EQ(IvRound("-1 year +2 days"), "-1 years +2 days");
  EXPECT_EQ(IvRound("100 hours"), "100:00:00");
  EXPECT_EQ(IvRound("1.5 seconds"), "00:00:01.5");
  EXPECT_EQ(StateOf([] { ParseInterval("1 fortnight"); }), "22007");
  EXPECT_EQ(StateOf([] { ParseInterval(""); }), "22007");
}

TEST(DatetimeArithTest, MonthsClampTheDay) {
  EXPECT_EQ(FormatTimestamp(TimestampAddInterval(Ts("2024-01-31"), Interval{1, 0, 0})),
            "2024-02-29 00:00:00");
  EXPECT_EQ(FormatTimestamp(TimestampAddInterval(Ts("2023-01-31"), Interval{1, 0, 0})),
            "2023-02-28 00:00:00");
  EXPECT_EQ(FormatTimestamp(TimestampSubInterval(Ts("2024-03-31 10:00"), Interval{1, 1, 0})),
            "2024-02-28 10:00:00");
  EXPECT_EQ(FormatTimestamp(TimestampAddInterval(Ts("2024-12-15"), Interval{1, 0, kMicrosPerHour})),
            "2025-01-15 01:00:00");
  EXPECT_EQ(FormatDate(DateAddDays(ParseDate("2024-02-28"), 1)), "2024-02-29");
  EXPECT_EQ(StateOf([] { DateAddDays(kMaxDate, 1); }), "22008");
  EXPECT_EQ(StateOf([] { TimestampAddInterval(kMaxTimestamp, Interval{0, 1, 0}); }), "22008");
}

TEST(DatetimeArithTest, DifferencesAndAge) {
  EXPECT_EQ(FormatInterval(TimestampDiff(Ts("2024-01-03 04:00"), Ts("2024-01-02 02:00"))),
            "1 day 02:00:00");
  EXPECT_EQ(FormatInterval(TimestampDiff(Ts("2024-01-02 02:00"), Ts("2024-01-03 04:00"))),
            "-1 days -02:00:00");
  EXPECT_EQ(FormatInterval(Age(Ts("2024-03-01"), Ts("2023-01-31"))), "1 year 1 mon 1 day");
  EXPECT_EQ(FormatInterval(Age(Ts("2001-04-10"), Ts("1957-06-13"))), "43 years 9 mons 27 days");
  EXPECT_EQ(FormatInterval(Age(Ts("1957-06-13"), Ts("2001-04-10"))), "-43 years -9 mons -27 days");
}

TEST(DatetimeArithTest, IntervalCompareAndJustify) {
  EXPECT_EQ(IntervalCompare(ParseInterval("1 mon"), ParseInterval("30 days")), 0);
  EXPECT_EQ(IntervalCompare(ParseInterval("1 day"), ParseInterval("24 hours")), 0);
  EXPECT_EQ(IntervalCompare(ParseInterval("1 day"), ParseInterval("25 hours")), -1);
  EXPECT_EQ(FormatInterval(JustifyHours(ParseInterval("27 hours"))), "1 day 03:00:00");
  EXPECT_EQ(FormatInterval(JustifyDays(ParseInterval("35 days"))), "1 mon 5 days");
  EXPECT_EQ(FormatInterval(JustifyInterval(ParseInterval("1 mon -1 hour"))), "29 days 23:00:00");
  EXPECT_EQ(FormatInterval(IntervalMultiply(ParseInterval("1 mon"), 1.5)), "1 mon 15 days");
  EXPECT_EQ(FormatInterval(IntervalDivide(ParseInterval("1 day"), 4)), "06:00:00");
  EXPECT_EQ(StateOf([] { IntervalDivide(ParseInterval("1 day"), 0); }), "22012");
}

TEST(DatetimeFieldsTest, TruncAndExtract) {
  DatePart p;
  ASSERT_TRUE(ParseDatePart("Month", &p));
  int64_t ts = Ts("2024-05-17 13:04:05.5");  // a Friday
  EXPECT_EQ(FormatTimestamp(TimestampTrunc(p, ts)), "2024-05-01 00:00:00");
  EXPECT_EQ(FormatTimestamp(TimestampTrunc(DatePart::kWeek, ts)), "2024-05-13 00:00:00");
  EXPECT_EQ(FormatTimestamp(TimestampTrunc(DatePart::kQuarter, ts)), "2024-04-01 00:00:00");
  EXPECT_EQ(FormatTimestamp(TimestampTrunc(DatePart::kHour, ts)), "2024-05-17 13:00:00");
  EXPECT_EQ(FormatTimestamp(TimestampTrunc(DatePart::kSecond, ts)), "2024-05-17 13:04:05");
  EXPECT_EQ(FormatTimestamp(TimestampTrunc(DatePart::kCentury, ts)), "2001-01-01 00:00:00");
  EXPECT_EQ(FormatTimestamp(TimestampTrunc(DatePart::kDecade, ts)), "2020-01-01 00:00:00");
  auto ex = [&](DatePart part) { return DecimalToString(ExtractTimestamp(part, ts)); };
  EXPECT_EQ(ex(DatePart::kYear), "2024");
  EXPECT_EQ(ex(DatePart::kSecond), "5.500000");
  EXPECT_EQ(ex(DatePart::kMilliseconds), "5500.000");
  EXPECT_EQ(ex(DatePart::kMicroseconds), "5500000");
  EXPECT_EQ(ex(DatePart::kDow), "5");
  EXPECT_EQ(ex(DatePart::kIsoDow), "5");
  EXPECT_EQ(ex(DatePart::kDoy), "138");
  EXPECT_EQ(ex(DatePart::kWeek), "20");
  EXPECT_EQ(ex(DatePart::kQuarter), "2");
  EXPECT_EQ(ex(DatePart::kCentury), "21");
  EXPECT_EQ(ex(DatePart::kMillennium), "3");
  EXPECT_EQ(ex(DatePart::kDecade), "202");
  EXPECT_EQ(DecimalToString(ExtractTimestamp(DatePart::kEpoch, Ts("2024-01-02 03:04:05"))),
            "1704164645.000000");
  EXPECT_EQ(DecimalToString(ExtractDate(DatePart::kIsoYear, ParseDate("2021-01-01"))), "2020");
  EXPECT_EQ(DecimalToString(ExtractDate(DatePart::kWeek, ParseDate("2021-01-01"))), "53");
  EXPECT_EQ(DecimalToString(ExtractDate(DatePart::kDow, ParseDate("2024-01-07"))), "0");
  EXPECT_EQ(StateOf([] { ExtractDate(DatePart::kHour, 0); }), "0A000");
  EXPECT_EQ(DecimalToString(ExtractInterval(DatePart::kEpoch, ParseInterval("1 day 1 sec"))),
            "86401.000000");
  EXPECT_EQ(DecimalToString(ExtractInterval(DatePart::kEpoch, ParseInterval("1 year"))),
            "31557600.000000");
  EXPECT_EQ(DecimalToString(ExtractInterval(DatePart::kMonth, ParseInterval("14 mons"))), "2");
}

}  // namespace
}  // namespace kadedb
