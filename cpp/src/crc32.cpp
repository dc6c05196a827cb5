#include "crc32.hpp"

#include <zlib.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define NEWSDOC_CRC32_CLMUL 1
#endif

namespace newsdoc::detail {
namespace {

std::uint32_t zlib_crc32(std::uint32_t crc, const char* data, std::size_t size) noexcept {
  return static_cast<std::uint32_t>(crc32_z(crc, reinterpret_cast<const Bytef*>(data), size));
}

#ifdef NEWSDOC_CRC32_CLMUL
// zlib's table-driven CRC-32 runs at 2-3 GB/s, as slow as the rest of a
// reopen together; folding 64 bytes at a time with PCLMULQDQ runs about three
// times faster. This is the method of Gopal et al., "Fast CRC Computation for
// Generic Polynomials Using PCLMULQDQ Instruction" (Intel, 2009), with the
// bit-reflected constants for the CRC-32 polynomial 0x04C11DB7 that the Linux
// kernel and Chromium's zlib use.
#define NEWSDOC_CLMUL_TARGET __attribute__((target("pclmul,sse4.1")))

/// `x` folded 128 bits forward with the constants `k`, and the next block added.
NEWSDOC_CLMUL_TARGET inline __m128i fold16(__m128i x, __m128i k, __m128i next) noexcept {
  return _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x11), next), _mm_clmulepi64_si128(x, k, 0x00));
}

// Folding constants: x^(d+32) and x^(d-32) mod P, bit-reflected, for a fold
// over d bits.
alignas(16) constexpr std::uint64_t fold_512_bits[] = {0x0154442bd4, 0x01c6e41596};
alignas(16) constexpr std::uint64_t fold_128_bits[] = {0x01751997d0, 0x00ccaa009e};

NEWSDOC_CLMUL_TARGET inline __m128i load16(const char* p) noexcept {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

/// The CRC of the folded state `x1` followed by `size` bytes (a multiple of
/// 16); the result is inverted (as zlib keeps it inside).
NEWSDOC_CLMUL_TARGET std::uint32_t finish(__m128i x1, const char* data, std::size_t size) noexcept {
  alignas(16) static const std::uint64_t k5k0[] = {0x0163cd6124, 0x0000000000};
  alignas(16) static const std::uint64_t poly[] = {0x01db710641, 0x01f7011641};
  __m128i k = _mm_load_si128(reinterpret_cast<const __m128i*>(fold_128_bits));
  for (; size >= 16; data += 16, size -= 16) x1 = fold16(x1, k, load16(data));
  // 128 bits to 64, then Barrett reduction to 32.
  __m128i x0 = _mm_clmulepi64_si128(x1, k, 0x10);
  const __m128i low32 = _mm_setr_epi32(~0, 0, ~0, 0);
  x1 = _mm_xor_si128(_mm_srli_si128(x1, 8), x0);
  k = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(k5k0));
  x0 = _mm_srli_si128(x1, 4);
  x1 = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, low32), k, 0x00), x0);
  k = _mm_load_si128(reinterpret_cast<const __m128i*>(poly));
  x0 = _mm_clmulepi64_si128(_mm_and_si128(x1, low32), k, 0x10);
  x0 = _mm_clmulepi64_si128(_mm_and_si128(x0, low32), k, 0x00);
  x1 = _mm_xor_si128(x1, x0);
  return static_cast<std::uint32_t>(_mm_extract_epi32(x1, 1));
}

/// The CRC of `size` bytes, a multiple of 16 and at least 64, continuing
/// `crc`; `crc` and the result are inverted (as zlib keeps them inside).
NEWSDOC_CLMUL_TARGET std::uint32_t fold(const char* data, std::size_t size, std::uint32_t crc) noexcept {
  __m128i x1 = load16(data), x2 = load16(data + 16), x3 = load16(data + 32), x4 = load16(data + 48);
  x1 = _mm_xor_si128(x1, _mm_cvtsi32_si128(static_cast<int>(crc)));
  __m128i k = _mm_load_si128(reinterpret_cast<const __m128i*>(fold_512_bits));
  data += 64;
  size -= 64;
  // Four lanes of 16 bytes, each folded 64 bytes forward.
  for (; size >= 64; data += 64, size -= 64) {
    const __m128i x5 = _mm_clmulepi64_si128(x1, k, 0x00), x6 = _mm_clmulepi64_si128(x2, k, 0x00);
    const __m128i x7 = _mm_clmulepi64_si128(x3, k, 0x00), x8 = _mm_clmulepi64_si128(x4, k, 0x00);
    x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, k, 0x11), x5), load16(data));
    x2 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x2, k, 0x11), x6), load16(data + 16));
    x3 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x3, k, 0x11), x7), load16(data + 32));
    x4 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x4, k, 0x11), x8), load16(data + 48));
  }
  // The four lanes into one.
  k = _mm_load_si128(reinterpret_cast<const __m128i*>(fold_128_bits));
  x1 = fold16(x1, k, x2);
  x1 = fold16(x1, k, x3);
  x1 = fold16(x1, k, x4);
  return finish(x1, data, size);
}

