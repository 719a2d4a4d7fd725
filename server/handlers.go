package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"patientqa"
)

// askRequest is the body of POST /ask (DESIGN.md).
type askRequest struct {
	Question *string `json:"question"`
	Lang     string  `json:"lang"`
}

func (s *Server) handleAsk() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req askRequest
		if err := decode(w, r, &req); err != nil {
			s.writeError(w, r, err)
			return
		}
		if req.Question == nil {
			s.writeError(w, r, patientqa.Errorf(patientqa.EINVALID, `field "question" is required`))
			return
		}
		a, err := s.asker.Ask(r.Context(), patientqa.Question{Text: *req.Question, Lang: patientqa.Lang(req.Lang)})
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "answer", slog.String("category", string(a.Category)),
			slog.Bool("refused", a.Refused), slog.String("lang", string(a.Lang)), slog.Int("citations", len(a.Citations)))
		writeJSON(w, http.StatusOK, a)
	})
}

func handleHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

func (s *Server) handleReady() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.ready.Load() {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
}

// handleNotFound answers unknown routes, and known routes with the wrong method.
func (s *Server) handleNotFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allowFor(r.URL.Path) != "" {
			s.writeError(w, r, patientqa.Errorf(patientqa.EMETHOD, "%s is not allowed on %s", r.Method, r.URL.Path))
			return
		}
		s.writeError(w, r, patientqa.Errorf(patientqa.ENOTFOUND, "no such route"))
	})
}

// recoverPanics turns a panic into a 500 JSON error and logs the stack (never the request body).
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.LogAttrs(r.Context(), slog.LevelError, "panic", slog.String("route", r.URL.Path),
					slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
				s.writeError(w, r, patientqa.Errorf(patientqa.EINTERNAL, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
