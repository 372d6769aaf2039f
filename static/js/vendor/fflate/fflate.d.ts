// The types of fflate.js, from fflate 0.8.3's esm/browser.d.ts: the one
// function kept, without the options the search does not use.

/**
 * Expands Zlib data
 * @param data The data to decompress
 * @returns The decompressed version of the data
 */
export declare function unzlibSync(data: Uint8Array): Uint8Array;
