//go:build !linux

package publish

// exchange returns errNoExchange: this system has no call that swaps two
// folders in one step, so swap renames twice.
func exchange(a, b string) error {
	return errNoExchange
}
