package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"patientqa"
)

func newTestServer(ask AskerFunc) (*Server, *bytes.Buffer) {
	var logs bytes.Buffer
	return New(ask, Config{Log: slog.New(slog.NewJSONHandler(&logs, nil))}), &logs
}

func do(h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func errorCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatalf("not a JSON error: %q", rec.Body.String())
	}
	return e.Error.Code
}

// TestErrorMapping: each error code maps to its status, and internal details never reach the
// caller.
func TestErrorMapping(t *testing.T) {
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{patientqa.Errorf(patientqa.EINVALID, "question is empty"), 400, patientqa.EINVALID},
		{patientqa.Errorf(patientqa.ETOOLARGE, "too long"), 413, patientqa.ETOOLARGE},
		{&patientqa.Error{Code: patientqa.EUNAVAILABLE, Message: "search is unavailable", Err: errors.New("dial tcp 10.0.0.1: secret")}, 503, patientqa.EUNAVAILABLE},
		{&patientqa.Error{Code: patientqa.ETIMEOUT, Message: "the answer took too long", Err: context.DeadlineExceeded}, 503, patientqa.ETIMEOUT},
		{errors.New("pq: relation secret_table does not exist"), 500, patientqa.EINTERNAL},
	}
	for _, tt := range tests {
		s, logs := newTestServer(func(context.Context, patientqa.Question) (*patientqa.Answer, error) { return nil, tt.err })
		rec := do(s, "POST", "/ask", `{"question":"我叫张三，电话13800138000"}`)
		if rec.Code != tt.status || errorCode(t, rec) != tt.code {
			t.Errorf("%v: got %d %s, want %d %s", tt.err, rec.Code, rec.Body, tt.status, tt.code)
		}
		if strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("internal detail sent to the caller: %s", rec.Body)
		}
		if strings.Contains(logs.String(), "13800138000") {
			t.Errorf("question logged: %s", logs)
		}
	}
}

func TestPanicRecovery(t *testing.T) {
	s, logs := newTestServer(func(context.Context, patientqa.Question) (*patientqa.Answer, error) { panic("boom") })
	rec := do(s, "POST", "/ask", `{"question":"我的电话是13800138000"}`)
	if rec.Code != 500 || errorCode(t, rec) != patientqa.EINTERNAL {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(logs.String(), "panic") || strings.Contains(logs.String(), "13800138000") {
		t.Errorf("the panic is logged with its stack and without the question: %s", logs)
	}
}

func TestAskPassesQuestion(t *testing.T) {
	var got patientqa.Question
	s, _ := newTestServer(func(_ context.Context, q patientqa.Question) (*patientqa.Answer, error) {
		got = q
		return &patientqa.Answer{Answer: "ok", Category: patientqa.CatAnswer, Citations: []patientqa.Citation{}}, nil
	})
	rec := do(s, "POST", "/ask", `{"question":"干细胞是什么","lang":"zh"}`)
	if rec.Code != 200 || got.Text != "干细胞是什么" || got.Lang != patientqa.LangZh {
		t.Fatalf("got %d %s, question %+v", rec.Code, rec.Body, got)
	}
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Error("answers must not be cached")
	}
}

func TestReady(t *testing.T) {
	s, _ := newTestServer(nil)
	if rec := do(s, "GET", "/readyz", ""); rec.Code != 200 {
		t.Fatalf("readyz %d", rec.Code)
	}
	s.SetReady(false)
	if rec := do(s, "GET", "/readyz", ""); rec.Code != 503 {
		t.Fatalf("readyz while not ready %d", rec.Code)
	}
	if rec := do(s, "GET", "/healthz", ""); rec.Code != 200 {
		t.Fatalf("healthz %d", rec.Code)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s, _ := newTestServer(nil)
	rec := do(s, "DELETE", "/ask", "")
	if rec.Code != 405 || rec.Header().Get("Allow") != "POST, OPTIONS" || errorCode(t, rec) != patientqa.EMETHOD {
		t.Fatalf("got %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	rec = do(s, "POST", "/healthz", "")
	if rec.Code != 405 {
		t.Fatalf("POST /healthz: %d", rec.Code)
	}
}

func TestCompressedBodyRefused(t *testing.T) {
	s, _ := newTestServer(nil)
	req := httptest.NewRequest("POST", "/ask", strings.NewReader("\x1f\x8b..."))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "gzip")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 415 {
		t.Fatalf("gzip body: %d", rec.Code)
	}
}

func BenchmarkEncodeAnswer(b *testing.B) {
	a := &patientqa.Answer{Answer: strings.Repeat("造血干细胞移植是部分血液肿瘤的标准治疗之一[1]。", 6), Category: patientqa.CatAnswer,
		Lang: patientqa.ZhHans, Disclaimer: "免责声明", CorpusVersion: "v", Citations: []patientqa.Citation{{N: 1, ID: "d", Title: "标题",
			Publisher: "发布者", Published: "2020", URL: "https://example.org/x"}}}
	b.ReportAllocs()
	for b.Loop() {
		writeJSON(httptest.NewRecorder(), 200, a)
	}
}

// TestAnswerEncodedOnce: an answer whose JSON the engine made once is sent byte for byte as
// one encoded per response (but for its own answer_id), with the same headers.
func TestAnswerEncodedOnce(t *testing.T) {
	asker := okAnswer(patientqa.CatProvider)
	per, once := New(asker, Config{}), New(encodedOnce(asker), Config{})
	want, got := do(per, "POST", "/ask", `{"question":"q"}`), do(once, "POST", "/ask", `{"question":"q"}`)
	var a, b patientqa.Answer
	if json.Unmarshal(want.Body.Bytes(), &a) != nil || json.Unmarshal(got.Body.Bytes(), &b) != nil || len(b.AnswerID) != 32 {
		t.Fatalf("bodies:\n%s\n%s", want.Body, got.Body)
	}
	wantBody := strings.Replace(want.Body.String(), a.AnswerID, b.AnswerID, 1)
	if got.Code != want.Code || got.Body.String() != wantBody {
		t.Fatalf("got %d %s\nwant %d %s", got.Code, got.Body, want.Code, wantBody)
	}
	for k := range want.Header() {
		if got.Header().Get(k) != want.Header().Get(k) {
			t.Errorf("header %s: %q, want %q", k, got.Header().Get(k), want.Header().Get(k))
		}
	}
}

func BenchmarkEncodeAnswerOnce(b *testing.B) {
	a := &patientqa.Answer{Answer: strings.Repeat("造血干细胞移植是部分血液肿瘤的标准治疗之一[1]。", 6), Category: patientqa.CatAnswer,
		Lang: patientqa.ZhHans, Disclaimer: "免责声明", CorpusVersion: "v", Citations: []patientqa.Citation{{N: 1, ID: "d", Title: "标题",
			Publisher: "发布者", Published: "2020", URL: "https://example.org/x"}}}
	a.JSON = patientqa.EncodeAnswer(a)
	a.AnswerID = newID()
	b.ReportAllocs()
	for b.Loop() {
		writeAnswer(httptest.NewRecorder(), a)
	}
}
