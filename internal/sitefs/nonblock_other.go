//go:build !unix

package sitefs

import "strings"

// openFlags: opening a file cannot wait for a writer here.
const openFlags = 0

// isLoop reports whether err says a chain of links never ends.
func isLoop(err error) bool {
	return strings.Contains(err.Error(), "too many levels of symbolic links")
}
