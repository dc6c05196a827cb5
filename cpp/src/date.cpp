// Publication dates into instants: see newsdoc/date.hpp for the rules.
#include "newsdoc/date.hpp"

#include <array>
#include <cctype>
#include <string>

namespace newsdoc {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/// A reading position in the string.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  void spaces() {
    while (!done() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool take(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  /// An unsigned number of `min`..`max` digits (not followed by another digit).
  bool number(int min, int max, int& out, int* count = nullptr) {
    std::size_t j = i;
    int n = 0;
    long value = 0;
    while (j < s.size() && is_digit(s[j]) && n < max + 1) {
      value = value * 10 + (s[j] - '0');
      ++j;
      ++n;
    }
    if (n < min || n > max) return false;
    out = static_cast<int>(value);
    if (count) *count = n;
    i = j;
    return true;
  }
  std::string word() {
    std::string out;
    while (!done() && is_alpha(s[i])) out += lower(s[i++]);
    return out;
  }
};

int month_of(const std::string& word) {
  static constexpr std::array<std::string_view, 12> names{"january", "february", "march", "april", "may", "june",
                                                          "july", "august", "september", "october", "november",
                                                          "december"};
  if (word.size() < 3) return 0;
  for (std::size_t m = 0; m < names.size(); ++m) {
    if (names[m].substr(0, word.size()) == word || (word == "sept" && m == 8)) return static_cast<int>(m) + 1;
  }
  return 0;
}

bool is_weekday(const std::string& word) {
  for (std::string_view d : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    if (word.size() >= 3 && d.substr(0, word.size()) == word) return true;
  }
  return word == "tues" || word == "thur" || word == "thurs";
}

struct Parts {
  std::int64_t year = 0;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::uint32_t micro = 0;
  int offset = 0;  // seconds east of UTC
  DatePrecision precision = DatePrecision::day;
};

/// "10:30", "10:30:15.250", "10:30 pm": sets the time of `p`.
bool read_time(Cursor& c, Parts& p) {
  const std::size_t start = c.i;
  int h = 0, m = 0;
  if (!c.number(1, 2, h) || !c.take(':') || !c.number(2, 2, m)) {
    c.i = start;
    return false;
  }
  p.hour = h;
  p.minute = m;
  p.precision = DatePrecision::minute;
  if (c.take(':')) {
    int sec = 0;
    if (!c.number(2, 2, sec)) return false;
    p.second = sec == 60 ? 59 : sec;
    p.precision = DatePrecision::second;
    if (c.peek() == '.' || c.peek() == ',') {
      ++c.i;
      std::uint32_t micro = 0;
      int digits = 0;
      while (is_digit(c.peek())) {
        if (digits < 6) micro = micro * 10 + static_cast<std::uint32_t>(c.peek() - '0');
        ++digits;
        ++c.i;
      }
      if (digits == 0) return false;
      for (int d = digits; d < 6; ++d) micro *= 10;
      p.micro = micro;
    }
  }
  const std::size_t before = c.i;
  c.spaces();
  const std::string ampm = [&] {
    const std::size_t at = c.i;
    std::string w;
    while (!c.done() && (is_alpha(c.peek()) || c.peek() == '.')) {
      if (c.peek() != '.') w += lower(c.peek());
      ++c.i;
    }
    if (w != "am" && w != "pm") c.i = at;
    return w;
  }();
  if (ampm == "am" || ampm == "pm") {
    if (p.hour < 1 || p.hour > 12) return false;
    if (ampm == "am" && p.hour == 12) p.hour = 0;
    if (ampm == "pm" && p.hour != 12) p.hour += 12;
  } else {
    c.i = before;
  }
  return p.hour <= 23 && p.minute <= 59;
}

/// A zone: Z, +01:00, +0100, +01, UTC, GMT, UT, EST, ... Returns false on a malformed one.
bool read_zone(Cursor& c, Parts& p) {
  c.spaces();
  if (c.done()) return true;
  if (c.peek() == 'Z' && (c.i + 1 == c.s.size())) {
    ++c.i;
    return true;
  }
  if (c.peek() == '+' || c.peek() == '-') {
    const int sign = c.peek() == '-' ? -1 : 1;
    ++c.i;
    int h = 0, m = 0, n = 0;
    if (!c.number(2, 4, h, &n)) return false;
    if (n == 4) {
      m = h % 100;
      h /= 100;
    } else if (n == 3) {
      return false;
    } else if (c.take(':')) {
      if (!c.number(2, 2, m)) return false;
    }
    if (h > 14 || m > 59) return false;
    p.offset = sign * (h * 3600 + m * 60);
    return true;
  }
  const std::size_t at = c.i;
  const std::string name = c.word();
  static constexpr std::array<std::pair<std::string_view, int>, 16> zones{{
      {"z", 0}, {"ut", 0}, {"utc", 0}, {"gmt", 0}, {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
      {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}, {"bst", 1}, {"cet", 1}, {"cest", 2}, {"eet", 2}}};
  for (const auto& [zone, hours] : zones) {
    if (name == zone) {
      p.offset = hours * 3600;
      // "GMT+1", "UTC-05:00"
      if (c.peek() == '+' || c.peek() == '-') return read_zone(c, p);
      return true;
    }
  }
  c.i = at;
  return false;
}

bool finish(Cursor& c, Parts& p) {
  if (!read_zone(c, p)) return false;
  c.spaces();
  return c.done();
}

/// Time and zone after a date, if any.
bool read_rest(Cursor& c, Parts& p) {
  const std::size_t at = c.i;
  if (c.take('T') || c.take('t') || c.take(' ') || c.take(',')) {
    c.spaces();
    c.take(',');
    c.spaces();
    const std::size_t word_at = c.i;
    if (c.word() == "at") {  // "March 5, 2019 at 10:30"
      c.spaces();
    } else {
      c.i = word_at;
    }
    if (!read_time(c, p)) c.i = at;
  }
  return finish(c, p);
}

std::int64_t two_digit_year(int y, int digits) {
  if (digits != 2) return y;
  return y < 69 ? 2000 + y : 1900 + y;
}

bool read_iso(Cursor& c, Parts& p) {
  int y = 0;
  if (!c.number(4, 4, y)) return false;
  p.year = y;
  p.precision = DatePrecision::year;
  const char sep = c.peek();
  if (sep == '-' || sep == '/') {
    ++c.i;
    if (!c.number(1, 2, p.month)) return false;
    p.precision = DatePrecision::month;
    if (c.take(sep)) {
      if (!c.number(1, 2, p.day)) return false;
      p.precision = DatePrecision::day;
      return read_rest(c, p);
    }
  }
  return finish(c, p);
}

bool read_numeric(Cursor& c, Parts& p) {
  int a = 0, b = 0, y = 0, digits = 0;
  if (!c.number(1, 2, a)) return false;
  const char sep = c.peek();
  if (sep != '/' && sep != '.' && sep != '-') return false;
  ++c.i;
  if (!c.number(1, 2, b) || !c.take(sep) || !c.number(2, 4, y, &digits) || digits == 3) return false;
  p.year = two_digit_year(y, digits);
  if (sep == '.' || a > 12) {
    p.day = a;
    p.month = b;
  } else {
    p.month = a;
    p.day = b;
  }
  return read_rest(c, p);
}

bool read_words(Cursor& c, Parts& p) {
  std::string w = c.word();
  if (is_weekday(w)) {
    c.take('.');
    c.take(',');
    c.spaces();
    if (is_alpha(c.peek())) {
      w = c.word();
    } else {
      w.clear();
    }
  }
  int day = 0, month = 0, y = 0, digits = 0;
  if (w.empty()) {
    // "05 Mar 2019" (RFC 2822) or "5 March 2019"
    if (!c.number(1, 2, day)) return false;
    c.spaces();
    month = month_of(c.word());
    if (!month) return false;
    c.take('.');
    c.take(',');
    c.spaces();
  } else {
    month = month_of(w);
    if (!month) return false;
    c.take('.');
    c.spaces();
    const std::size_t at = c.i;
    int n = 0;
    if (c.number(1, 2, day, &n) && !is_digit(c.peek())) {
      c.spaces();
      c.word();  // "5th"
      if (!c.take(',')) {
        c.spaces();
      }
      c.spaces();
    } else {
      c.i = at;
      day = 0;
    }
  }
  if (!c.number(4, 4, y, &digits) && !c.number(2, 2, y, &digits)) return false;
  p.year = two_digit_year(y, digits);
  p.month = month;
  if (day == 0) {
    p.precision = DatePrecision::month;
    return finish(c, p);
  }
  p.day = day;
  p.precision = DatePrecision::day;
  return read_rest(c, p);
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  // Howard Hinnant's algorithm.
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<DateTime> parse_date(std::string_view text) noexcept {
  try {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.empty() || text.size() > 100) return std::nullopt;
    Parts p;
    bool ok = false;
    for (int attempt = 0; attempt < 3 && !ok; ++attempt) {
      Cursor c{text};
      p = Parts{};
      if (attempt == 0) ok = is_digit(text[0]) && read_iso(c, p);
      if (attempt == 1) ok = is_digit(text[0]) && read_numeric(c, p);
      if (attempt == 2) ok = read_words(c, p);
    }
    if (!ok) return std::nullopt;
    if (p.year < 1 || p.year > 9999 || p.month < 1 || p.month > 12 || p.day < 1 ||
        static_cast<unsigned>(p.day) > days_in_month(p.year, static_cast<unsigned>(p.month))) {
      return std::nullopt;
    }
    DateTime out;
    out.seconds = days_from_civil(p.year, static_cast<unsigned>(p.month), static_cast<unsigned>(p.day)) * 86400 +
                  p.hour * 3600 + p.minute * 60 + p.second - p.offset;
    out.microseconds = p.micro;
    out.precision = p.precision;
    return out;
  } catch (...) {
    return std::nullopt;
  }
}

std::int64_t period_end(const DateTime& date) noexcept {
  const std::int64_t days = (date.seconds >= 0 ? date.seconds : date.seconds - 86399) / 86400;
  switch (date.precision) {
    case DatePrecision::second: return date.seconds;
    case DatePrecision::minute: return date.seconds + 59;
    case DatePrecision::day: return days * 86400 + 86399;
    default: break;
  }
  // Month or year: from the civil date of the start.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  if (date.precision == DatePrecision::year) return days_from_civil(y + 1, 1, 1) * 86400 - 1;
  return (m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1)) * 86400 - 1;
}

}  // namespace newsdoc
