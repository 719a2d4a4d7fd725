package server

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"patientqa"
)

// cors lets browsers on the configured origins call the API. A request without an Origin header
// (curl, servers) passes; a browser request from the service's own origin passes; any other
// origin gets 403 EFORBIDDEN, preflight included, and no CORS headers.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Add("Vary", "Origin")
		allowed := slices.Contains(s.cfg.CORSOrigins, origin) || sameOrigin(origin, r)
		if !allowed {
			s.writeError(w, r, patientqa.Errorf(patientqa.EFORBIDDEN, "origin %s is not allowed to use this service", safeOrigin(origin)))
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			if allow := allowFor(r.URL.Path); allow != "" {
				h.Set("Access-Control-Allow-Methods", allow)
				h.Set("Access-Control-Allow-Headers", "Content-Type, Accept")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// sameOrigin reports whether origin is the origin the request was sent to.
func sameOrigin(origin string, r *http.Request) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return strings.EqualFold(u.Host, r.Host) && u.Scheme == scheme
}

// safeOrigin keeps an origin printable in an error message.
func safeOrigin(o string) string {
	if len(o) > 100 {
		o = o[:100]
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, o)
}
