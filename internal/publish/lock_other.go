//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package publish

// lockDir does nothing where there is no flock: a build there may remove
// the folder of another build of the same destination running at the same
// time, which then fails with an error (the destination stays whole).
func lockDir(dir string) (func(), error) {
	return func() {}, nil
}

// tryLock always succeeds where there is no flock.
func tryLock(dir string) (unlock func(), ok bool) {
	return func() {}, true
}
