package server

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"patientqa"
	"patientqa/inbox"
)

func okAnswer(category patientqa.Category) AskerFunc {
	return func(context.Context, patientqa.Question) (*patientqa.Answer, error) {
		return &patientqa.Answer{Answer: "ok [1]", Category: category, Lang: patientqa.ZhHans, Composer: "extractive",
			Citations:  []patientqa.Citation{{N: 1, ID: "d", Title: "t", Publisher: "p", Published: "2020", URL: "https://example.org"}},
			Disclaimer: "d", CorpusVersion: "v", Refused: category == patientqa.CatUncovered,
			Urgency: patientqa.UrgencyNone, Region: patientqa.RegionHK, Conditions: []string{"als"}, InScope: true}, nil
	}
}

func TestConcurrencyCap(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	slow := AskerFunc(func(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
		started <- struct{}{}
		<-release
		return okAnswer(patientqa.CatAnswer)(ctx, q)
	})
	s := New(slow, Config{MaxInFlight: 2})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); do(s, "POST", "/ask", `{"question":"q"}`) }()
	}
	<-started
	<-started
	rec := do(s, "POST", "/ask", `{"question":"q"}`)
	if rec.Code != 503 || errorCode(t, rec) != patientqa.EUNAVAILABLE || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("saturated server: %d %s", rec.Code, rec.Body)
	}
	if rec := do(s, "GET", "/healthz", ""); rec.Code != 200 {
		t.Fatalf("health checks are not capped: %d", rec.Code)
	}
	close(release)
	wg.Wait()
	if rec := do(s, "POST", "/ask", `{"question":"q"}`); rec.Code != 200 {
		t.Fatalf("after the burst: %d", rec.Code)
	}
}

func TestRateLimit(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	s := New(okAnswer(patientqa.CatAnswer), Config{RateLimit: 1, RateBurst: 2, Now: func() time.Time { return now }})
	ask := func(remote string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/ask", strings.NewReader(`{"question":"q"}`))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	for i := range 2 {
		if rec := ask("10.0.0.1:1"); rec.Code != 200 {
			t.Fatalf("request %d within the burst: %d", i, rec.Code)
		}
	}
	rec := ask("10.0.0.1:2")
	if rec.Code != 429 || errorCode(t, rec) != patientqa.ERATELIMIT || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("over the limit: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	if rec := ask("10.0.0.2:1"); rec.Code != 200 {
		t.Fatalf("another client is not limited: %d", rec.Code)
	}
	now = now.Add(2 * time.Second)
	if rec := ask("10.0.0.1:3"); rec.Code != 200 {
		t.Fatalf("after waiting: %d", rec.Code)
	}
}

