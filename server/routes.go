package server

import (
	"net/http"
	"strings"
)

// buildRoutes lists every route of the service and the middleware around them, outermost first:
// panic recovery, request log and metrics, security headers, header-size and path checks, CORS,
// then per route the rate limit and the concurrency cap.
func (s *Server) buildRoutes() http.Handler {
	mux := http.NewServeMux()
	heavy := func(h http.Handler) http.Handler { return s.rateLimit(s.limitInFlight(h)) }
	mux.Handle("POST /ask", heavy(s.handleAsk()))
	mux.Handle("POST /feedback", heavy(s.handleFeedback()))
	mux.Handle("GET /healthz", handleHealth())
	mux.Handle("GET /readyz", s.handleReady())
	mux.Handle("GET /metrics", s.m.Handler())
	mux.Handle("GET /openapi.yaml", handleOpenAPI())
	mux.Handle("GET /widget.js", s.handleStatic("widget.js", "text/javascript; charset=utf-8"))
	mux.Handle("GET /demo.css", s.handleStatic("demo.css", "text/css; charset=utf-8"))
	mux.Handle("GET /{$}", s.handleStatic("index.html", "text/html; charset=utf-8"))
	mux.Handle("/", s.handleNotFound())
	return s.recoverPanics(s.logRequests(securityHeaders(s.cfg.FrameAncestors, s.checkRequest(s.cors(mux)))))
}

// routeOf names the route of a path for logs and metrics (a bounded set of labels).
func routeOf(path string) string {
	switch p := strings.TrimSuffix(path, "/"); p {
	case "/ask", "/feedback", "/healthz", "/readyz", "/metrics", "/openapi.yaml", "/widget.js", "/demo.css":
		return p
	case "":
		return "/"
	}
	return "other"
}

// allowFor returns the Allow header for a known path.
func allowFor(path string) string {
	switch routeOf(path) {
	case "/ask", "/feedback":
		return "POST, OPTIONS"
	case "/healthz", "/readyz", "/metrics", "/openapi.yaml", "/widget.js", "/demo.css", "/":
		return "GET, HEAD"
	}
	return ""
}
