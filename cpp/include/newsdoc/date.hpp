// Publication dates as news gives them, read into instants (UTC). The
// original string is never changed: Article::published() stays as given,
// and this parser derives an instant from it on demand.
//
// ## What is read (docs/schema.md, "Dates")
//   ISO 8601      2019-03-05, 2019-03, 2019, 2019-03-05T10:30, 2019-03-05 10:30:15.250,
//                 with a zone Z, +01:00, +0100, +01 or none; also 2019/03/05
//   RFC 2822      Tue, 05 Mar 2019 10:30:00 +0000 (also GMT, UT, EST, PDT, ...)
//   Month names   March 5, 2019; Mar 5 2019; 5 March 2019; March 2019; with an
//                 optional time ("10:30", "10:30 PM") and zone
//   Numeric       12/1/16 and 12/1/2016 are US month/day/year, unless the first
//                 number is over 12 (then day/month/year); 05.03.2019 is
//                 day.month.year
// A two-digit year is 1969–2068 (POSIX %y: 69–99 → 19xx, 00–68 → 20xx).
// No zone means UTC. Anything else, or an impossible date (2019-02-30),
// does not parse: std::nullopt, never an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsdoc {

/// How much of an instant a date string gave.
enum class DatePrecision : std::uint8_t { year, month, day, minute, second };

struct DateTime {
  std::int64_t seconds = 0;  ///< since 1970-01-01T00:00:00Z
  std::uint32_t microseconds = 0;
  DatePrecision precision = DatePrecision::day;
};

/// The instant `text` names, or nullopt when it is not a date newsdoc reads.
std::optional<DateTime> parse_date(std::string_view text) noexcept;

/// The last second of the period a date names: "2016-09" ends at
/// 2016-09-30T23:59:59Z, "2016-09-05" at 23:59:59 that day. Inclusive upper
/// bounds use it.
std::int64_t period_end(const DateTime& date) noexcept;

/// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept;

}  // namespace newsdoc
