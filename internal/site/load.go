package site

import (
	"io/fs"
	"path"
	"strings"

	"github.com/handbook-ssg/handbook/internal/config"
	"github.com/handbook-ssg/handbook/internal/content"
	"github.com/handbook-ssg/handbook/internal/rubric"
	"github.com/handbook-ssg/handbook/internal/source"
	"github.com/handbook-ssg/handbook/internal/templates"
)

// Layout is where a site keeps its pages: content/, the folder another
// generator's config names (mkdocs.yml's docs_dir), or the site folder
// itself when it has neither but holds Markdown files.
type Layout = config.Layout

// ConfigFile is the site config's file name, handbook.yaml, for the dev
// server to watch.
const ConfigFile = config.File

// LayoutOf works out the layout of the site in fsys as a build of it does,
// for the commands to say which folder they read, to keep the output out
// of it, and for the dev server to know what to watch.
func LayoutOf(fsys fs.FS) Layout {
	cfg, _ := config.Load(fsys)
	return cfg.Layout
}

// outputDir lists the site path of the output folder, for the content
// walk to leave out.
func outputDir(opt Options) []string {
	if opt.OutputDir == "" || opt.OutputDir == "." {
		return nil
	}
	return []string{path.Clean(opt.OutputDir)}
}

// checkNotEmpty reports a site with nothing to build: no page and no
// rubric. Such a build would otherwise succeed and write a home page,
// search and 404 page around nothing, and the author would not know
// where the pages were expected.
func checkNotEmpty(cfg *config.Site, loaded *content.Result, rubrics []*rubric.Rubric, errs *source.List) {
	if len(loaded.Pages) > 0 || len(rubrics) > 0 || errs.HasErrors() {
		return
	}
	dir := content.ContentDir(cfg)
	pos := source.Pos{File: dir + "/"}
	switch {
	case loaded.Drafts == 1:
		errs.Addf(pos, "the site has no pages to build: its one page is a draft").Hint =
			"build with --drafts to include it, or set draft: false in it to publish it"
	case loaded.Drafts > 1:
		errs.Addf(pos, "the site has no pages to build: its %d pages are drafts", loaded.Drafts).Hint =
			"build with --drafts to include them, or set draft: false in the pages to publish"
	case cfg.Layout.Self():
		errs.Addf(source.Pos{File: "."}, "the site has no pages: no Markdown file is in the site folder").Hint =
			"write pages as .md files in the folder (index.md is the home page)"
	case dir == content.Dir:
		errs.Addf(pos, "the site has no pages: there is no Markdown file in %s/, and none in the site folder", dir).Hint =
			"put the pages in " + dir + "/ as .md files (" + dir + "/index.md is the home page), or run handbook on a folder of Markdown files"
	default:
		errs.Addf(pos, "the site has no pages: there is no Markdown file in %s/, the pages folder %s names", dir, cfg.Layout.From).Hint =
			"put the pages in " + dir + "/ as .md files"
	}
}

// siteWords lays the interface words of handbook.yaml over the templates'.
func siteWords(tmpl *templates.Set, cfg *config.Site, errs *source.List) *templates.Set {
	if tmpl == nil {
		return nil
	}
	t, unknown := tmpl.Override(cfg.Words)
	for _, k := range unknown {
		lang, key, _ := strings.Cut(k, ".")
		pos := cfg.WordsPos[lang]
		if pos.File == "" {
			pos = cfg.KeyPos["words"]
		}
		errs.Addf(pos, "words: %q is not one of the interface words", key).Hint =
			"the words and their keys are in templates/i18n/en.yaml"
	}
	return t
}
