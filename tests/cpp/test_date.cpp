// newsdoc::parse_date: the date forms news uses, into UTC instants.
#include <gtest/gtest.h>

#include <newsdoc/date.hpp>

#include <optional>
#include <string>

namespace {

using newsdoc::DatePrecision;
using newsdoc::parse_date;

std::int64_t at(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
  return newsdoc::days_from_civil(y, m, d) * 86400 + h * 3600 + min * 60 + s;
}

std::optional<std::int64_t> seconds(const std::string& text) {
  const auto d = parse_date(text);
  if (!d) return std::nullopt;
  return d->seconds;
}

TEST(Date, Iso8601) {
  EXPECT_EQ(seconds("2019-03-05"), at(2019, 3, 5));
  EXPECT_EQ(parse_date("2019-03-05")->precision, DatePrecision::day);
  EXPECT_EQ(seconds("2019-03"), at(2019, 3, 1));
  EXPECT_EQ(parse_date("2019")->precision, DatePrecision::year);
  EXPECT_EQ(seconds("2019-03-05T10:30"), at(2019, 3, 5, 10, 30));
  EXPECT_EQ(seconds("2019-03-05T10:30:15Z"), at(2019, 3, 5, 10, 30, 15));
  EXPECT_EQ(seconds("2019-03-05 10:30:15.250"), at(2019, 3, 5, 10, 30, 15));
  EXPECT_EQ(parse_date("2019-03-05 10:30:15.250")->microseconds, 250000u);
  EXPECT_EQ(seconds("2019-03-05T10:30:00+01:00"), at(2019, 3, 5, 9, 30));
  EXPECT_EQ(seconds("2019-03-05T10:30:00-0500"), at(2019, 3, 5, 15, 30));
  EXPECT_EQ(seconds("2019-03-05T10:30:00+01"), at(2019, 3, 5, 9, 30));
  EXPECT_EQ(seconds("2019-03-05 UTC"), at(2019, 3, 5));
  EXPECT_EQ(seconds("2019/03/05"), at(2019, 3, 5));
  EXPECT_EQ(seconds("  2016-09-01  "), at(2016, 9, 1));
}

TEST(Date, Rfc2822) {
  EXPECT_EQ(seconds("Tue, 05 Mar 2019 10:30:00 +0000"), at(2019, 3, 5, 10, 30));
  EXPECT_EQ(seconds("Tue, 5 Mar 2019 10:30:00 GMT"), at(2019, 3, 5, 10, 30));
  EXPECT_EQ(seconds("Tue, 05 Mar 2019 10:30:00 EST"), at(2019, 3, 5, 15, 30));
  EXPECT_EQ(seconds("05 Mar 2019 10:30 -0800"), at(2019, 3, 5, 18, 30));
}

TEST(Date, MonthNames) {
  EXPECT_EQ(seconds("March 5, 2019"), at(2019, 3, 5));
  EXPECT_EQ(seconds("Mar 5 2019"), at(2019, 3, 5));
  EXPECT_EQ(seconds("Mar. 5, 2019"), at(2019, 3, 5));
  EXPECT_EQ(seconds("5 March 2019"), at(2019, 3, 5));
  EXPECT_EQ(seconds("Tuesday, March 5, 2019"), at(2019, 3, 5));
  EXPECT_EQ(seconds("March 5, 2019 10:30 PM"), at(2019, 3, 5, 22, 30));
  EXPECT_EQ(seconds("March 5, 2019 at 12:15 am"), at(2019, 3, 5, 0, 15));
  EXPECT_EQ(seconds("September 2016"), at(2016, 9, 1));
  EXPECT_EQ(parse_date("September 2016")->precision, DatePrecision::month);
  EXPECT_EQ(seconds("Sept 30, 2016"), at(2016, 9, 30));
}

TEST(Date, NumericUsRule) {
  EXPECT_EQ(seconds("12/1/16"), at(2016, 12, 1));     // month/day/year
  EXPECT_EQ(seconds("12/1/2016"), at(2016, 12, 1));
  EXPECT_EQ(seconds("8/29/18"), at(2018, 8, 29));
  EXPECT_EQ(seconds("29/8/2018"), at(2018, 8, 29));   // first over 12: day/month/year
  EXPECT_EQ(seconds("05.03.2019"), at(2019, 3, 5));   // dots: day.month.year
  EXPECT_EQ(seconds("1/1/69"), at(1969, 1, 1));       // POSIX %y
  EXPECT_EQ(seconds("1/1/68"), at(2068, 1, 1));
  EXPECT_EQ(seconds("6/1/12 10:00"), at(2012, 6, 1, 10));
}

TEST(Date, NotDatesAreNullopt) {
  for (const char* text : {"", "   ", "yesterday", "2019-02-30", "2019-13-01", "13/13/2019", "2019-03-05T25:00",
                           "March 32, 2019", "12/1", "2019-03-05 nonsense", "12345678901234567890", "Mar", "0000-01-01"}) {
    EXPECT_FALSE(parse_date(text).has_value()) << text;
  }
}

TEST(Date, PeriodEnd) {
  EXPECT_EQ(newsdoc::period_end(*parse_date("2016-09")), at(2016, 9, 30, 23, 59, 59));
  EXPECT_EQ(newsdoc::period_end(*parse_date("2016-12")), at(2016, 12, 31, 23, 59, 59));
  EXPECT_EQ(newsdoc::period_end(*parse_date("2016")), at(2016, 12, 31, 23, 59, 59));
  EXPECT_EQ(newsdoc::period_end(*parse_date("2016-02-29")), at(2016, 2, 29, 23, 59, 59));
  EXPECT_EQ(newsdoc::period_end(*parse_date("1960-02")), at(1960, 2, 29, 23, 59, 59));
  EXPECT_EQ(newsdoc::period_end(*parse_date("2016-09-05T10:30")), at(2016, 9, 5, 10, 30, 59));
}

}  // namespace