func TestCORS(t *testing.T) {
	s := New(okAnswer(patientqa.CatAnswer), Config{CORSOrigins: []string{"https://hospital.example"}})
	pre := func(origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("OPTIONS", "/ask", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	rec := pre("https://hospital.example")
	if rec.Code != 204 || rec.Header().Get("Access-Control-Allow-Origin") != "https://hospital.example" ||
		!strings.Contains(rec.Header().Get("Access-Control-Allow-Methods"), "POST") {
		t.Fatalf("allowed preflight: %d %v", rec.Code, rec.Header())
	}
	for _, bad := range []string{"https://evil.example", "null", "https://hospital.example.evil.com", "http://hospital.example"} {
		rec := pre(bad)
		if rec.Code != 403 || errorCode(t, rec) != patientqa.EFORBIDDEN || rec.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("forbidden preflight from %s: %d %v", bad, rec.Code, rec.Header())
		}
	}
	req := httptest.NewRequest("POST", "/ask", strings.NewReader(`{"question":"q"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://evil.example")
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Fatalf("a POST from a forbidden origin: %d", rec.Code)
	}
	// Same origin passes with the default (empty) allowlist.
	s = New(okAnswer(patientqa.CatAnswer), Config{})
	req = httptest.NewRequest("POST", "http://ask.example.org/ask", strings.NewReader(`{"question":"q"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://ask.example.org")
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("same origin: %d %s", rec.Code, rec.Body)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := New(okAnswer(patientqa.CatAnswer), Config{FrameAncestors: []string{"https://hospital.example"}})
	rec := do(s, "POST", "/ask", `{"question":"q"}`)
	h := rec.Header()
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" ||
		!strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors https://hospital.example") ||
		!strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatalf("headers: %v", h)
	}
}

func TestFeedbackAndInbox(t *testing.T) {
	path := filepath.Join(t.TempDir(), "inbox.jsonl")
	s := New(okAnswer(patientqa.CatUncovered), Config{Inbox: &inbox.File{Path: path}})
	rec := do(s, "POST", "/ask", `{"question":"我叫王五，电话13600001111，干细胞能治痛风吗"}`)
	var a patientqa.Answer
	json.Unmarshal(rec.Body.Bytes(), &a)
	if rec.Code != 200 || len(a.AnswerID) != 32 {
		t.Fatalf("answer: %d %s", rec.Code, rec.Body)
	}
	rec = do(s, "POST", "/feedback", `{"answer_id":"`+a.AnswerID+`","helpful":false,"comment":"没用，邮箱 wang@example.com"}`)
	if rec.Code != 202 {
		t.Fatalf("feedback: %d %s", rec.Code, rec.Body)
	}
	es, err := inbox.Read(path)
	if err != nil || len(es) != 2 {
		t.Fatalf("inbox: %v %+v", err, es)
	}
	if es[0].Kind != inbox.KindUnanswered || strings.Contains(es[0].Question, "13600001111") || strings.Contains(es[0].Question, "王五") ||
		!strings.Contains(es[0].Question, "痛风") {
		t.Errorf("unanswered entry: %+v", es[0])
	}
	if es[1].Kind != inbox.KindFeedback || es[1].AnswerID != a.AnswerID || strings.Contains(es[1].Comment, "wang@example.com") {
		t.Errorf("feedback entry: %+v", es[1])
	}
	for _, body := range []string{`{"answer_id":"nope","helpful":true}`, `{"answer_id":"` + a.AnswerID + `"}`,
		`{"answer_id":"` + a.AnswerID + `","helpful":"yes"}`, `{"answer_id":"` + a.AnswerID + `","helpful":true,"x":1}`} {
		if rec := do(s, "POST", "/feedback", body); rec.Code != 400 {
			t.Errorf("%s: %d", body, rec.Code)
		}
	}
	long := `{"answer_id":"` + a.AnswerID + `","helpful":true,"comment":"` + strings.Repeat("长", MaxFeedbackComment+1) + `"}`
	if rec := do(s, "POST", "/feedback", long); rec.Code != 413 {
		t.Errorf("long comment: %d", rec.Code)
	}
}

func TestMetricsEndpoint(t *testing.T) {
	s := New(okAnswer(patientqa.CatUncovered), Config{})
	s.m.SetCorpus("abc123", 96)
	do(s, "POST", "/ask", `{"question":"q"}`)
	rec := do(s, "GET", "/metrics", "")
	body := rec.Body.String()
	for _, want := range []string{`patientqa_requests_total{code="200",route="/ask"} 1`, `patientqa_answers_total{category="uncovered"} 1`,
		"patientqa_refusals_total 1", `patientqa_corpus_info{version="abc123"} 1`, "patientqa_corpus_documents 96",
		"patientqa_request_duration_seconds_bucket", "patientqa_in_flight_requests", "patientqa_guard_trips_total 0",
		"patientqa_answer_cache_hits_total 0"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestCheckRequest(t *testing.T) {
	s := New(okAnswer(patientqa.CatAnswer), Config{})
	req := httptest.NewRequest("GET", "/healthz", nil)
	req.Header.Set("X-Big", strings.Repeat("a", MaxHeaderBytes))
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 413 || errorCode(t, rec) != patientqa.ETOOLARGE {
		t.Fatalf("huge header: %d %s", rec.Code, rec.Body)
	}
	for _, p := range []string{"/ask/../healthz", "//ask", "/a/./b"} {
		req := httptest.NewRequest("GET", "/healthz", nil)
		req.URL.Path = p
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 404 || errorCode(t, rec) != patientqa.ENOTFOUND {
			t.Errorf("path %q: %d %s", p, rec.Code, rec.Body)
		}
	}
}

func TestStream(t *testing.T) {
	s := New(AskerFunc(func(context.Context, patientqa.Question) (*patientqa.Answer, error) {
		return &patientqa.Answer{Answer: "第一句[1]。第二句\"引号\"<b>[1]。", Category: patientqa.CatAnswer, Lang: patientqa.ZhHans,
			Citations: []patientqa.Citation{{N: 1, ID: "d", Title: "t", Publisher: "p", Published: "2020", URL: "https://example.org"}}}, nil
	}), Config{})
	req := httptest.NewRequest("POST", "/ask", strings.NewReader(`{"question":"q"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/event-stream") {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	var deltas []string
	var done patientqa.Answer
	for _, frame := range strings.Split(strings.TrimSpace(rec.Body.String()), "\n\n") {
		lines := strings.Split(frame, "\n")
		if len(lines) != 2 || !strings.HasPrefix(lines[0], "event: ") || !strings.HasPrefix(lines[1], "data: ") {
			t.Fatalf("malformed frame %q", frame)
		}
		data := strings.TrimPrefix(lines[1], "data: ")
		switch strings.TrimPrefix(lines[0], "event: ") {
		case "delta":
			var d struct{ Text string }
			if err := json.Unmarshal([]byte(data), &d); err != nil {
				t.Fatalf("delta is not JSON: %q", data)
			}
			deltas = append(deltas, d.Text)
		case "done":
			if err := json.Unmarshal([]byte(data), &done); err != nil {
				t.Fatalf("done is not JSON: %q", data)
			}
		}
	}
	if strings.Join(deltas, "") != done.Answer || len(deltas) != 2 || len(done.Citations) != 1 || done.AnswerID == "" {
		t.Fatalf("deltas %q, done %+v", deltas, done)
	}
	if strings.Contains(rec.Body.String(), "<b>") {
		t.Error("HTML characters must be escaped in JSON frames")
	}
}
