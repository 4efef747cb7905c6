// See include/SHAExtensions.h.
#include "SHAExtensions.h"

const uint32_t sha256_round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int sha_extensions_available(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}


__attribute__((target("sha,ssse3,sse4.1")))
void sha_extensions_compress(uint32_t state[8], const uint8_t *blocks, size_t count) {
    // Each message word is stored big-endian: reverse the bytes of each 32-bit lane.
    const __m128i big_endian = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    // SHA256RNDS2 keeps the state as two vectors, (a, b, e, f) and (c, d, g, h), with a and c in
    // the highest lane.
    const __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);  // lanes b a d c
    const __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);  // lanes h g f e
    __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);       // lanes f e b a
    __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0);    // lanes h g d c

    for (size_t block = 0; block < count; block++, blocks += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        // w[k] holds message words 4k to 4k + 3 of the group of four rounds k, modulo 4.
        __m128i w[4];
        for (int k = 0; k < 16; k++) {
            __m128i words;
            if (k < 4) {
                words = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16 * k)), big_endian);
            } else {
                // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four words at a time:
                // MSG1 adds s0 of the next group's words to the group four back, the align
                // brings W[t-7..t-4], MSG2 adds s1 of the words just made.
                const __m128i previous = w[(k - 1) & 3];
                words = _mm_sha256msg1_epu32(w[k & 3], w[(k - 3) & 3]);
                words = _mm_add_epi32(words, _mm_alignr_epi8(previous, w[(k - 2) & 3], 4));
                words = _mm_sha256msg2_epu32(words, previous);
            }
            w[k & 3] = words;
            __m128i scheduled = _mm_add_epi32(words, _mm_loadu_si128((const __m128i *)&sha256_round_constants[4 * k]));
            // Two rounds on the low two lanes, then two on the high two.
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, scheduled);
            scheduled = _mm_shuffle_epi32(scheduled, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, scheduled);
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    const __m128i abef_in_order = _mm_shuffle_epi32(abef, 0x1B);  // lanes a b e f
    const __m128i cdgh_swapped = _mm_shuffle_epi32(cdgh, 0xB1);   // lanes g h c d
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(abef_in_order, cdgh_swapped, 0xF0));  // a b c d
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(cdgh_swapped, abef_in_order, 8));     // e f g h
}

#else

int sha_extensions_available(void) { return 0; }

void sha_extensions_compress(uint32_t state[8], const uint8_t *blocks, size_t count) {
    (void)state;
    (void)blocks;
    (void)count;
}

#endif
