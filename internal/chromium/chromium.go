// Package chromium says how handbook starts headless Chromium: the switches
// that keep it headless, offline, quiet and steady, shared by `handbook
// build --pdf`, the browser tests and the search benchmark.
package chromium

// Flags are the switches every headless Chromium of the project gets,
// without their leading "--": no GPU or sandbox (containers have neither),
// no network of its own (updates, sync, extensions), and no throttling of
// timers or rendering in tabs that are not in front.
var Flags = []string{
	"headless",
	"no-sandbox",
	"disable-gpu",
	"disable-dev-shm-usage",
	"disable-background-networking",
	"disable-component-update",
	"no-first-run",
	"no-default-browser-check",
	"disable-sync",
	"disable-extensions",
	"disable-background-timer-throttling",
	"disable-renderer-backgrounding",
}

// Args returns Flags as command-line arguments, followed by more.
func Args(more ...string) []string {
	out := make([]string, 0, len(Flags)+len(more))
	for _, f := range Flags {
		out = append(out, "--"+f)
	}
	return append(out, more...)
}
