package server

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"unicode/utf8"

	"patientqa"
	"patientqa/inbox"
)

// askRequest is the body of POST /ask (DESIGN.md).
type askRequest struct {
	Question *string  `json:"question"`
	Lang     string   `json:"lang"`
	History  []string `json:"history"` // earlier questions of the conversation, oldest first
}

// decodeQuick reads the body as most clients send it: an object of "question" and "lang",
// each at most once, with string values that have no escapes or control characters (in valid
// UTF-8, which decode has checked). It reports false on anything else, which encoding/json then
// decodes, or refuses, as always; what it accepts, encoding/json decodes alike (FuzzDecodeQuick).
func (req *askRequest) decodeQuick(body []byte) bool {
	var question, lang string
	var haveQuestion, haveLang bool
	p := skipSpace(body, 0)
	if p == len(body) || body[p] != '{' {
		return false
	}
	p = skipSpace(body, p+1)
	empty := p < len(body) && body[p] == '}'
	for !empty {
		key, next, ok := plainString(body, p)
		if !ok {
			return false
		}
		if p = skipSpace(body, next); p == len(body) || body[p] != ':' {
			return false
		}
		value, next, ok := plainString(body, skipSpace(body, p+1))
		if !ok {
			return false
		}
		switch {
		case key == "question" && !haveQuestion:
			question, haveQuestion = value, true
		case key == "lang" && !haveLang:
			lang, haveLang = value, true
		default: // another field, a repeated one, or a key in other case: encoding/json decides
			return false
		}
		if p = skipSpace(body, next); p == len(body) || body[p] != ',' {
			break
		}
		p = skipSpace(body, p+1)
	}
	if p == len(body) || body[p] != '}' || skipSpace(body, p+1) != len(body) {
		return false
	}
	if haveQuestion {
		req.Question = &question
	}
	req.Lang = lang
	return true
}

// skipSpace returns the index of the first byte at or after p that is not JSON white space.
func skipSpace(b []byte, p int) int {
	for p < len(b) && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r') {
		p++
	}
	return p
}

// plainString reads a JSON string at p that has no escape and no control character, and
// returns its text and the index after its closing quote.
func plainString(b []byte, p int) (s string, next int, ok bool) {
	if p == len(b) || b[p] != '"' {
		return "", 0, false
	}
	for i := p + 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return string(b[p+1 : i]), i + 1, true
		case c == '\\' || c < 0x20:
			return "", 0, false
		}
	}
	return "", 0, false
}

func (s *Server) handleAsk() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req askRequest
		if err := s.decode(w, r, &req); err != nil {
			s.writeError(w, r, err)
			return
		}
		if req.Question == nil {
			s.writeError(w, r, patientqa.Errorf(patientqa.EINVALID, `field "question" is required`))
			return
		}
		q := patientqa.Question{Text: *req.Question, Lang: patientqa.Lang(req.Lang), History: req.History}
		if st, ok := s.asker.(Streamer); ok && wantsStream(r) {
			s.askStreaming(w, r, st, q)
			return
		}
		a, err := s.asker.Ask(r.Context(), q)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		a.AnswerID = newID()
		s.afterAnswer(r, q, a)
		if wantsStream(r) {
			s.streamAnswer(w, r, a, false)
			return
		}
		writeAnswer(w, a)
	})
}

// afterAnswer tells the request log, the metrics and the editors' inbox about an answer.
func (s *Server) afterAnswer(r *http.Request, q patientqa.Question, a *patientqa.Answer) {
	ri := infoFrom(r.Context())
	ri.category, ri.refused, ri.composer = string(a.Category), a.Refused, a.Composer
	s.m.observeAnswer(a)
	if a.Category == patientqa.CatUncovered {
		err := s.inbox.Add(inbox.Entry{Time: s.cfg.Now().UTC(), Kind: inbox.KindUnanswered, Lang: string(a.Lang),
			Category: string(a.Category), Question: q.Text, AnswerID: a.AnswerID})
		if err != nil {
			s.log.LogAttrs(r.Context(), slog.LevelWarn, "inbox", slog.String("error", err.Error()))
		}
	}
}

// newID returns a random answer id (32 hex characters).
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// feedbackRequest is the body of POST /feedback.
type feedbackRequest struct {
	AnswerID *string `json:"answer_id"`
	Helpful  *bool   `json:"helpful"`
	Comment  string  `json:"comment"`
}

var answerIDRe = regexp.MustCompile(`^[0-9a-f]{32}$`)

// MaxFeedbackComment is the longest comment accepted, in characters.
const MaxFeedbackComment = 1000

func (s *Server) handleFeedback() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req feedbackRequest
		if err := s.decode(w, r, &req); err != nil {
			s.writeError(w, r, err)
			return
		}
		switch {
		case req.AnswerID == nil || !answerIDRe.MatchString(*req.AnswerID):
			s.writeError(w, r, patientqa.Errorf(patientqa.EINVALID, `field "answer_id" must be the answer_id of an answer`))
			return
		case req.Helpful == nil:
			s.writeError(w, r, patientqa.Errorf(patientqa.EINVALID, `field "helpful" (true or false) is required`))
			return
		case !utf8.ValidString(req.Comment):
			s.writeError(w, r, patientqa.Errorf(patientqa.EINVALID, "comment is not valid UTF-8"))
			return
		case utf8.RuneCountInString(req.Comment) > MaxFeedbackComment:
			s.writeError(w, r, patientqa.Errorf(patientqa.ETOOLARGE, "comment is longer than %d characters", MaxFeedbackComment))
			return
		}
		err := s.inbox.Add(inbox.Entry{Time: s.cfg.Now().UTC(), Kind: inbox.KindFeedback, AnswerID: *req.AnswerID,
			Helpful: req.Helpful, Comment: req.Comment})
		if err != nil {
			s.writeError(w, r, &patientqa.Error{Code: patientqa.EUNAVAILABLE, Message: "feedback could not be saved", Err: err})
			return
		}
		writeJSON(w, http.StatusAccepted, map[string]string{"status": "recorded"})
	})
}

func handleHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

func (s *Server) handleReady() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.ready.Load() || (s.cfg.Ready != nil && !s.cfg.Ready()) {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
}

func handleOpenAPI() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
		w.Write(patientqa.OpenAPI)
	})
}

// handleNotFound answers unknown routes, and known routes with the wrong method.
func (s *Server) handleNotFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allowFor(r.URL.Path) != "" {
			s.writeError(w, r, patientqa.Errorf(patientqa.EMETHOD, "%s is not allowed on %s", r.Method, routeOf(r.URL.Path)))
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
				s.log.LogAttrs(r.Context(), slog.LevelError, "panic", slog.String("route", routeOf(r.URL.Path)),
					slog.String("panic", fmt.Sprintf("%T", v)), slog.String("stack", string(debug.Stack())))
				s.writeError(w, r, patientqa.Errorf(patientqa.EINTERNAL, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
