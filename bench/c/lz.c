// bench/c/lz.c: a compressed-data workload for bench/lz.wast (bench/c/build.sh compiles it to
// wasm32 with clang, freestanding). A megabyte of word-like text is compressed once with a
// byte-oriented LZ77 (a hash of the next four bytes finds one earlier candidate), then decoded
// `rounds` times; each decoded copy is checked byte for byte and its CRC-32 computed. run()
// returns the last CRC-32, which equals zlib.crc32 of the text (bench/c/lz_expected.py), or 0
// when a round trip differs.
//
// Token format: a control byte LLLLMMMM; L = literal count (15: more in following bytes, each
// adding up to 255), then the literals; M = match length - 4 (15: more, as for L), then a
// two-byte little-endian offset. The last token has literals only.

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long size_t;

#define TEXT_SIZE (1u << 20)
#define HASH_BITS 14
#define MIN_MATCH 4
#define MAX_OFFSET 65535u

static u8 text[TEXT_SIZE];
static u8 packed[TEXT_SIZE + TEXT_SIZE / 8 + 64];
static u8 unpacked[TEXT_SIZE];
static u32 last_seen[1u << HASH_BITS];
static u32 crc_table[256];

// clang lowers loops to these calls; -nostdlib provides none.
void* memset(void* dst, int c, size_t n) {
  u8* d = (u8*)dst;
  while (n--) *d++ = (u8)c;
  return dst;
}
void* memcpy(void* dst, const void* src, size_t n) {
  u8* d = (u8*)dst;
  const u8* s = (const u8*)src;
  while (n--) *d++ = *s++;
  return dst;
}

static u32 rng_state = 12345;
static u32 next_random(void) {
  rng_state = rng_state * 1103515245u + 12345u;
  return rng_state >> 16;
}

static const char* const kWords[] = {
    "the ",     "module ",    "instance ", "memory ", "table ", "global ", "function ", "export ",
    "import ",  "type ",      "value ",    "stack ",  "label ", "frame ",  "store ",    "trap ",
    "i32.add ", "local.get ", "br_if ",    "loop ",   "block ", "call ",   "return ",   "end\n"};
#define WORD_COUNT (sizeof kWords / sizeof kWords[0])

static void make_text(void) {
  u32 n = 0;
  while (n < TEXT_SIZE) {
    const char* w = kWords[next_random() % WORD_COUNT];
    while (*w && n < TEXT_SIZE) text[n++] = (u8)*w++;
  }
}

static void make_crc_table(void) {
  for (u32 i = 0; i < 256; ++i) {
    u32 c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static u32 crc32(const u8* p, u32 n) {
  u32 c = 0xFFFFFFFFu;
  for (u32 i = 0; i < n; ++i) c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

static u32 read32(const u8* p) { return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24; }
static u32 hash4(const u8* p) { return (read32(p) * 2654435761u) >> (32 - HASH_BITS); }

// A length beyond 15 in the control nibble: 255s, then the rest.
static u8* put_length(u8* out, u32 n) {
  for (; n >= 255; n -= 255) *out++ = 255;
  *out++ = (u8)n;
  return out;
}

static u8* put_token(u8* out, const u8* literals, u32 nlit, u32 match, u32 offset) {
  u8* control = out++;
  *control = (u8)((nlit < 15 ? nlit : 15) << 4);
  if (nlit >= 15) out = put_length(out, nlit - 15);
  for (u32 i = 0; i < nlit; ++i) *out++ = literals[i];
  if (match == 0) return out;
  u32 m = match - MIN_MATCH;
  *control |= (u8)(m < 15 ? m : 15);
  if (m >= 15) out = put_length(out, m - 15);
  *out++ = (u8)offset;
  *out++ = (u8)(offset >> 8);
  return out;
}

static u32 compress(void) {
  memset(last_seen, 0xFF, sizeof last_seen);
  u8* out = packed;
  u32 anchor = 0, i = 0;
  while (i + MIN_MATCH <= TEXT_SIZE) {
    u32 h = hash4(text + i);
    u32 candidate = last_seen[h];
    last_seen[h] = i;
    if (candidate != 0xFFFFFFFFu && i - candidate <= MAX_OFFSET &&
        read32(text + candidate) == read32(text + i)) {
      u32 len = MIN_MATCH;
      while (i + len < TEXT_SIZE && text[candidate + len] == text[i + len]) ++len;
      out = put_token(out, text + anchor, i - anchor, len, i - candidate);
      i += len;
      anchor = i;
    } else {
      ++i;
    }
  }
  out = put_token(out, text + anchor, TEXT_SIZE - anchor, 0, 0);
  return (u32)(out - packed);
}

static u32 get_length(const u8** in, u32 n) {
  if (n < 15) return n;
  u8 b;
  do {
    b = *(*in)++;
    n += b;
  } while (b == 255);
  return n;
}

// Returns the decoded size.
static u32 decompress(u32 packed_size) {
  const u8* in = packed;
  const u8* end = packed + packed_size;
  u8* out = unpacked;
  while (in < end) {
    u8 control = *in++;
    u32 nlit = get_length(&in, control >> 4);
    for (u32 k = 0; k < nlit; ++k) *out++ = *in++;
    if (in >= end) break;
    u32 len = get_length(&in, control & 15) + MIN_MATCH;
    u32 offset = in[0] | (u32)in[1] << 8;
    in += 2;
    const u8* from = out - offset;
    for (u32 k = 0; k < len; ++k) *out++ = from[k];  // may overlap: byte by byte
  }
  return (u32)(out - unpacked);
}

u32 run(u32 rounds) {
  make_text();
  make_crc_table();
  u32 size = compress();
  u32 crc = 0;
  for (u32 r = 0; r < rounds; ++r) {
    if (decompress(size) != TEXT_SIZE) return 0;
    for (u32 k = 0; k < TEXT_SIZE; ++k)
      if (unpacked[k] != text[k]) return 0;
    crc = crc32(unpacked, TEXT_SIZE);
  }
  return crc;
}
