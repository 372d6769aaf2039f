//go:build !linux

package publish

import "errors"

// claimKept reports false: elsewhere than on Linux the folder a swap
// replaces is removed, not kept (see BeginReuse), so there is none.
func claimKept(dest string) (dir string, unlock func(), ok bool) { return "", nil, false }

// renameNoReplace returns errNoExchange: this system has no rename that
// refuses to replace what is there in one step.
func renameNoReplace(from, to string) error { return errNoExchange }

// walkTree is never called where claimKept reports false.
func walkTree(root string) (map[string]oldEntry, error) {
	return nil, errors.New("no kept folder on this system")
}
