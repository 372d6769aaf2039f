package publish

// CheckPath reports whether name is an output path Write and Tx.Add
// accept: relative, clean, slash-separated, inside the site's folder. The
// build's tests hold every path a build makes to it.
func CheckPath(name string) error { return checkPath(name) }
