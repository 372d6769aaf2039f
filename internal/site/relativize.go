package site

import (
	"bytes"
	"path"
	"strings"
)

// urlAttrs are the attributes whose site-absolute URLs Relativize rewrites.
var urlAttrs = []string{"href", "src", "action", "data-root"}

// Relativize rewrites the site-absolute URLs in the attributes of an HTML
// file at filePath ("/guidance/wti/index.html") into URLs relative to it. A
// URL of a folder ("/guidance/cat/") points to its index.html, which is what
// file:// needs. data-root becomes the path to the site's root ("../../").
// Protocol-relative URLs ("//host") are left alone. It is one pass over the
// file.
func Relativize(html []byte, filePath string) []byte {
	return rebase(html, rootOf(filePath))
}

// rebase rewrites the site-absolute URLs in the attributes of html to start
// with root instead of "/": a relative path to the site's root ("../"), or
// the site's own path on its host ("/handbook/"). It appends to one new
// slice, a little larger than html, without a string per URL.
func rebase(html []byte, root string) []byte {
	b := make([]byte, 0, len(html)+len(html)/8)
	for {
		// Every candidate is ="/ preceded by an attribute name.
		i := bytes.Index(html, []byte(`="/`))
		if i < 0 {
			return append(b, html...)
		}
		name := attrName(html[:i])
		start := i + 2 // the "/"
		end := bytes.IndexByte(html[start:], '"')
		if end < 0 || name == "" || bytes.HasPrefix(html[start:], []byte("//")) {
			b = append(b, html[:start+1]...)
			html = html[start+1:]
			continue
		}
		b = append(b, html[:start]...)
		if name == "data-root" {
			if root == "" {
				b = append(b, "./"...)
			} else {
				b = append(b, root...)
			}
		} else {
			b = appendRelURL(b, html[start:start+end], root)
		}
		html = html[start+end:]
	}
}

// rootOf returns the relative path from the folder of a site-absolute file
// path to the site's root: "" at the root, "../" one folder down.
func rootOf(filePath string) string {
	dir := path.Dir(filePath)
	if dir == "/" || dir == "." {
		return ""
	}
	return strings.Repeat("../", strings.Count(strings.Trim(dir, "/"), "/")+1)
}

// attrName returns the name of the attribute whose value starts right after
// b, if it is one of urlAttrs and follows a space.
func attrName(b []byte) string {
	for _, a := range urlAttrs {
		if len(b) > len(a) && string(b[len(b)-len(a):]) == a && (b[len(b)-len(a)-1] == ' ' || b[len(b)-len(a)-1] == '\n') {
			return a
		}
	}
	return ""
}

// RelativeURL turns a site-absolute URL ("/standards/cat/#p3") into the
// URL that reaches it from the output file filePath ("/print/wfi/wfi.pdf"),
// as every page's links are made: "../../standards/cat/index.html#p3".
func RelativeURL(u, filePath string) string { return relURL(u, rootOf(filePath)) }

// relURL turns a site-absolute URL into one relative to a file whose path
// to the root is root ("../../").
func relURL(u, root string) string {
	return string(appendRelURL(nil, []byte(u), root))
}

// appendRelURL appends to b the site-absolute URL u made relative to a
// file whose path to the root is root ("../../"): a folder's URL names its
// index.html, and the query and fragment stay as they are.
func appendRelURL(b, u []byte, root string) []byte {
	p, frag, _ := bytes.Cut(u, []byte("#"))
	p, query, hasQuery := bytes.Cut(p, []byte("?"))
	n := len(b)
	b = append(b, root...)
	b = append(b, bytes.TrimPrefix(p, []byte("/"))...)
	if bytes.HasSuffix(p, []byte("/")) {
		b = append(b, "index.html"...)
	}
	if len(b) == n {
		b = append(b, "./"...)
	}
	if hasQuery {
		b = append(b, '?')
		b = append(b, query...)
	}
	if len(frag) > 0 {
		b = append(b, '#')
		b = append(b, frag...)
	}
	return b
}

// Reroot rewrites the relative URLs in the attributes of an HTML file
// written for the site's root (404.html) to start with root ("/",
// "/handbook/"), so that the page works when a server shows it at any
// depth: handbook serve does, at a missing address. URLs that start with
// "/" or "#" or name a scheme ("mailto:") are left alone; data-root
// becomes root.
func Reroot(html []byte, root string) []byte {
	var b bytes.Buffer
	b.Grow(len(html) + len(html)/16)
	for {
		i := bytes.Index(html, []byte(`="`))
		if i < 0 {
			b.Write(html)
			return b.Bytes()
		}
		name := attrName(html[:i])
		start := i + 2
		end := bytes.IndexByte(html[start:], '"')
		if end < 0 || name == "" {
			b.Write(html[:start])
			html = html[start:]
			continue
		}
		b.Write(html[:start])
		u := string(html[start : start+end])
		switch {
		case name == "data-root":
			b.WriteString(root)
		case u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "#") || hasScheme(u):
			b.WriteString(u)
		default:
			b.WriteString(root + strings.TrimPrefix(u, "./"))
		}
		html = html[start+end:]
	}
}

// hasScheme reports whether a URL starts with a scheme ("mailto:",
// "https:", "data:").
func hasScheme(u string) bool {
	i := strings.IndexByte(u, ':')
	if i <= 0 {
		return false
	}
	for j, c := range u[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}
