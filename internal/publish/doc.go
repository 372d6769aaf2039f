// Package publish writes a built site to its destination folder. It is the
// write stage and the only code that writes the site's output.
//
// A [Tx] puts every file into a new folder beside the destination, as the
// build makes them, then Commit swaps it in with two renames, so readers of
// the folder see the old site or the new one and never half of each, and a
// failed or interrupted build leaves the previous site exactly as it was.
// [Write] does the same for files already in memory.
package publish
