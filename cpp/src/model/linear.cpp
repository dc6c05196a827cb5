// LinearModel (inference, file format) and PerceptronTrainer.
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>

#include "newsdoc/model.hpp"

namespace newsdoc {

namespace model {
namespace {

constexpr char magic[8] = {'N', 'D', 'M', 'O', 'D', 'E', 'L', '\x1a'};
constexpr std::size_t max_labels = 4096;
// At most 2^28 weights (512 MB of int16): a file cannot ask for more memory.
constexpr std::size_t max_weights = std::size_t{1} << 28;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}
void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s.data(), s.size());
}

// Bounds-checked reader: every short read is a "truncated" ModelError.
struct Reader {
  std::string_view data;
  std::size_t at = 0;
  const std::string& name;

  [[noreturn]] void fail(const std::string& what) const {
    throw ModelError(name, what + " (at byte " + std::to_string(at) + " of " + std::to_string(data.size()) + ")");
  }
  void need(std::size_t n, const char* what) const {
    if (data.size() - at < n) fail(std::string("truncated file: ") + what + " is cut short");
  }
  std::uint32_t u32(const char* what) {
    need(4, what);
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + i])) << (8 * i);
    at += 4;
    return v;
  }
  std::uint64_t varint(const char* what) {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1, what);
      const auto b = static_cast<unsigned char>(data[at++]);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    fail(std::string("bad varint in ") + what);
  }
  std::string str(const char* what) {
    const std::uint64_t n = varint(what);
    need(n, what);
    std::string s(data.substr(at, n));
    at += n;
    return s;
  }
};

float to_float(std::uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}
std::uint32_t from_float(float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return bits;
}

template <std::size_t N>
void add_rows(const std::int16_t* const* rows, std::size_t count, std::int32_t* __restrict scores) {
  std::int32_t sum[N] = {};
  for (std::size_t k = 0; k < count; ++k)
    for (std::size_t c = 0; c < N; ++c) sum[c] += rows[k][c];
  for (std::size_t c = 0; c < N; ++c) scores[c] += sum[c];
}

}  // namespace

LinearModel::LinearModel(std::string component, std::string feature_set, unsigned hash_bits,
                         std::vector<std::string> labels)
    : component_(std::move(component)),
      feature_set_(std::move(feature_set)),
      hash_bits_(hash_bits),
      labels_(std::move(labels)) {
  if (hash_bits_ < 8 || hash_bits_ > 26) throw ModelError("", "hash_bits must be in [8, 26]");
  if (labels_.empty() || labels_.size() > max_labels) throw ModelError("", "a model needs 1 to 4096 labels");
  if ((std::size_t{1} << hash_bits_) * labels_.size() > max_weights)
    throw ModelError("", "more than 2^28 weights: fewer hash bits or labels");
  clear_weights();
}

void LinearModel::clear_weights() {
  presence_.assign((std::size_t{1} << hash_bits_) / 64, Presence{});
  rows_.clear();
}

void LinearModel::reserve_rows(std::size_t weights) { rows_.reserve(weights); }

void LinearModel::append_row(std::size_t bucket, const std::int16_t* row) {
  const std::size_t n = labels_.size();
  if (std::all_of(row, row + n, [](std::int16_t w) { return w == 0; })) return;
  presence_[bucket / 64].bits |= std::uint64_t{1} << (bucket % 64);
  rows_.insert(rows_.end(), row, row + n);
}

void LinearModel::index_rows() {
  std::uint32_t rows = 0;
  for (Presence& p : presence_) {
    p.rows_before = rows;
    rows += static_cast<std::uint32_t>(__builtin_popcountll(p.bits));
  }
}

int LinearModel::label_index(std::string_view label) const noexcept {
  for (std::size_t i = 0; i < labels_.size(); ++i)
    if (labels_[i] == label) return static_cast<int>(i);
  return -1;
}

