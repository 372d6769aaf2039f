// Package site is the build pipeline: the one place that knows the order of
// the stages. [Build] runs them in this order (build.go, one method each):
//
//	bundle    assets.Bundle (esbuild) over static/, started first and run
//	          alongside load and render; its problems wait for validate
//	load      config.Load, content.Load, rubric.Load, templates.Load; the
//	          problems of single files (YAML, front matter, rubric schema)
//	render    markdown.Render for each page, in parallel; the rubrics' and
//	          the glossary's Markdown (rubricview.go, glossary.go)
//	validate  links and anchors, which are known only once every page is
//	          rendered, and the author checks (check.Site); the bundle's
//	          problems. Any error so far stops the build here: nothing is
//	          templated or written.
//	plan      navigation, prev/next, "Referenced in" (assemble.go); every
//	          page of every kind (kinds.go) and every copied file claimed
//	          by one owner (owners.go)
//	template  each page's view (views.go) through its kind's template,
//	          made relative to its place (relativize.go); sitemap.xml
//	write     the bundle and the files copied as they are (copy.go)
//	index     search.Build over every page, standard and term (index.go)
//
// Validation thus comes in two parts: what a single file shows, while it
// loads, and what needs every page rendered (links, anchors, what no page
// reaches), after render. Both come before anything is templated.
//
// Build returns a [Result] holding every output file in memory, or, with
// Options.Out, hands each file to that sink as it is made: handbook build
// passes a publish.Tx, which writes it into a new folder beside the
// output and swaps that in only once the whole build has succeeded. Build
// itself writes nothing to disk. On content problems it returns every one
// of them, as a *source.ListError, and no Result; problems found up to
// validate stop it before any file is made, and the files a sink received
// before a template or a copied file failed are the sink's to discard
// (Tx.Abort does).
//
// While rendering, every URL is site-absolute ("/guidance/wti/"); the
// template stage makes each one relative to the file it is in and points
// directory URLs at their index.html, so the site works from file:// and
// under any sub-path.
//
// [Rebuild] builds again after some files changed, reusing what they do
// not touch (reuse.go: a page's rendering while its bytes and the site's
// shape are the same; an output while every input it recorded reading
// hashes as before, deps.go). With Options.Cache, [Build] does the same
// across processes from what an earlier build kept in the cache, and
// [Result.SaveCache] keeps it for the next (cache.go): handbook build's
// .NAME.cache beside the output.
package site
