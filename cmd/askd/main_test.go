package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"patientqa"
)

// startAskd runs askd on a free port, as main would, and returns its base URL and the log.
func startAskd(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	logs := &syncBuffer{}
	done := make(chan error, 1)
	getenv := func(k string) string { return env[k] }
	go func() {
		done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), getenv, logs, io.Discard, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("askd did not start: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("askd did not start in 30s")
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("askd shutdown: %v", err)
		}
	})
	base := "http://" + addr
	// Poll /readyz as a deployment would.
	for i := 0; ; i++ {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if i > 100 {
			t.Fatal("askd never became ready")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return base, logs
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func ask(t *testing.T, base, body string) (int, []byte) {
	t.Helper()
	resp, err := http.Post(base+"/ask", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	return resp.StatusCode, b
}

var (
	markerRe = regexp.MustCompile(`\[(\d+)\]`)
	// A named institution: a place or a distinctive name before 医院/诊所 ("苏州市立医院"), not
	// a generic phrase ("任何医院", "最近医院的急诊").
	hospitalRe = regexp.MustCompile(`[\p{Han}]{0,8}(?:市|省|区|县|大学|学院|人民|附属|第[一二三四五六七八九十]|中医|妇幼|儿童|肿瘤|协和|华西|瑞金|湘雅|齐鲁|同济|中山|西部)[\p{Han}]{0,6}(?:医院|醫院|诊所|診所)|[A-Z][a-z]+ (?:Hospital|Clinic)\b`)
	priceRe    = regexp.MustCompile(`\d+\s*(?:元|万元|块|美元)|[$¥￥]\s*\d`)
)

// TestEndToEnd drives the questions of the engine issue through the real HTTP server and checks
// the contract of DESIGN.md on every answer.
func TestEndToEnd(t *testing.T) {
	base, logs := startAskd(t, nil)
	tests := []struct {
		name, question string
		category       patientqa.Category
		refused        bool
		lang           patientqa.Lang
		mention        []string
	}{
		{"mechanism", "干细胞回输是什么原理?", "answer", false, "zh-Hans", []string{"间充质"}},
		{"real effect", "细胞治疗真实效果怎么样?", "answer", false, "zh-Hans", []string{"造血干细胞移植", "试验"}},
		{"provider", "苏州哪个医院可以注射干细胞?", "provider", false, "zh-Hans", []string{"备案", "医生"}},
		{"emergency", "我昨天打了干细胞，现在胸痛、喘不上气", "emergency", false, "zh-Hans", []string{"120", "急诊"}},
		{"dose", "我妈妈帕金森，干细胞要打几针，每次多少亿个细胞？", "personal", false, "zh-Hans", []string{"剂量", "医生"}},
		{"traditional", "幹細胞可以治療漸凍症嗎？", "answer", false, "zh-Hant", []string{"漸凍症"}},
		{"off-topic", "周末去哪里吃火锅比较好？", "offtopic", true, "zh-Hans", nil},
		{"english", "Is there evidence that stem cells help autism?", "answer", false, "en", []string{"autism"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]string{"question": tt.question, "lang": "auto"})
			code, b := ask(t, base, string(body))
			if code != http.StatusOK {
				t.Fatalf("status %d: %s", code, b)
			}
			var a patientqa.Answer
			dec := json.NewDecoder(bytes.NewReader(b))
			if err := dec.Decode(&a); err != nil {
				t.Fatal(err)
			}
			var raw map[string]any
			_ = json.Unmarshal(b, &raw)
			for _, k := range []string{"answer", "citations", "refused", "category", "emergency", "referral", "disclaimer", "lang", "corpus_version"} {
				if _, ok := raw[k]; !ok {
					t.Errorf("response lacks %q", k)
				}
			}
			if a.Category != tt.category || a.Refused != tt.refused || a.Lang != tt.lang {
				t.Errorf("got %s/%v/%s, want %s/%v/%s:\n%s", a.Category, a.Refused, a.Lang, tt.category, tt.refused, tt.lang, a.Answer)
			}
			if a.Emergency != (tt.category == "emergency") {
				t.Errorf("emergency = %v", a.Emergency)
			}
			for _, m := range tt.mention {
				if !strings.Contains(a.Answer, m) {
					t.Errorf("answer lacks %q:\n%s", m, a.Answer)
				}
			}
			for _, m := range markerRe.FindAllStringSubmatch(a.Answer, -1) {
				var n int
				fmt.Sscan(m[1], &n)
				if n < 1 || n > len(a.Citations) {
					t.Errorf("[%d] does not resolve", n)
				}
			}
			if !tt.refused && len(a.Citations) == 0 {
				t.Errorf("an answer without citations:\n%s", a.Answer)
			}
			if hospitalRe.MatchString(a.Answer) || priceRe.MatchString(a.Answer) {
				t.Errorf("answer names an institution or a price:\n%s", a.Answer)
			}
			if tt.category == "emergency" && !strings.Contains(strings.SplitN(a.Answer, "。", 2)[0], "120") {
				t.Errorf("the emergency instruction must come first:\n%s", a.Answer)
			}
		})
	}
	// No question text in the logs.
	for _, tt := range tests {
		if strings.Contains(logs.String(), tt.question) {
			t.Errorf("log contains the question %q", tt.question)
		}
	}
}

// TestBadInput: each bad request gets a clear 4xx with a JSON error and nothing else happens.
func TestBadInput(t *testing.T) {
	base, _ := startAskd(t, nil)
	long := strings.Repeat("干", 2001)
	tests := []struct {
		name, method, path, ctype, body string
		status                          int
		code                            string
	}{
		{"not JSON", "POST", "/ask", "application/json", "question=hi", 400, "EINVALID"},
		{"empty body", "POST", "/ask", "application/json", "", 400, "EINVALID"},
		{"truncated JSON", "POST", "/ask", "application/json", `{"question":"hi"`, 400, "EINVALID"},
		{"wrong type", "POST", "/ask", "application/json", `{"question":42}`, 400, "EINVALID"},
		{"unknown field", "POST", "/ask", "application/json", `{"question":"hi","admin":true}`, 400, "EINVALID"},
		{"missing question", "POST", "/ask", "application/json", `{"lang":"zh"}`, 400, "EINVALID"},
		{"empty question", "POST", "/ask", "application/json", `{"question":"  "}`, 400, "EINVALID"},
		{"bad lang", "POST", "/ask", "application/json", `{"question":"hi","lang":"fr"}`, 400, "EINVALID"},
		{"not UTF-8", "POST", "/ask", "application/json", "{\"question\":\"\xff\xfe\"}", 400, "EINVALID"},
		{"NUL", "POST", "/ask", "application/json", `{"question":"a\u0000b"}`, 400, "EINVALID"},
		{"2001 characters", "POST", "/ask", "application/json", `{"question":"` + long + `"}`, 413, "ETOOLARGE"},
		{"16 KiB + 1", "POST", "/ask", "application/json", `{"question":"` + strings.Repeat("a", 16<<10) + `"}`, 413, "ETOOLARGE"},
		{"two objects", "POST", "/ask", "application/json", `{"question":"hi"}{"question":"x"}`, 400, "EINVALID"},
		{"wrong content type", "POST", "/ask", "text/plain", `{"question":"hi"}`, 415, "EUNSUPPORTED"},
		{"no content type", "POST", "/ask", "", `{"question":"hi"}`, 415, "EUNSUPPORTED"},
		{"wrong method", "GET", "/ask", "", "", 405, "EMETHOD"},
		{"unknown route", "GET", "/nope", "", "", 404, "ENOTFOUND"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, base+tt.path, strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
				t.Fatalf("not a JSON error: %v", err)
			}
			if resp.StatusCode != tt.status || e.Error.Code != tt.code || e.Error.Message == "" {
				t.Errorf("got %d %+v, want %d %s", resp.StatusCode, e.Error, tt.status, tt.code)
			}
		})
	}
}

