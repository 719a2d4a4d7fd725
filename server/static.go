package server

import (
	"embed"
	"net/http"
	"strings"
)

//go:embed static/widget.js static/index.html static/demo.css
var static embed.FS

// handleStatic serves an embedded file with its content type and CSP. The demo page may load
// scripts, styles and make requests only to askd itself; the widget script may be loaded by any
// site (Cross-Origin-Resource-Policy: cross-origin), and it calls the API under CORS.
func (s *Server) handleStatic(name, contentType string) http.Handler {
	b, err := static.ReadFile("static/" + name)
	if err != nil {
		panic("server: missing embedded file " + name) // a build defect
	}
	fa := "'self'"
	if len(s.cfg.FrameAncestors) > 0 {
		fa = strings.Join(s.cfg.FrameAncestors, " ")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Cache-Control", "public, max-age=300")
		switch name {
		case "index.html":
			h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors "+fa+"; base-uri 'none'; form-action 'none'")
		case "widget.js":
			h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		}
		w.Write(b)
	})
}
