// Term and document shards are zlib data (RFC 1950) in base64. They are
// inflated here, synchronously: DecompressionStream costs a few milliseconds
// of task hops per shard however small it is, and a query inflates up to
// twenty-two. The decoder is fflate's unzlibSync (static/js/vendor/fflate),
// which decodes Huffman codes by table lookup; it skips the Adler-32 check,
// as the search may, since every shard is checked against the manifest's
// version.

import { unzlibSync } from "../vendor/fflate/fflate";

const utf8 = new TextDecoder();

/** Inflates base64-encoded zlib data (a term or document shard) to text. */
export function inflate(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  let out: Uint8Array;
  try {
    out = unzlibSync(bytes);
  } catch (e) {
    throw new Error("search index: bad compressed data (" + (e instanceof Error ? e.message : String(e)) + ")");
  }
  return utf8.decode(out);
}
