package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"patientqa"
	"patientqa/normalize"
)

// wantsStream reports whether the client asked for server-sent events.
func wantsStream(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		if mt, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mt == "text/event-stream" {
			return true
		}
	}
	return false
}

// streamAnswer sends an answer as server-sent events: one `delta` event per sentence, each
// data line a JSON object {"text": …}, then a `done` event whose data is the whole answer.
//
// A stream has its own write deadline (Config.StreamTimeout), since http.Server's WriteTimeout
// is sized for JSON answers, and it stops as soon as the client goes away. The answer is
// complete before the first event is written, so a shutdown (which waits for active requests)
// lets every stream end with its `done` event.
func (s *Server) streamAnswer(w http.ResponseWriter, r *http.Request, a *patientqa.Answer, started bool) {
	rc := http.NewResponseController(w)
	if !started {
		s.startStream(w)
	}
	for _, sentence := range normalize.Sentences(a.Answer) {
		if started {
			break // the sentences went out as they were written; done carries the final answer
		}
		select {
		case <-r.Context().Done():
			return // the client is gone: stop the work
		default:
		}
		if err := writeEvent(w, "delta", map[string]string{"text": sentence}); err != nil {
			return
		}
		_ = rc.Flush()
	}
	if err := writeEvent(w, "done", a); err == nil {
		_ = rc.Flush()
	}
}

// startStream writes the event-stream headers with the stream's own write deadline.
func (s *Server) startStream(w http.ResponseWriter) {
	timeout := s.cfg.StreamTimeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(timeout))
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // ask reverse proxies not to buffer the stream
	w.WriteHeader(http.StatusOK)
}

// askStreaming answers with a Streamer: verified sentences go out as a model writes them, and
// the final answer follows in `done` (it may differ: a model answer can still fall back to
// the extractive one, which the client then shows instead). Errors before the first sentence
// are ordinary JSON errors.
func (s *Server) askStreaming(w http.ResponseWriter, r *http.Request, st Streamer, q patientqa.Question) {
	started := false
	emit := func(sentence string) {
		if r.Context().Err() != nil {
			return
		}
		if !started {
			s.startStream(w)
			started = true
		}
		if writeEvent(w, "delta", map[string]string{"text": sentence}) == nil {
			_ = http.NewResponseController(w).Flush()
		}
	}
	a, err := st.AskStream(r.Context(), q, emit)
	if err != nil {
		if !started {
			s.writeError(w, r, err)
			return
		}
		var body errorBody
		body.Error.Code, body.Error.Message = patientqa.ErrorCode(err), patientqa.ErrorMessage(err)
		_ = writeEvent(w, "error", body)
		return
	}
	a.AnswerID = newID()
	s.afterAnswer(r, q, a)
	s.streamAnswer(w, r, a, started)
}

// writeEvent writes one SSE event with a JSON data line (JSON never contains a newline).
func writeEvent(w http.ResponseWriter, event string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n", event, b.Bytes()) // Encode ends with \n
	return err
}
