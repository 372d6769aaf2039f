// Package config loads a site's optional handbook.yaml.
//
// It is the first step of the load stage. Its input is the site's file
// system; its output is a [Site] with every default filled in, so later
// stages never check for missing settings. A site without handbook.yaml gets
// the defaults. Unknown keys and wrong types are errors with their positions.
package config
