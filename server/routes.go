package server

import (
	"net/http"
	"strings"
)

// buildRoutes lists every route of the service.
func (s *Server) buildRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /ask", s.handleAsk())
	mux.Handle("GET /healthz", handleHealth())
	mux.Handle("GET /readyz", s.handleReady())
	mux.Handle("/", s.handleNotFound())
	return s.recoverPanics(mux)
}

// allowFor returns the Allow header for a known path.
func allowFor(path string) string {
	switch strings.TrimSuffix(path, "/") {
	case "/ask":
		return "POST"
	case "/healthz", "/readyz":
		return "GET, HEAD"
	}
	return ""
}
