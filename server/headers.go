package server

import (
	"net/http"
	"path"
	"strings"

	"patientqa"
)

// securityHeaders sets headers every response carries: no MIME sniffing, no referrer, and a
// Content-Security-Policy that allows nothing (API responses are data) except framing by the
// configured ancestors. Handlers that serve pages or scripts replace the CSP.
func securityHeaders(frameAncestors []string, next http.Handler) http.Handler {
	fa := "'self'"
	if len(frameAncestors) > 0 {
		fa = strings.Join(frameAncestors, " ")
	}
	// The values are made once and set under their canonical keys (as Header.Set would, with
	// no work per request); each slice is full, so Header.Add appends to a copy.
	csp := []string{"default-src 'none'; frame-ancestors " + fa + "; base-uri 'none'; form-action 'none'"}
	nosniff, noReferrer := []string{"nosniff"}, []string{"no-referrer"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["X-Content-Type-Options"] = nosniff
		h["Referrer-Policy"] = noReferrer
		h["Content-Security-Policy"] = csp
		next.ServeHTTP(w, r)
	})
}

// checkRequest refuses, with a JSON error, request headers larger than MaxHeaderBytes and
// paths that are not clean (".." or "//" segments), before any routing.
func (s *Server) checkRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		size := len(r.Method) + len(r.RequestURI)
		for k, vs := range r.Header {
			for _, v := range vs {
				size += len(k) + len(v) + 4
			}
		}
		if size > MaxHeaderBytes {
			s.writeError(w, r, patientqa.Errorf(patientqa.ETOOLARGE, "request headers are larger than %d bytes", MaxHeaderBytes))
			return
		}
		if p := r.URL.Path; p == "" || p[0] != '/' || path.Clean(p) != p && path.Clean(p)+"/" != p {
			s.writeError(w, r, patientqa.Errorf(patientqa.ENOTFOUND, "no such route"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
