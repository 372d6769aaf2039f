package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"unicode"
)

// inputDirs are the folders of a site that a build reads. The output may
// not be in any of them: the next build would read the site it wrote. The
// first is the content folder, unless the site's layout names another
// (see CheckDestIn).
var inputDirs = []string{"content", "rubrics", "static", "templates"}

// generatedDirs are the folders of a site folder that is its own content
// folder which the build never reads and which generators write their
// output into (public/ is handbook's and Hugo's, site/ MkDocs's): the one
// place inside such a folder that --force may replace.
var generatedDirs = []string{"public", "site"}

// CheckDest applies the rules for where a site may be written, before
// anything is: it resolves src and dest to real paths (symbolic links
// followed, relative paths made absolute) and refuses a dest that
//
//   - is the source folder, or holds it (a build replaces its output
//     folder whole);
//   - lies inside the source's content/, rubrics/, static/ or templates/,
//     which the build reads (by name, where the folder does not exist yet);
//   - is a file, or a mount point (it cannot be renamed);
//   - exists, is not empty and holds no [Marker] (so handbook did not write
//     it), unless force is true;
//   - is, or holds, the home folder or the current folder, even if force
//     is true.
//
// Folders are compared as the file system sees them (os.SameFile), so two
// spellings of one folder on a case-insensitive file system are one, and
// "S6" and "s6" on a case-sensitive one are two. It returns dest's real
// path, which is where the site must be written. Its errors are plain
// sentences for the user.
func CheckDest(src, dest string, force bool) (string, error) {
	return CheckDestIn(src, dest, "content", force)
}

// CheckDestIn is CheckDest for a site whose content folder is contentDir,
// a slash-separated path in it: "content", another generator's ("docs"),
// or "." for a site folder that is its own content folder. Such a folder
// is read whole but for a few folders the build leaves out, so every file
// in it may be a page or a file of the site: a dest inside it is refused,
// even with force, when it exists, is not empty and holds no [Marker],
// unless it is in public/ or site/, where generators write their output.
// The build must then leave the dest out of what it reads.
func CheckDestIn(src, dest, contentDir string, force bool) (string, error) {
	rsrc, err := RealPath(src)
	if err != nil {
		return "", fmt.Errorf("cannot find the source folder %s: %v", src, unwrapPath(err))
	}
	srcInfo, err := os.Stat(rsrc)
	if err != nil || !srcInfo.IsDir() {
		return "", fmt.Errorf("the source %s is not a folder", src)
	}
	rdest, err := RealPath(dest)
	if err != nil {
		return "", fmt.Errorf("cannot use the output folder %s: %v", dest, unwrapPath(err))
	}
	shown := dest
	if filepath.Clean(dest) != rdest {
		shown = fmt.Sprintf("%s (%s)", dest, rdest)
	}

	destInfo, err := os.Stat(rdest)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("cannot use the output folder %s: %v", shown, unwrapPath(err))
	}
	if exists && !destInfo.IsDir() {
		return "", fmt.Errorf("the output folder %s is a file; choose a folder", shown)
	}
	if exists && mountPoint(rdest, destInfo) {
		return "", fmt.Errorf("the output folder %s is where a file system is mounted (a disk or a container's volume), "+
			"which cannot be swapped for the new site; choose a folder inside it, such as %s",
			shown, filepath.Join(dest, "site"))
	}

	// dest is the source, or one of its ancestors.
	if exists {
		for p := rsrc; ; p = filepath.Dir(p) {
			if fi, err := os.Stat(p); err == nil && os.SameFile(fi, destInfo) {
				if p == rsrc {
					return "", fmt.Errorf("the output folder %s is the source folder; "+
						"choose another with -d (the default is %s)", shown, filepath.Join(src, "public"))
				}
				return "", fmt.Errorf("the output folder %s holds the source folder %s, and a build replaces "+
					"its output folder whole; choose a folder of its own with -d (the default is %s)",
					shown, src, filepath.Join(src, "public"))
			}
			if filepath.Dir(p) == p {
				break
			}
		}
	}

	// dest is, or holds, the home folder or the folder the command runs
	// in: refused even with force, which is for a folder of old output,
	// not for a slip such as -d ~ or -d .. that would delete everything
	// in it.
	if exists {
		home, _ := os.UserHomeDir()
		wd, _ := os.Getwd()
		for _, f := range []struct{ dir, what string }{{home, "your home folder"}, {wd, "the folder this command runs in"}} {
			if f.dir == "" {
				continue
			}
			for p := f.dir; ; p = filepath.Dir(p) {
				if fi, err := os.Stat(p); err == nil && os.SameFile(fi, destInfo) {
					is := "is"
					if p != f.dir {
						is = "holds"
					}
					return "", fmt.Errorf("the output folder %s %s %s, and a build replaces its output folder whole; "+
						"choose a folder of its own with -d (the default is %s)", shown, is, f.what, filepath.Join(src, "public"))
				}
				if filepath.Dir(p) == p {
					break
				}
			}
		}
	}

	// dest is inside an input folder: one of its ancestors (or itself) is
	// that folder, or, where the folder does not exist yet, would be
	// made with its name right inside the source.
	dirs := append([]string{contentDir}, inputDirs[1:]...)
	if contentDir == "." {
		dirs = inputDirs[1:]
	}
	var inputs []os.FileInfo
	var names []string
	for _, name := range dirs {
		if fi, err := os.Stat(filepath.Join(rsrc, filepath.FromSlash(name))); err == nil {
			inputs = append(inputs, fi)
			names = append(names, name)
		}
	}
	fold := foldsCase(rsrc)
	for p := rdest; ; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil {
			for i, in := range inputs {
				if os.SameFile(fi, in) {
					return "", insideInput(shown, src, names[i])
				}
			}
		} else if pfi, err := os.Stat(filepath.Dir(p)); err == nil && os.SameFile(pfi, srcInfo) {
			for _, name := range dirs {
				if b := filepath.Base(p); b == name || fold && strings.EqualFold(b, name) {
					return "", insideInput(shown, src, name)
				}
			}
		}
		if filepath.Dir(p) == p {
			break
		}
	}

	if top, inside := within(rsrc, rdest); inside && contentDir == "." && exists && !slices.Contains(generatedDirs, top) {
		if ok, err := ours(rdest); err != nil {
			return "", fmt.Errorf("cannot read the output folder %s: %v", shown, unwrapPath(err))
		} else if !ok {
			return "", fmt.Errorf("the output folder %s is inside %s, which has no content/ folder and so is read whole as the site's pages; "+
				"it is not empty and handbook did not write it, and a build replaces its output folder whole, so choose a new or empty folder "+
				"(the default is %s)", shown, src, filepath.Join(src, "public"))
		}
	}
	if exists && !force {
		if ok, err := ours(rdest); err != nil {
			return "", fmt.Errorf("cannot read the output folder %s: %v", shown, unwrapPath(err))
		} else if !ok {
			return "", fmt.Errorf("the output folder %s is not empty and handbook did not write it (it has no %s file); "+
				"a build replaces the whole folder, so choose a new or empty folder, or run again with --force to replace it",
				shown, Marker)
		}
	}
	return rdest, nil
}

