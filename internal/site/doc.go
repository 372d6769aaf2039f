// Package site is the build pipeline: the one place that knows the order of
// the stages.
//
//	load      config.Load, content.Load, rubric.Load, templates.Load
//	validate  collected problems; links and anchors (check.Links)
//	render    markdown.Render for each page, in parallel; rubric views
//	assemble  URLs, navigation, breadcrumbs, prev/next, "Referenced in"
//	bundle    assets.Bundle (esbuild), started first, its problems reported with the others
//	plan      every output path claimed by one owner (owners.go), before anything is written
//	template  templates.Render for every page kind
//	index     search.Build
//
// [Build] returns a [Result] holding every output file in memory, or the
// list of every content problem found; it writes nothing (publish.Write
// does). While rendering, every URL is site-absolute ("/guidance/wti/"); a
// last pass makes each one relative to the file it is in and points
// directory URLs at their index.html, so the site works from file:// and
// under any sub-path.
package site
