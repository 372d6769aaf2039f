// Package config loads a site's optional handbook.yaml, and works out the
// site's layout.
//
// It is the first step of the load stage. Its input is the site's file
// system; its output is a [Site] with every default filled in, so later
// stages never check for missing settings. A site without handbook.yaml gets
// the defaults. Unknown keys and wrong types are errors with their positions.
//
// Another generator's config at the top of the site (mkdocs.yml, a Hugo
// config, a Docusaurus config; import.go) fills the settings handbook.yaml
// does not give, and says where the pages are; its problems are warnings.
// [Layout] (layout.go) is where the pages are: content/, that generator's
// folder, or the site folder itself when it holds Markdown and neither.
package config
