package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// reqInfo is what a handler tells the request log about its answer. It never holds the
// question.
type reqInfo struct {
	category string
	refused  bool
	composer string
}

type reqInfoKey struct{}

func infoFrom(ctx context.Context) *reqInfo {
	if ri, ok := ctx.Value(reqInfoKey{}).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{}
}

// statusRecorder remembers the status code; it passes Flush through for streams.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logRequests writes one access line per request (route, status, duration, category, refused,
// composer — never the question) and records the request metrics.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		route := routeOf(r.URL.Path)
		ri := &reqInfo{}
		rec := &statusRecorder{ResponseWriter: w}
		s.m.inFlight.Inc()
		defer s.m.inFlight.Dec()
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, ri)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		d := time.Since(start)
		s.m.observeRequest(route, rec.status, d)
		s.logRequest(r, route, rec.status, d, ri)
	})
}

// logRequest writes the access line. It hands the record to the handler itself, as
// Logger.LogAttrs would but without looking up the caller (no handler of ours logs it).
func (s *Server) logRequest(r *http.Request, route string, status int, d time.Duration, ri *reqInfo) {
	h := s.log.Handler()
	if !h.Enabled(r.Context(), slog.LevelInfo) {
		return
	}
	rec := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
	rec.AddAttrs(slog.String("route", route), slog.String("method", r.Method), slog.Int("status", status),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000))
	if ri.category != "" {
		rec.AddAttrs(slog.String("category", ri.category), slog.Bool("refused", ri.refused),
			slog.String("composer", ri.composer))
	}
	_ = h.Handle(r.Context(), rec)
}
