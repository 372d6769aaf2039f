package site

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"strings"
)

// sitemap lists every page of a kind listed in sitemaps: not aliases or the
// 404 page.
func (m *Model) sitemap(plan []planned) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	base := strings.TrimSuffix(m.Config.BaseURL, "/")
	for _, p := range plan {
		if !p.kind.sitemap {
			continue
		}
		b.WriteString("  <url><loc>")
		// A sitemap's URLs must be percent-encoded (spaces, letters
		// beyond ASCII), then escaped as XML text.
		_ = xml.EscapeText(&b, []byte(base+(&url.URL{Path: p.url}).EscapedPath()))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