void LinearModel::add_scores(const FeatureHash* features, std::size_t count, std::int32_t* scores) const noexcept {
  const std::size_t n = labels_.size();
  // Two steps over a batch of features, so that the cache misses of one
  // step's loads overlap: the presence words, then the rows.
  constexpr std::size_t batch = 32;
  const Presence* words[batch];
  std::uint64_t bits[batch];
  const std::int16_t* rows[batch];
  for (std::size_t at = 0; at < count; at += batch) {
    const std::size_t m = std::min(batch, count - at);
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t b = bucket(features[at + k]);
      words[k] = &presence_[b / 64];
      bits[k] = std::uint64_t{1} << (b % 64);
      __builtin_prefetch(words[k]);
    }
    std::size_t found = 0;
    for (std::size_t k = 0; k < m; ++k) {
      const Presence& p = *words[k];
      if ((p.bits & bits[k]) == 0) continue;
      const std::size_t row = p.rows_before + static_cast<std::size_t>(__builtin_popcountll(p.bits & (bits[k] - 1)));
      rows[found] = rows_.data() + row * n;
      __builtin_prefetch(rows[found]);
      if (n > 32) __builtin_prefetch(rows[found] + 32);
      ++found;
    }
    switch (n) {  // the label counts of the shipped models, unrolled
      case 7: add_rows<7>(rows, found, scores); break;
      case 9: add_rows<9>(rows, found, scores); break;
      case 45: add_rows<45>(rows, found, scores); break;
      default:
        for (std::size_t k = 0; k < found; ++k)
          for (std::size_t c = 0; c < n; ++c) scores[c] += rows[k][c];
    }
  }
}

void LinearModel::add_scores_each(const FeatureHash* features, const std::size_t* start, std::size_t items,
                                  std::int32_t* scores) const noexcept {
  const std::size_t n = labels_.size();
  const std::size_t total = start[items];
  // A pipeline over all the features: a feature's presence word is fetched
  // `ahead` steps before its row is found, and its row `ahead` steps before
  // its weights are added.
  constexpr std::size_t ahead = 16, ring = 2 * ahead;
  std::size_t buckets[ring];
  const std::int16_t* rows[ring];
  std::size_t item = 0;
  for (std::size_t k = 0; k < total + 2 * ahead; ++k) {
    if (k < total) {
      const std::size_t b = bucket(features[k]);
      buckets[k % ring] = b;
      __builtin_prefetch(&presence_[b / 64]);
    }
    if (k >= ahead && k - ahead < total) {
      const std::size_t m = k - ahead;
      const std::size_t b = buckets[m % ring];
      const Presence& p = presence_[b / 64];
      const std::uint64_t bit = std::uint64_t{1} << (b % 64);
      const std::int16_t* row = nullptr;
      if ((p.bits & bit) != 0) {
        row = rows_.data() + (p.rows_before + static_cast<std::size_t>(__builtin_popcountll(p.bits & (bit - 1)))) * n;
        __builtin_prefetch(row);
        if (n > 32) __builtin_prefetch(row + 32), __builtin_prefetch(row + n - 1);
      }
      rows[m % ring] = row;
    }
    if (k >= 2 * ahead) {
      const std::size_t m = k - 2 * ahead;
      const std::int16_t* row = rows[m % ring];
      if (row == nullptr) continue;
      while (start[item + 1] <= m) ++item;
      std::int32_t* out = scores + item * n;
      switch (n) {  // the label counts of the shipped models, unrolled
        case 7: add_rows<7>(&row, 1, out); break;
        case 9: add_rows<9>(&row, 1, out); break;
        case 45: add_rows<45>(&row, 1, out); break;
        default:
          for (std::size_t c = 0; c < n; ++c) out[c] += row[c];
      }
    }
  }
}

int LinearModel::predict(const std::vector<FeatureHash>& features) const {
  std::vector<std::int32_t> scores(labels_.size(), 0);
  add_scores(features.data(), features.size(), scores.data());
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

void LinearModel::set_weights(const std::vector<float>& weights) {
  const std::size_t n = labels_.size();
  if (weights.size() != (std::size_t{1} << hash_bits_) * n) throw ModelError("", "set_weights: wrong number of weights");
  float max_abs = 0;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  clear_weights();
  std::vector<std::int16_t> row(n);
  for (std::size_t r = 0; r < presence_.size() * 64; ++r) {
    for (std::size_t c = 0; c < n; ++c) row[c] = static_cast<std::int16_t>(std::lround(weights[r * n + c] / scale_));
    append_row(r, row.data());
  }
  index_rows();
}

std::string LinearModel::to_bytes() const {
  std::string out(magic, sizeof magic);
  put_u32(out, format_version);
  put_string(out, component_);
  put_string(out, feature_set_);
  put_u32(out, hash_bits_);
  put_varint(out, labels_.size());
  for (const std::string& l : labels_) put_string(out, l);
  put_string(out, info_);
  put_u32(out, from_float(scale_));
  const std::size_t n = labels_.size();
  const std::size_t mask_bytes = (n + 7) / 8;
  put_varint(out, rows_.size() / n);
  std::size_t last = 0;
  const std::int16_t* row = rows_.data();
  std::string mask(mask_bytes, '\0');
  for (std::size_t w = 0; w < presence_.size(); ++w) {
    for (std::uint64_t bits = presence_[w].bits; bits != 0; bits &= bits - 1, row += n) {
      const std::size_t r = w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
      put_varint(out, r - last);
      last = r;
      std::fill(mask.begin(), mask.end(), '\0');
      for (std::size_t c = 0; c < n; ++c)
        if (row[c] != 0) mask[c / 8] = static_cast<char>(static_cast<unsigned char>(mask[c / 8]) | (1u << (c % 8)));
      out += mask;
      for (std::size_t c = 0; c < n; ++c)
        if (row[c] != 0) {
          const auto v = static_cast<std::uint16_t>(row[c]);
          out += static_cast<char>(v & 0xFF);
          out += static_cast<char>(v >> 8);
        }
    }
  }
  const auto crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())));
  put_u32(out, crc);
  return out;
}

