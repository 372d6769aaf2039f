// Package publish writes a built site to its destination folder. It is the
// write stage and the only code that writes the site's output.
//
// [CheckDest] decides, before anything is written, whether a folder may
// receive a site: it compares real paths (symbolic links resolved) and
// refuses the source folder, a folder holding it, a folder inside what the
// build reads, a file, and a folder that is not empty and holds no
// [Marker] (so handbook did not write it) unless forced.
//
// A [Tx] puts every file into a new folder beside the destination,
// .NAME.new-N, as the build makes them, then Commit swaps it in: on Linux
// with one renameat2(RENAME_EXCHANGE), so the destination is never
// missing, elsewhere with two renames. Readers of the folder see the old
// site or the new one and never half of each, and a failed or interrupted
// build (an error, a cancelled context, a panic with Abort deferred) leaves
// the previous site exactly as it was. A build killed outright leaves its
// folder behind; the next Begin for the same destination removes it.
// [Write] does the same for files already in memory.
//
// [BeginReuse] is Begin for a build that runs again and again: on Linux
// it keeps the site the swap replaced as .NAME.kept ([KeptDir]) and the
// next such build brings that folder up to date in place instead of
// writing a new one, trusting nothing in it but the files the destination
// also holds (the same inode, whose stamp Keep checks).
package publish