func TestHealth(t *testing.T) {
	base, _ := startAskd(t, nil)
	for _, p := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(base + p)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v %v", p, err, resp)
		}
		resp.Body.Close()
	}
}

func TestConfig(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string // error substring; "" for success
	}{
		{"defaults", nil, nil, ""},
		{"env addr", nil, map[string]string{"PATIENTQA_ADDR": "127.0.0.1:9999"}, ""},
		{"bad addr", []string{"-addr", "nope"}, nil, "-addr"},
		{"bad env duration", nil, map[string]string{"PATIENTQA_ANSWER_TIMEOUT": "soon"}, "PATIENTQA_ANSWER_TIMEOUT"},
		{"unknown flag", []string{"-nope"}, nil, "nope"},
	}
	for _, tt := range tests {
		_, err := parseFlags(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	cfg, _ := parseFlags([]string{"-addr", "127.0.0.1:1"}, func(k string) string {
		return map[string]string{"PATIENTQA_ADDR": "127.0.0.1:2"}[k]
	}, io.Discard)
	if cfg.addr != "127.0.0.1:1" {
		t.Errorf("a flag must win over the environment: %s", cfg.addr)
	}
}

// TestShutdown: cancelling run's context (what SIGTERM does) lets in-flight requests finish.
// Each request is in flight when the shutdown starts: its body is still being uploaded.
func TestShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, func(string) string { return "" }, io.Discard, io.Discard, ready)
	}()
	base := "http://" + <-ready
	const n = 10
	var wg sync.WaitGroup
	writers := make([]*io.PipeWriter, n)
	statuses := make([]int, n)
	started := make(chan struct{}, n)
	for i := range n {
		pr, pw := io.Pipe()
		writers[i] = pw
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", base+"/ask", pr)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Errorf("request %d lost: %v", i, err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
		go func() {
			pw.Write([]byte(`{"question":"干细胞治疗`)) // blocks until the server reads it
			started <- struct{}{}
		}()
	}
	for range n {
		<-started
	}
	time.Sleep(200 * time.Millisecond) // let the server accept them: they are now reading bodies
	cancel()                           // SIGTERM
	time.Sleep(100 * time.Millisecond)
	for _, pw := range writers {
		pw.Write([]byte(`真实效果怎么样"}`))
		pw.Close()
	}
	wg.Wait()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("shutdown did not finish")
	}
	for i, st := range statuses {
		if st != http.StatusOK {
			t.Errorf("request %d: status %d", i, st)
		}
	}
}