LinearModel LinearModel::from_bytes(std::string_view bytes, const std::string& name, std::string_view component) {
  if (bytes.size() < sizeof magic || std::memcmp(bytes.data(), magic, sizeof magic) != 0)
    throw ModelError(name, "not a newsdoc model file (wrong magic bytes)");
  Reader in{bytes, sizeof magic, name};
  const std::uint32_t version = in.u32("format version");
  if (version != format_version)
    throw ModelError(name, "model format version " + std::to_string(version) + " is not supported (this newsdoc reads version " +
                               std::to_string(format_version) + ")");
  if (bytes.size() < sizeof magic + 8) in.fail("truncated file: no checksum");
  const std::string_view body = bytes.substr(0, bytes.size() - 4);
  Reader tail{bytes, bytes.size() - 4, name};
  const std::uint32_t stored = tail.u32("checksum");
  const auto actual = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
  if (stored != actual)
    throw ModelError(name, "checksum mismatch: the file is corrupt or truncated (CRC32 stored " + std::to_string(stored) +
                               ", computed " + std::to_string(actual) + ")");
  in.data = body;
  LinearModel m;
  m.component_ = in.str("component name");
  if (!component.empty() && m.component_ != component)
    throw ModelError(name, "holds a '" + m.component_ + "' model, expected a '" + std::string(component) + "' model");
  m.feature_set_ = in.str("feature set");
  m.hash_bits_ = in.u32("hash width");
  if (m.hash_bits_ < 8 || m.hash_bits_ > 26) in.fail("hash width " + std::to_string(m.hash_bits_) + " outside [8, 26]");
  const std::uint64_t n = in.varint("label count");
  if (n == 0 || n > max_labels) in.fail("label count " + std::to_string(n) + " outside [1, 4096]");
  if ((std::size_t{1} << m.hash_bits_) * n > max_weights)
    in.fail("2^" + std::to_string(m.hash_bits_) + " buckets x " + std::to_string(n) + " labels is more than 2^28 weights");
  m.labels_.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) m.labels_.push_back(in.str("label"));
  m.info_ = in.str("info");
  m.scale_ = to_float(in.u32("scale"));
  if (!(m.scale_ > 0) || !std::isfinite(m.scale_)) in.fail("bad weight scale");
  const std::size_t rows = std::size_t{1} << m.hash_bits_;
  m.clear_weights();
  const std::uint64_t nonzero = in.varint("row count");
  if (nonzero > rows) in.fail("row count larger than the table");
  const std::size_t mask_bytes = (n + 7) / 8;
  if (nonzero > (in.data.size() - in.at) / (1 + mask_bytes)) in.fail("row count larger than the file holds");
  m.reserve_rows(nonzero * n);
  std::vector<std::int16_t> row(n);
  std::size_t r = 0;
  for (std::uint64_t k = 0; k < nonzero; ++k) {
    const std::uint64_t delta = in.varint("row index");
    if (delta > rows || r + delta >= rows || (k > 0 && delta == 0)) in.fail("row index out of range");
    r += delta;
    in.need(mask_bytes, "row mask");
    const char* mask = in.data.data() + in.at;
    in.at += mask_bytes;
    std::fill(row.begin(), row.end(), 0);
    for (std::size_t c = 0; c < n; ++c) {
      if ((static_cast<unsigned char>(mask[c / 8]) >> (c % 8) & 1) == 0) continue;
      in.need(2, "weights");
      const auto lo = static_cast<unsigned char>(in.data[in.at]);
      const auto hi = static_cast<unsigned char>(in.data[in.at + 1]);
      row[c] = static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)));
      in.at += 2;
    }
    m.append_row(r, row.data());
  }
  if (in.at != body.size()) in.fail("trailing bytes after the weights");
  m.index_rows();
  return m;
}

