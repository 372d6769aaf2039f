package devserver

import _ "embed"

// The server's own files: the reload script and the error overlay's styles.
var (
	//go:embed reload.js
	reloadJS []byte
	//go:embed overlay.css
	overlayCSS []byte
)
