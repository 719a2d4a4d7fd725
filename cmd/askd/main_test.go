package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"patientqa"
	"patientqa/verify"
)

// startAskd runs askd on a free port, as main would, and returns its base URL and the log.
// The rate limit is off and the inbox is a temporary file unless args say otherwise.
func startAskd(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	base, logs := launchAskd(t, env, args...)
	waitReady(t, base, 100)
	return base, logs
}

// launchAskd starts askd like startAskd but returns as soon as it listens, ready or not.
func launchAskd(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	inboxPath = filepath.Join(t.TempDir(), "inbox.jsonl")
	args = append([]string{"-rate-limit", "0", "-inbox", inboxPath}, args...)
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
	return "http://" + addr, logs
}

// waitReady polls /readyz as a deployment would, every 20ms, at most tries times.
func waitReady(t *testing.T, base string, tries int) {
	t.Helper()
	for i := 0; ; i++ {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if i > tries {
			t.Fatal("askd never became ready")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// inboxPath is the inbox file of the askd most recently started by startAskd.
var inboxPath string

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
		{"env answer cache off", nil, map[string]string{"PATIENTQA_ANSWER_CACHE": "0"}, ""},
		{"negative answer cache", []string{"-answer-cache", "-1"}, nil, "-answer-cache"},
		{"verify standard", []string{"-verify", "standard"}, nil, ""},
		{"bad verify", []string{"-verify", "loose"}, nil, "-verify"},
		{"bad env verify", nil, map[string]string{"PATIENTQA_VERIFY": "off"}, "-verify"},
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
	cfg, _ = parseFlags(nil, func(k string) string { return map[string]string{"PATIENTQA_ANSWER_CACHE": "7"}[k] }, io.Discard)
	if cfg.answerCache != 7 {
		t.Errorf("PATIENTQA_ANSWER_CACHE=7 gave -answer-cache %d", cfg.answerCache)
	}
	if cfg.verifyLevel != verify.Strict {
		t.Errorf("the default verify level is %s, want strict", cfg.verifyLevel)
	}
	cfg, _ = parseFlags(nil, func(k string) string { return map[string]string{"PATIENTQA_VERIFY": "standard"}[k] }, io.Discard)
	if cfg.verifyLevel != verify.Standard {
		t.Errorf("PATIENTQA_VERIFY=standard gave %s", cfg.verifyLevel)
	}
}