LinearModel LinearModel::load(const std::string& path, std::string_view component) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw IoError(path, std::string("cannot open model file: ") + std::strerror(errno));
  std::string bytes;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    const long size = std::ftell(f);
    if (size > 0) {
      bytes.resize(static_cast<std::size_t>(size));
      std::fseek(f, 0, SEEK_SET);
      const std::size_t got = std::fread(bytes.data(), 1, bytes.size(), f);
      bytes.resize(got);
    }
  }
  const bool error = std::ferror(f) != 0;
  std::fclose(f);
  if (error) throw IoError(path, "cannot read model file");
  return from_bytes(bytes, path, component);
}

void LinearModel::save(const std::string& path) const {
  const std::string bytes = to_bytes();
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError(tmp, "cannot create model file");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw IoError(tmp, "cannot write model file");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw IoError(path, "cannot rename the written model file into place");
}

PerceptronTrainer::PerceptronTrainer(std::string component, std::string feature_set, unsigned hash_bits,
                                     std::vector<std::string> labels)
    : component_(std::move(component)),
      feature_set_(std::move(feature_set)),
      hash_bits_(hash_bits),
      labels_(std::move(labels)) {
  if (hash_bits_ < 8 || hash_bits_ > 26) throw ModelError("", "hash_bits must be in [8, 26]");
  if (labels_.empty() || labels_.size() > max_labels) throw ModelError("", "a model needs 1 to 4096 labels");
  if ((std::size_t{1} << hash_bits_) * labels_.size() > max_weights)
    throw ModelError("", "more than 2^28 weights: fewer hash bits or labels");
  weights_.assign((std::size_t{1} << hash_bits_) * labels_.size(), 0.0f);
  totals_.assign(weights_.size(), 0.0);
}

int PerceptronTrainer::predict(const FeatureHash* features, std::size_t count, const int* allowed) const {
  const std::size_t n = labels_.size();
  thread_local std::vector<float> scores;
  scores.assign(n, 0.0f);
  for (std::size_t k = 0; k < count; ++k) {
    const float* row = weights_.data() + bucket(features[k]) * n;
    for (std::size_t c = 0; c < n; ++c) scores[c] += row[c];
  }
  if (allowed == nullptr) return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  int best = -1;
  for (std::size_t c = 0; c < n; ++c)
    if (allowed[c] != 0 && (best < 0 || scores[c] > scores[static_cast<std::size_t>(best)])) best = static_cast<int>(c);
  return best;
}

float PerceptronTrainer::score(const FeatureHash* features, std::size_t count, int label) const {
  const std::size_t n = labels_.size();
  float sum = 0;
  for (std::size_t k = 0; k < count; ++k) sum += weights_[bucket(features[k]) * n + static_cast<std::size_t>(label)];
  return sum;
}

void PerceptronTrainer::update(const FeatureHash* features, std::size_t count, int truth, int guess) {
  if (truth != guess) {
    const std::size_t n = labels_.size();
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t row = bucket(features[k]) * n;
      weights_[row + static_cast<std::size_t>(truth)] += 1.0f;
      totals_[row + static_cast<std::size_t>(truth)] += clock_;
      weights_[row + static_cast<std::size_t>(guess)] -= 1.0f;
      totals_[row + static_cast<std::size_t>(guess)] -= clock_;
    }
  }
  clock_ += 1;
}

int PerceptronTrainer::train(const std::vector<FeatureHash>& f, int truth) {
  const int guess = predict(f);
  update(f, truth, guess);
  return guess;
}

LinearModel PerceptronTrainer::finish() const {
  LinearModel m(component_, feature_set_, hash_bits_, labels_);
  std::vector<float> avg(weights_.size());
  for (std::size_t i = 0; i < weights_.size(); ++i)
    avg[i] = static_cast<float>(static_cast<double>(weights_[i]) - totals_[i] / clock_);
  m.set_weights(avg);
  return m;
}

}  // namespace model
}  // namespace newsdoc
