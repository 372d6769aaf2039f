// Package sitefs is the file system a build reads a site folder through.
//
// It is part of the load stage: cmd/handbook opens SOURCE with [Open] and
// hands the result, an [fs.FS], to every loader. It is built on [os.Root],
// which keeps every name inside the folder, and adds what os.Root leaves to
// its caller:
//
//   - Only regular files and folders are read. A named pipe, a device or a
//     socket is refused from its metadata, before it is opened: opening a
//     pipe waits for a writer, and reading /dev/zero never ends.
//   - A symbolic link is followed only when its target is inside the folder,
//     by a relative path. A link to a folder is followed one level deep: a
//     link inside a linked folder, or one to a folder that holds the link,
//     is refused, so a walk always ends.
//   - Nothing in a folder that holds [Marker], a site handbook built, is
//     read, whether a link leads there or not: a build never reads its
//     own output. Only Stat of the Marker itself, reached without a link,
//     answers: it is how the walk of a folder of pages leaves such a
//     folder out.
//   - No file over [source.MaxCopySize] is read: its size is checked before
//     it is opened, and reading stops with an error at the limit, for a file
//     that grows while it is read or whose size is not its length.
//
// [FS.Snapshot] gives a build that reads the folder once the same checks,
// made once per folder rather than once per file.
//
// Each refusal is an error whose message says what the file is and whose
// Hint method says what to do; [source.ReadError] turns it into a
// positioned error.
package sitefs