func insideInput(shown, src, name string) error {
	return fmt.Errorf("the output folder %s is inside the source's %s/ folder, which the build reads; "+
		"choose a folder outside it (the default is %s)", shown, name, filepath.Join(src, "public"))
}

// within reports whether the real path p lies inside the real path dir,
// and names the first folder below dir on the way.
func within(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return top, true
}

// ours reports whether the folder dir is empty or holds a site handbook
// wrote.
func ours(dir string) (bool, error) {
	if fi, err := os.Lstat(filepath.Join(dir, Marker)); err == nil && fi.Mode().IsRegular() {
		return true, nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err == io.EOF {
		return true, nil
	} else if err != nil {
		return false, err
	}
	return false, nil
}

// RealPath returns the absolute path of p with every symbolic link
// resolved. Where p does not exist yet, its longest existing prefix is
// resolved (a ".." in it going up from a link's target, as the system
// does) and the rest joined to it: that is where p will be made.
func RealPath(p string) (string, error) {
	abs := filepath.FromSlash(p)
	if !filepath.IsAbs(abs) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		abs = wd + string(filepath.Separator) + abs
	}
	vol := filepath.VolumeName(abs)
	comps := strings.Split(abs[len(vol):], string(filepath.Separator))
	for i := len(comps); i >= 1; i-- {
		prefix := vol + strings.Join(comps[:i], string(filepath.Separator))
		if i == 1 {
			prefix = vol + string(filepath.Separator)
		}
		real, err := filepath.EvalSymlinks(prefix)
		if err == nil {
			return filepath.Abs(filepath.Join(append([]string{real}, comps[i:]...)...))
		}
		if !errors.Is(err, fs.ErrNotExist) {
			// EvalSymlinks says "EvalSymlinks: too many links" of a loop;
			// the system says it plainly.
			if _, serr := os.Stat(prefix); errors.Is(serr, syscall.ELOOP) {
				return "", errLoop
			}
			return "", err
		}
	}
	return "", fmt.Errorf("%s: no part of it exists", p)
}

// errLoop is RealPath's error for a path through a link that leads back
// to itself.
var errLoop = errors.New("it is, or goes through, a symbolic link that leads back to itself")

// foldsCase reports whether the file system of the folder dir finds names
// without regard to case, by looking up a name it holds, or its own name,
// with the case of its letters swapped.
func foldsCase(dir string) bool {
	probe := func(parent, name string) (bool, bool) {
		swapped := swapCase(name)
		if swapped == name {
			return false, false
		}
		a, err1 := os.Stat(filepath.Join(parent, name))
		if err1 != nil {
			return false, false
		}
		b, err2 := os.Stat(filepath.Join(parent, swapped))
		return err2 == nil && os.SameFile(a, b), true
	}
	for _, name := range inputDirs {
		if fold, ok := probe(dir, name); ok {
			return fold
		}
	}
	for p := dir; filepath.Dir(p) != p; p = filepath.Dir(p) {
		if fold, ok := probe(filepath.Dir(p), filepath.Base(p)); ok {
			return fold
		}
	}
	return false
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

// unwrapPath drops the operation and path from an *fs.PathError, which the
// sentence around it already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
