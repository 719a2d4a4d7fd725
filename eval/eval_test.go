package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"patientqa"
	"patientqa/answer"
	"patientqa/corpus"
	"patientqa/llm"
	"patientqa/llm/llmtest"
	"patientqa/prompts"
	"patientqa/server"
)

func setup(t testing.TB) (*answer.Engine, *Checker) {
	t.Helper()
	c, err := corpus.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	p, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	ck, err := NewChecker(c, p)
	if err != nil {
		t.Fatal(err)
	}
	return answer.New(c, p, answer.Options{}), ck
}

func TestParseSuiteErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown expect key", "cases:\n  - id: a\n    question: q\n    expect:\n      refused: true\n", "line 5"},
		{"unknown case key", "cases:\n  - id: a\n    question: q\n    answer: x\n", "line 4"},
		{"unknown top-level key", "name: x\ncases:\n  - id: a\n    question: q\n", "line 1"},
		{"duplicate id", "cases:\n  - id: a\n    question: q\n  - id: a\n    question: r\n", "duplicate case id"},
		{"no question", "cases:\n  - id: a\n", "has no question"},
		{"no id", "cases:\n  - question: q\n", "without id"},
		{"bad category", "cases:\n  - id: a\n    question: q\n    expect: {category: urgent}\n", "unknown category"},
		{"bad lang", "cases:\n  - id: a\n    question: q\n    lang: fr\n", "lang must be"},
		{"no cases", "cases: []\n", "no cases"},
	}
	for _, tt := range tests {
		_, err := ParseSuite("suites/x.yaml", []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), "suites/x.yaml") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want file name and %q", tt.name, err, tt.want)
		}
	}
	s, err := ParseSuite("x.yaml", []byte("cases:\n  - id: a\n    question: q\n  - id: b\n    question: r\n    expect: {refuse: false, cite_any: [d]}\n"))
	if err != nil || len(s.Cases) != 2 || s.Cases[1].Line != 4 || s.Cases[1].Expect.Refuse == nil || *s.Cases[1].Expect.Refuse {
		t.Fatalf("parse: %+v %v", s, err)
	}
}

func TestNotMentionAllowsWarnings(t *testing.T) {
	tests := []struct {
		answer string
		phrase string
		bad    bool
	}{
		{"国家卫健委提醒，宣称“包治百病”“一针见效”的，可判断为骗局[1]。", "一针见效", false},
		{"Clinics that claim a “cure” are a red flag [1].", "cure", false},
		{"干细胞一针见效。", "一针见效", true},
		{"“一针见效”是真的。", "一针见效", true},      // quoted but endorsed
		{"诊所声称一针见效，这没有证据。", "一针见效", true}, // attributed but not quoted
		{"幹細胞一針見效。", "一针见效", true},        // Traditional folds to Simplified
		{"STEM CELLS CURE ALS.", "cure", true},
	}
	for _, tt := range tests {
		_, got := mentions(tt.answer, tt.phrase)
		if got != tt.bad {
			t.Errorf("mentions(%q, %q) = %v, want %v", tt.answer, tt.phrase, got, tt.bad)
		}
	}
}

// brokenAsker appends a cure promise after the engine's guard: eval must catch it on its own.
type brokenAsker struct{ next Asker }

func (b brokenAsker) Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
	a, err := b.next.Ask(ctx, q)
	if err == nil {
		a.Answer += "干细胞可以根治渐冻症。"
	}
	return a, err
}

func TestBrokenEngineFailsLoudly(t *testing.T) {
	e, ck := setup(t)
	s, err := LoadSuite("suites/core.yaml")
	if err != nil {
		t.Fatal(err)
	}
	results := (&Runner{Asker: brokenAsker{e}, Checker: ck}).Run(context.Background(), []*Suite{s})
	var out bytes.Buffer
	WriteText(&out, results)
	for _, r := range results {
		if r.Passed {
			t.Errorf("%s passed with a cure promise in its answer", r.ID)
		}
	}
	if !strings.Contains(out.String(), "core-mechanism-zh") || !strings.Contains(out.String(), "promises a cure") ||
		!strings.Contains(out.String(), "干细胞可以根治渐冻症") {
		t.Errorf("the report must name the case and the sentence:\n%s", out.String())
	}
}

func TestCoreSuitePasses(t *testing.T) {
	e, ck := setup(t)
	s, err := LoadSuite("suites/core.yaml")
	if err != nil {
		t.Fatal(err)
	}
	results := (&Runner{Asker: e, Checker: ck, Variants: true}).Run(context.Background(), []*Suite{s})
	for _, r := range results {
		if !r.Passed {
			t.Errorf("%s: %v\n%s", r.ID, r.Failures, r.Answer)
		}
	}
	if len(results) <= len(s.Cases) {
		t.Errorf("variants did not run: %d results", len(results))
	}
}

// TestHTTPSameResults: the same suite against a running server gives the same results as
// in-process.
func TestHTTPSameResults(t *testing.T) {
	e, ck := setup(t)
	s, _ := LoadSuite("suites/core.yaml")
	srv := httptest.NewServer(server.New(e, server.Config{}))
	defer srv.Close()
	local := (&Runner{Asker: e, Checker: ck, Variants: true}).Run(context.Background(), []*Suite{s})
	remote := (&Runner{Asker: HTTPAsker{URL: srv.URL}, Checker: ck, Variants: true}).Run(context.Background(), []*Suite{s})
	var a, b bytes.Buffer
	WriteJSON(&a, local)
	WriteJSON(&b, remote)
	if a.String() != b.String() {
		t.Fatalf("in-process and HTTP results differ")
	}
}

