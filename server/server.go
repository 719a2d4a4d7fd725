// Package server is the HTTP edge of patientqa: routes, request decoding and validation,
// response encoding, and the one table that maps error codes to HTTP status.
//
// Handlers are constructors returning http.Handler; routes.go lists every route. Nothing here
// knows how an answer is made: the server depends on the Asker interface, which the answering
// core implements.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"patientqa"
)

// Limits of a request (DESIGN.md).
const MaxBodyBytes = 16 << 10

// Asker answers questions; *answer.Engine implements it.
type Asker interface {
	Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error)
}

// Server holds what the handlers need.
type Server struct {
	asker  Asker
	log    *slog.Logger
	ready  atomic.Bool
	routes http.Handler
}

// New returns the HTTP handler of the service. It is ready at once; SetReady(false) makes
// /readyz fail (for shutdown, or while a dependency is down).
func New(asker Asker, log *slog.Logger) *Server {
	s := &Server{asker: asker, log: log}
	s.ready.Store(true)
	s.routes = s.buildRoutes()
	return s
}

// SetReady sets what /readyz reports.
func (s *Server) SetReady(ok bool) { s.ready.Store(ok) }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.routes.ServeHTTP(w, r) }

// status is the one table from error code to HTTP status.
var status = map[string]int{
	patientqa.EINVALID:     http.StatusBadRequest,
	patientqa.ETOOLARGE:    http.StatusRequestEntityTooLarge,
	patientqa.EUNSUPPORTED: http.StatusUnsupportedMediaType,
	patientqa.EMETHOD:      http.StatusMethodNotAllowed,
	patientqa.ENOTFOUND:    http.StatusNotFound,
	patientqa.ERATELIMIT:   http.StatusTooManyRequests,
	patientqa.EUNAVAILABLE: http.StatusServiceUnavailable,
	patientqa.ETIMEOUT:     http.StatusServiceUnavailable,
	patientqa.EINTERNAL:    http.StatusInternalServerError,
}

// StatusOf returns the HTTP status for an error code.
func StatusOf(code string) int {
	if st, ok := status[code]; ok {
		return st
	}
	return http.StatusInternalServerError
}

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError sends err as {"error":{"code","message"}}; internal details are logged, never sent.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := patientqa.ErrorCode(err)
	if code == patientqa.EINTERNAL || code == patientqa.EUNAVAILABLE {
		s.log.LogAttrs(r.Context(), slog.LevelError, "request failed", slog.String("route", r.URL.Path),
			slog.String("code", code), slog.String("error", err.Error()))
	}
	var body errorBody
	body.Error.Code = code
	body.Error.Message = patientqa.ErrorMessage(err)
	if code == patientqa.EMETHOD {
		w.Header().Set("Allow", allowFor(r.URL.Path))
	}
	writeJSON(w, StatusOf(code), body)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v) // the client may be gone; nothing useful to do
}

// decode reads a JSON body of at most MaxBodyBytes into v, refusing unknown fields, trailing
// data, and anything but application/json.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return patientqa.Errorf(patientqa.EUNSUPPORTED, "send the question as application/json")
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return patientqa.Errorf(patientqa.EUNSUPPORTED, "compressed request bodies are not accepted")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return patientqa.Errorf(patientqa.ETOOLARGE, "request body is larger than %d bytes", MaxBodyBytes)
		}
		return patientqa.Errorf(patientqa.EINVALID, "request body could not be read")
	}
	// encoding/json would silently replace invalid UTF-8; refuse it instead.
	if !utf8.Valid(body) {
		return patientqa.Errorf(patientqa.EINVALID, "request body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF):
			return patientqa.Errorf(patientqa.EINVALID, "request body is empty")
		case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
			return patientqa.Errorf(patientqa.EINVALID, "request body is not valid JSON")
		case errors.As(err, &typ):
			return patientqa.Errorf(patientqa.EINVALID, "field %q has the wrong type", typ.Field)
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return patientqa.Errorf(patientqa.EINVALID, "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
		}
		return patientqa.Errorf(patientqa.EINVALID, "request body is not a JSON object")
	}
	if dec.More() {
		return patientqa.Errorf(patientqa.EINVALID, "request body has data after the JSON object")
	}
	return nil
}

// AskerFunc adapts a function to Asker (handy for tests and wrappers).
type AskerFunc func(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error)

// Ask calls f.
func (f AskerFunc) Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
	return f(ctx, q)
}
