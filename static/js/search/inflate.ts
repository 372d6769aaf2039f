// Term and document shards are zlib data (RFC 1950) in base64. They are
// inflated here, synchronously: DecompressionStream costs a few milliseconds
// of task hops per shard however small it is, and a query inflates up to
// twenty-two. This is RFC 1951's decoder in its plainest form (canonical
// Huffman codes decoded a bit at a time, as zlib's puff.c does); the
// Adler-32 check is skipped, as every shard is checked against the
// manifest's version.

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193,
  12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: Uint8Array, n: number): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]]++;
  counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + counts[len];
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (lengths[i] !== 0) symbols[offs[lengths[i]]++] = i;
  return { counts, symbols };
}

const FIXED = (() => {
  const l = new Uint8Array(288);
  l.fill(8, 0, 144);
  l.fill(9, 144, 256);
  l.fill(7, 256, 280);
  l.fill(8, 280, 288);
  const d = new Uint8Array(30).fill(5);
  return { lit: huffman(l, 288), dist: huffman(d, 30) };
})();

function corrupt(): never {
  throw new Error("search index: bad compressed data");
}

/** Inflates zlib data. */
export function inflateBytes(src: Uint8Array): Uint8Array {
  if (src.length < 2 || (src[0] & 0x0f) !== 8 || (src[0] * 256 + src[1]) % 31 !== 0 || src[1] & 0x20) corrupt();
  let pos = 2;
  let buf = 0; // bits not yet used, lowest first
  let cnt = 0; // how many
  const bits = (need: number): number => {
    let v = buf;
    while (cnt < need) {
      if (pos >= src.length) corrupt();
      v |= src[pos++] << cnt;
      cnt += 8;
    }
    buf = v >>> need;
    cnt -= need;
    return v & ((1 << need) - 1);
  };
  const decode = (h: Huffman): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.counts[len];
      if (code - first < count) return h.symbols[index + code - first];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    return corrupt();
  };
  let out = new Uint8Array(Math.max(1024, src.length * 4));
  let n = 0;
  const room = (k: number) => {
    if (n + k <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, n + k));
    bigger.set(out.subarray(0, n));
    out = bigger;
  };
  const lengths = new Uint8Array(320);
  for (let last = 0; !last; ) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // Stored: from the next byte, LEN, ~LEN and LEN bytes.
      buf = 0;
      cnt = 0;
      if (pos + 4 > src.length) corrupt();
      const len = src[pos] | (src[pos + 1] << 8);
      if ((len ^ (src[pos + 2] | (src[pos + 3] << 8))) !== 0xffff) corrupt();
      pos += 4;
      if (pos + len > src.length) corrupt();
      room(len);
      out.set(src.subarray(pos, pos + len), n);
      n += len;
      pos += len;
      continue;
    }
    let lit = FIXED.lit;
    let dist = FIXED.dist;
    if (type === 2) {
      const nlen = bits(5) + 257;
      const ndist = bits(5) + 1;
      const ncode = bits(4) + 4;
      lengths.fill(0);
      for (let i = 0; i < ncode; i++) lengths[CODE_ORDER[i]] = bits(3);
      const lencode = huffman(lengths, 19);
      lengths.fill(0);
      for (let i = 0; i < nlen + ndist; ) {
        const sym = decode(lencode);
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        let rep = 0;
        let len = 0;
        if (sym === 16) {
          if (i === 0) corrupt();
          len = lengths[i - 1];
          rep = 3 + bits(2);
        } else if (sym === 17) rep = 3 + bits(3);
        else rep = 11 + bits(7);
        if (i + rep > nlen + ndist) corrupt();
        while (rep-- > 0) lengths[i++] = len;
      }
      lit = huffman(lengths, nlen);
      dist = huffman(lengths.slice(nlen, nlen + ndist), ndist);
    } else if (type !== 1) {
      corrupt();
    }
    for (;;) {
      const sym = decode(lit);
      if (sym < 256) {
        room(1);
        out[n++] = sym;
      } else if (sym === 256) {
        break;
      } else {
        const k = sym - 257;
        if (k >= 29) corrupt();
        const len = LEN_BASE[k] + bits(LEN_EXTRA[k]);
        const d = decode(dist);
        if (d >= 30) corrupt();
        const back = DIST_BASE[d] + bits(DIST_EXTRA[d]);
        if (back > n) corrupt();
        room(len);
        for (let i = 0; i < len; i++, n++) out[n] = out[n - back];
      }
    }
  }
  return out.subarray(0, n);
}

const utf8 = new TextDecoder();

/** Inflates base64-encoded zlib data (a term or document shard) to text. */
export function inflate(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return utf8.decode(inflateBytes(bytes));
}