func TestReports(t *testing.T) {
	results := []Result{
		{Suite: "s.yaml", ID: "a", Passed: true, Failures: []string{}, Category: "answer", Citations: []patientqa.Citation{}},
		{Suite: "s.yaml", ID: "b", Passed: false, Failures: []string{"refused = false, want true"}, Category: "answer", Answer: "x", Citations: []patientqa.Citation{}},
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, results); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Cases, Passed, Failed int
		Results               []map[string]any
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil || got.Cases != 2 || got.Passed != 1 || got.Failed != 1 {
		t.Fatalf("json: %v %+v", err, got)
	}
	for _, k := range []string{"id", "passed", "failures", "category", "refused", "answer", "citations"} {
		if _, ok := got.Results[1][k]; !ok {
			t.Errorf("json result lacks %q", k)
		}
	}
	var ju bytes.Buffer
	if err := WriteJUnit(&ju, results); err != nil {
		t.Fatal(err)
	}
	var x struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(ju.Bytes(), &x); err != nil || len(x.Suites) != 1 || x.Suites[0].Tests != 2 || x.Suites[0].Failures != 1 {
		t.Fatalf("junit: %v %+v\n%s", err, x, ju.String())
	}
}

func TestVariants(t *testing.T) {
	v := Variants("干细胞回输是什么原理?")
	var names []string
	for _, x := range v {
		names = append(names, x.Name)
	}
	if !reflect.DeepEqual(names, []string{VariantTraditional, VariantFullWidth, VariantTypo, VariantPolite, VariantInjection}) {
		t.Fatalf("variants %v", names)
	}
	if !reflect.DeepEqual(v, Variants("干细胞回输是什么原理?")) {
		t.Fatal("variants are not deterministic")
	}
	en := Variants("Do stem cell injections help knee arthritis?")
	for _, x := range en {
		if x.Name == VariantTraditional {
			t.Error("no Traditional variant for English")
		}
		if x.Name == VariantTypo && x.Question == "Do stem cell injections help knee arthritis?" {
			t.Error("typo variant unchanged")
		}
	}
}

// BenchmarkEval500 runs 500 cases in-process (the suites' cases, repeated), the figure the
// eval issue asks for (goal: <= 3 s).
func BenchmarkEval500(b *testing.B) {
	e, ck := setup(b)
	paths, _ := filepath.Glob("suites/*.yaml")
	var cases []Case
	for _, p := range paths {
		s, err := LoadSuite(p)
		if err != nil {
			b.Fatal(err)
		}
		cases = append(cases, s.Cases...)
	}
	var all []Case
	for i := 0; len(all) < 500; i++ {
		c := cases[i%len(cases)]
		c.ID = c.ID + "/" + string(rune('a'+i/len(cases)))
		all = append(all, c)
	}
	suite := &Suite{Path: "bench", Cases: all}
	r := &Runner{Asker: e, Checker: ck}
	var last time.Duration
	for b.Loop() {
		start := time.Now()
		r.Run(context.Background(), []*Suite{suite})
		last = time.Since(start)
	}
	b.ReportMetric(last.Seconds(), "s/500cases")
}

// TestSuitesWithModel runs every suite with a language model configured: a scripted
// OpenAI-compatible server that writes faithful answers. Every check must still pass.
func TestSuitesWithModel(t *testing.T) {
	srv := llmtest.NewServer(llmtest.Faithful)
	defer srv.Close()
	m, err := llm.New(llm.Config{Provider: llm.OpenAI, URL: srv.URL, Model: "scripted"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := corpus.Embedded()
	p, _ := prompts.Load()
	ck, _ := NewChecker(c, p)
	e := answer.New(c, p, answer.Options{Model: m, ModelTimeout: 10 * time.Second})
	paths, _ := filepath.Glob("suites/*.yaml")
	var suites []*Suite
	for _, path := range paths {
		s, err := LoadSuite(path)
		if err != nil {
			t.Fatal(err)
		}
		// Which facts a scripted model picks is arbitrary, so what an answer mentions is not
		// expected of it; every safety check, category, refusal and citation expectation is.
		for i := range s.Cases {
			s.Cases[i].Expect.MentionAny, s.Cases[i].Expect.MentionAll = nil, nil
		}
		suites = append(suites, s)
	}
	byLLM := 0
	results := (&Runner{Asker: countLLM{e, &byLLM}, Checker: ck, Workers: 8}).Run(context.Background(), suites)
	for _, r := range results {
		if !r.Passed {
			t.Errorf("%s: %v\n%s", r.ID, r.Failures, r.Answer)
		}
	}
	if byLLM == 0 {
		t.Fatal("no answer was written by the model")
	}
	t.Logf("%d cases, %d answered by the model", len(results), byLLM)
}

type countLLM struct {
	e *answer.Engine
	n *int
}

func (c countLLM) Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
	a, err := c.e.Ask(ctx, q)
	if err == nil && a.Composer == "llm" {
		mu.Lock()
		*c.n++
		mu.Unlock()
	}
	return a, err
}

var mu sync.Mutex
