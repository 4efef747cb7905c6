// The SHA-256 compression function on the x86 SHA extensions (SHA-NI), for EventStore's SHA256.
// Written for this package from the instructions' definitions (Intel SDM, SHA256RNDS2,
// SHA256MSG1, SHA256MSG2); checked against the portable Swift compression and FIPS 180-4 vectors
// in Tests/EventStoreTests/SHA256Tests.swift.
#ifndef SHA_EXTENSIONS_H
#define SHA_EXTENSIONS_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4, 4.2.2), for this compression and the portable one.
extern const uint32_t sha256_round_constants[64];

/// 1 when this processor has the SHA extensions (and SSSE3 and SSE4.1, which the code also
/// uses), else 0. Always 0 on other architectures.
int sha_extensions_available(void);

/// Runs the compression function over `count` whole 64-byte blocks at `blocks`, updating the
/// eight state words `state` (a to h, in host order). Call only when `sha_extensions_available()`.
void sha_extensions_compress(uint32_t state[8], const uint8_t *blocks, size_t count);

#endif
