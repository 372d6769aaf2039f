package site

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/handbook-ssg/handbook/internal/source"
)

// Output names that build fine here but break elsewhere, or mislead: the
// site is often copied to a Windows share, where CON or aux.txt cannot be
// a file, and a name holding an invisible or a right-to-left character
// shows as another name than it is. They are warnings, at the file, slug
// or alias that gives the name; each name once.

// nameWarnings remembers which output folders and files were warned about
// (true) and which folders were found fine (false).
type nameWarnings map[string]bool

// check warns about each segment of the output path of c that is a
// problem, once per path up to that segment.
func (w nameWarnings) check(c claim, errs *source.List) {
	if c.pos.File == "" {
		return // the build's own names are fine
	}
	segs := strings.Split(c.path, "/")
	for i, seg := range segs {
		prefix := strings.Join(segs[:i+1], "/")
		if i < len(segs)-1 {
			prefix += "/"
		}
		key := strings.ToLower(prefix)
		if _, seen := w[key]; seen {
			continue
		}
		msg, hint := nameProblem(seg)
		if msg == "" {
			if i < len(segs)-1 {
				w[key] = false // a folder many files are in: checked once
			}
			continue
		}
		w[key] = true
		errs.Warnf(c.pos, "the output name %q %s", prefix, msg).Hint = hint
	}
}

// windowsDevices are the names Windows keeps for devices, with or without
// an extension.
var windowsDevices = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}

func init() {
	for _, d := range []string{"COM", "LPT"} {
		for _, n := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
			windowsDevices[d+n] = true
		}
	}
}

// nameProblem says what is wrong with one segment of an output path, and
// what to do; "" when nothing is.
func nameProblem(seg string) (msg, hint string) {
	const rename = "rename it, so that the site can be copied to and served from Windows"
	for _, r := range seg {
		switch {
		case isBidi(r):
			return fmt.Sprintf("holds U+%04X, a control that changes the order in which text is shown, so the name reads otherwise than it is", r),
				"rename it without the character"
		case unicode.Is(unicode.Cf, r):
			return fmt.Sprintf("holds U+%04X, an invisible character", r), "rename it without the character; no reader can see or type it"
		case unicode.IsControl(r):
			return fmt.Sprintf("holds the control character U+%04X", r), "rename it without the character"
		case strings.ContainsRune(`<>:"|?*`, r):
			return fmt.Sprintf("holds %q, which cannot be in a file name on Windows", r), rename
		}
	}
	stem, _, _ := strings.Cut(seg, ".")
	if windowsDevices[strings.ToUpper(strings.TrimRight(stem, " "))] {
		return fmt.Sprintf("cannot be a file name on Windows, where %s is the name of a device", strings.ToUpper(strings.TrimRight(stem, " "))), rename
	}
	if strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ") {
		return "ends in a dot or a space, which Windows drops from a file name", rename
	}
	return "", ""
}

// isBidi reports whether r is one of the controls that change the
// direction text is shown in (the "Trojan Source" characters).
func isBidi(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
