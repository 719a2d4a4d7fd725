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
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"patientqa"
	"patientqa/inbox"
)

// Limits of a request (DESIGN.md). MaxHeaderBytes is enforced by the server with a JSON error;
// the http.Server's own (larger) limit only guards against abuse beyond it.
const (
	MaxBodyBytes   = 16 << 10
	MaxHeaderBytes = 16 << 10
)

// Asker answers questions; *answer.Engine implements it.
type Asker interface {
	Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error)
}

// Streamer is an Asker that can also pass sentences on while a model writes them (provisional
// until the final answer); *answer.Engine implements it.
type Streamer interface {
	AskStream(ctx context.Context, q patientqa.Question, emit func(sentence string)) (*patientqa.Answer, error)
}

// Config is what the server needs besides the Asker. The zero value is a server with no rate
// limit, no concurrency cap, same-origin CORS, no inbox, a discarding logger and its own
// metrics registry.
type Config struct {
	Log            *slog.Logger
	Inbox          inbox.Store // unanswered questions and feedback (redacted there)
	Metrics        *Metrics
	CORSOrigins    []string      // origins allowed to call the API from a browser; empty: same origin only
	FrameAncestors []string      // CSP frame-ancestors sources for pages; empty: 'self'
	RateLimit      float64       // requests per second per client on /ask and /feedback; 0: off
	RateBurst      int           // burst of the rate limit (default 10)
	MaxInFlight    int           // answers computed at once; more get 503 EUNAVAILABLE; 0: no cap
	BodyTimeout    time.Duration // time allowed to receive a request body (default 10s)
	StreamTimeout  time.Duration // write deadline of a server-sent-events answer (default 1m)
	Now            func() time.Time
	// Ready, when set, reports whether the service's dependencies (a database) can serve;
	// /readyz fails while it returns false.
	Ready func() bool
}

// Server holds what the handlers need.
type Server struct {
	asker  Asker
	cfg    Config
	log    *slog.Logger
	inbox  inbox.Store
	m      *Metrics
	ready  atomic.Bool
	routes http.Handler
}

// New returns the HTTP handler of the service. It is ready at once; SetReady(false) makes
// /readyz fail (for shutdown, or while a dependency is down).
func New(asker Asker, cfg Config) *Server {
	s := &Server{asker: asker, cfg: cfg, log: cfg.Log, inbox: cfg.Inbox, m: cfg.Metrics}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.inbox == nil {
		s.inbox = inbox.Discard{}
	}
	if s.m == nil {
		s.m = NewMetrics(nil)
	}
	if s.cfg.Now == nil {
		s.cfg.Now = time.Now
	}
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
	patientqa.EFORBIDDEN:   http.StatusForbidden,
	patientqa.ERATELIMIT:   http.StatusTooManyRequests,
	patientqa.EUNAVAILABLE: http.StatusServiceUnavailable,
	patientqa.ETIMEOUT:     http.StatusServiceUnavailable,
	patientqa.ESLOW:        http.StatusRequestTimeout,
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
		s.log.LogAttrs(r.Context(), slog.LevelError, "request failed", slog.String("route", routeOf(r.URL.Path)),
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

// writeJSON sends v as JSON (HTML-escaped, newline-terminated, as json.Encoder writes it).
func writeJSON(w http.ResponseWriter, code int, v any) {
	b := buffers.Get().(*bytes.Buffer)
	defer putBuffer(b)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		// Nothing the server sends fails to encode; answer as encoding into w would have.
		setJSONHeaders(w.Header())
		w.WriteHeader(code)
		return
	}
	writeBody(w, code, b.Bytes())
}

// writeAnswer sends an answer as writeJSON does, from the JSON the engine made once when it
// has it.
func writeAnswer(w http.ResponseWriter, a *patientqa.Answer) {
	if a.JSON == nil {
		writeJSON(w, http.StatusOK, a)
		return
	}
	b := buffers.Get().(*bytes.Buffer)
	defer putBuffer(b)
	b.Write(append(a.JSON.Append(b.AvailableBuffer(), a.AnswerID), '\n'))
	writeBody(w, http.StatusOK, b.Bytes())
}

// writeBody sends a JSON body in one write, with its length (so it is not chunked).
func writeBody(w http.ResponseWriter, code int, body []byte) {
	h := w.Header()
	setJSONHeaders(h)
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(code)
	_, _ = w.Write(body) // the client may be gone; nothing useful to do
}

// Values of the headers every JSON response has, made once and set as in securityHeaders.
var (
	jsonType = []string{"application/json; charset=utf-8"}
	noStore  = []string{"no-store"}
)

func setJSONHeaders(h http.Header) {
	h["Content-Type"] = jsonType
	h["Cache-Control"] = noStore
}

// buffers holds the buffers responses are encoded in; big ones are not kept.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 64<<10 {
		b.Reset()
		buffers.Put(b)
	}
}

// quickDecoder is a request body with a fast path for its common, simple JSON: decodeQuick
// fills it and reports true only for bodies encoding/json would decode the same way without
// error; anything else is left to encoding/json.
type quickDecoder interface{ decodeQuick(body []byte) bool }

// decode reads a JSON body of at most MaxBodyBytes into v, refusing unknown fields, trailing
// data, and anything but application/json.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) error {
	// A body that trickles in must not hold a connection and a slot for long.
	timeout := s.cfg.BodyTimeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(timeout))
	if err := decode(w, r, v); err != nil {
		// The body may be unread: close the connection after the error instead of letting the
		// server wait to drain it.
		w.Header().Set("Connection", "close")
		return err
	}
	_ = rc.SetReadDeadline(time.Time{})
	return nil
}

func decode(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return patientqa.Errorf(patientqa.EUNSUPPORTED, "send the question as application/json")
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return patientqa.Errorf(patientqa.EUNSUPPORTED, "compressed request bodies are not accepted")
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf) // what is decoded is copied out of it
	_, err = buf.ReadFrom(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	body := buf.Bytes()
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return patientqa.Errorf(patientqa.ETOOLARGE, "request body is larger than %d bytes", MaxBodyBytes)
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return patientqa.Errorf(patientqa.ESLOW, "the request body did not arrive in time")
		}
		return patientqa.Errorf(patientqa.EINVALID, "request body could not be read")
	}
	// encoding/json would silently replace invalid UTF-8; refuse it instead.
	if !utf8.Valid(body) {
		return patientqa.Errorf(patientqa.EINVALID, "request body is not valid UTF-8")
	}
	if q, ok := v.(quickDecoder); ok && q.decodeQuick(body) {
		return nil
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