#define NEWSDOC_VPCLMUL_TARGET __attribute__((target("avx512f,vpclmulqdq,pclmul,sse4.1")))

/// `x` folded forward by the distance of `k`, and `next` added: four 128-bit lanes at once.
NEWSDOC_VPCLMUL_TARGET inline __m512i fold64(__m512i x, __m512i k, __m512i next) noexcept {
  return _mm512_xor_si512(_mm512_xor_si512(_mm512_clmulepi64_epi128(x, k, 0x11), next),
                          _mm512_clmulepi64_epi128(x, k, 0x00));
}

/// As fold(), for at least 256 bytes, with 512-bit carry-less multiplies
/// (AVX-512 VPCLMULQDQ): four registers of four lanes fold 256 bytes a step,
/// twice as fast again. The constants for 2048 bits are those of Chromium's
/// zlib (crc32_simd.c).
NEWSDOC_VPCLMUL_TARGET std::uint32_t fold_wide(const char* data, std::size_t size, std::uint32_t crc) noexcept {
  const auto load = [](const char* p) { return _mm512_loadu_si512(p); };
  const auto constants = [](std::uint64_t low, std::uint64_t high) {
    return _mm512_set_epi64(static_cast<long long>(high), static_cast<long long>(low), static_cast<long long>(high),
                            static_cast<long long>(low), static_cast<long long>(high), static_cast<long long>(low),
                            static_cast<long long>(high), static_cast<long long>(low));
  };
  __m512i x1 = load(data), x2 = load(data + 64), x3 = load(data + 128), x4 = load(data + 192);
  x1 = _mm512_xor_si512(x1, _mm512_zextsi128_si512(_mm_cvtsi32_si128(static_cast<int>(crc))));
  data += 256;
  size -= 256;
  const __m512i k2048 = constants(0x011542778a, 0x01322d1430);
  for (; size >= 256; data += 256, size -= 256) {
    x1 = fold64(x1, k2048, load(data));
    x2 = fold64(x2, k2048, load(data + 64));
    x3 = fold64(x3, k2048, load(data + 128));
    x4 = fold64(x4, k2048, load(data + 192));
  }
  // The four registers into one, then the remaining 64-byte blocks.
  const __m512i k512 = constants(fold_512_bits[0], fold_512_bits[1]);
  x1 = fold64(x1, k512, x2);
  x1 = fold64(x1, k512, x3);
  x1 = fold64(x1, k512, x4);
  for (; size >= 64; data += 64, size -= 64) x1 = fold64(x1, k512, load(data));
  // Its four lanes into one.
  const __m128i k128 = _mm_load_si128(reinterpret_cast<const __m128i*>(fold_128_bits));
  alignas(64) __m128i lanes[4];
  _mm512_store_si512(lanes, x1);
  __m128i lane = lanes[0];
  for (int i = 1; i < 4; ++i) lane = fold16(lane, k128, lanes[i]);
  return finish(lane, data, size);
}

bool has_vpclmul() noexcept {
  static const bool supported = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("vpclmulqdq") &&
                                __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return supported;
}

bool has_clmul() noexcept {
  static const bool supported = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return supported;
}
#endif

}  // namespace

std::uint32_t crc32(std::uint32_t crc, const char* data, std::size_t size) noexcept {
#ifdef NEWSDOC_CRC32_CLMUL
  if (size >= 64 && has_clmul()) {
    const std::size_t folded = size & ~std::size_t{15};
    crc = ~(folded >= 256 && has_vpclmul() ? fold_wide(data, folded, ~crc) : fold(data, folded, ~crc));
    data += folded;
    size -= folded;
  }
#endif
  return zlib_crc32(crc, data, size);
}

}  // namespace newsdoc::detail
