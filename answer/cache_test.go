package answer

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"patientqa"
	"patientqa/corpus"
	"patientqa/llm"
	"patientqa/llm/llmtest"
	"patientqa/normalize"
	"patientqa/prompts"
)

func cachedEngine(t *testing.T, size int, now func() time.Time) *Engine {
	t.Helper()
	c, _ := corpus.Embedded()
	p, _ := prompts.Load()
	return New(c, p, Options{CacheSize: size, Now: now})
}

func ask(t *testing.T, e *Engine, q patientqa.Question) *patientqa.Answer {
	t.Helper()
	a, err := e.Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestCacheSameAnswers: every cached answer is the answer the engine gives without a cache,
// for every benchmark question, asked in both scripts and with each requested language.
func TestCacheSameAnswers(t *testing.T) {
	plain, e := engine(t), cachedEngine(t, 100, nil)
	for _, text := range append(benchQuestions, "幹細胞回輸是什麼原理?", "干细胞回输是什么原理?", "  干细胞回输是什么原理? ") {
		for _, lang := range []patientqa.Lang{"", patientqa.LangZh, patientqa.LangEn} {
			q := patientqa.Question{Text: text, Lang: lang}
			want := ask(t, plain, q)
			// The first may come from the cache too: an equivalent question (same folded text
			// and languages) came before.
			first, second := ask(t, e, q), ask(t, e, q)
			if !second.Cached {
				t.Fatalf("%q: asked twice, not cached", text)
			}
			first.Cached, second.Cached = false, false
			checkJSON(t, first)
			checkJSON(t, second)
			if !reflect.DeepEqual(first, want) || !reflect.DeepEqual(second, want) {
				t.Fatalf("%q (%s): cached answer differs:\n%+v\n%+v", text, lang, second, want)
			}
		}
	}
	// Traditional and Simplified questions fold alike; each gets its own script back.
	hant := ask(t, e, patientqa.Question{Text: "幹細胞回輸是什麼原理?"})
	hans := ask(t, e, patientqa.Question{Text: "干细胞回输是什么原理?"})
	if hant.Lang != patientqa.ZhHant || hans.Lang != patientqa.ZhHans || hant.Answer == hans.Answer {
		t.Fatalf("scripts mixed up: %s %q / %s %q", hant.Lang, hant.Answer, hans.Lang, hans.Answer)
	}
}

// checkJSON checks that the JSON the engine made for a cached answer is what encoding/json
// makes of the answer, with any answer_id, then clears it (answers from an engine without a
// cache have none).
func checkJSON(t *testing.T, a *patientqa.Answer) {
	t.Helper()
	if a.JSON == nil {
		t.Fatalf("%q: no JSON with an answer from the cache", a.Answer)
	}
	b := *a
	b.JSON, b.AnswerID = nil, "0123456789abcdef0123456789abcdef"
	want, err := json.Marshal(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.JSON.Append(nil, b.AnswerID); !bytes.Equal(got, want) {
		t.Fatalf("cached JSON differs:\n%s\n%s", got, want)
	}
	a.JSON = nil
}

// TestCacheCopies: a caller changing its answer does not change what the next caller gets.
func TestCacheCopies(t *testing.T) {
	e := cachedEngine(t, 10, nil)
	q := patientqa.Question{Text: "打完干细胞现在胸痛，你们哪个医院能处理，多少钱"}
	a := ask(t, e, q)
	want := *a
	want.Citations = append([]patientqa.Citation(nil), a.Citations...)
	want.Also = append([]patientqa.Category(nil), a.Also...)
	if len(a.Citations) == 0 || len(a.Also) == 0 {
		t.Fatalf("want citations and also: %+v", a)
	}
	a.Answer, a.AnswerID, a.Citations[0].Title, a.Also[0] = "changed", "id", "changed", "changed"
	b := ask(t, e, q)
	b.AnswerID = "id2"
	c := ask(t, e, q)
	if !c.Cached || c.AnswerID != "" || c.Answer != want.Answer || !reflect.DeepEqual(c.Citations, want.Citations) ||
		!reflect.DeepEqual(c.Also, want.Also) {
		t.Fatalf("cache changed by a caller: %+v", c)
	}
}

// TestCacheBounded: the least recently used answer goes first.
func TestCacheBounded(t *testing.T) {
	e := cachedEngine(t, 2, nil)
	q1, q2, q3 := patientqa.Question{Text: "干细胞是什么"}, patientqa.Question{Text: "渐冻症能治吗"}, patientqa.Question{Text: "what is a stem cell"}
	ask(t, e, q1)
	ask(t, e, q2)
	ask(t, e, q1) // q1 is now the most recently used
	ask(t, e, q3) // evicts q2
	if !ask(t, e, q1).Cached || !ask(t, e, q3).Cached || ask(t, e, q2).Cached {
		t.Fatal("want q1 and q3 cached, q2 evicted")
	}
}

// TestCacheReviewDue: when a document falls due for review, answers cached before are not
// served any more.
func TestCacheReviewDue(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	e := cachedEngine(t, 10, func() time.Time { return now })
	q := patientqa.Question{Text: "渐冻症能用干细胞治疗吗"}
	a := ask(t, e, q)
	if a.Refused || !ask(t, e, q).Cached {
		t.Fatalf("want a cached answer: %+v", a)
	}
	now = e.servableUntil(now)
	if ask(t, e, q).Cached {
		t.Fatal("an answer cached before a review fell due was served after it")
	}
	now = time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC) // every review overdue
	if a := ask(t, e, q); a.Cached || !a.Refused {
		t.Fatalf("want a fresh refusal: %+v", a)
	}
}

// TestCacheNotModelAnswers: when a model is asked, the answer is not cached, whether the model
// wrote it or the extractive answer was the fallback.
func TestCacheNotModelAnswers(t *testing.T) {
	for _, script := range []llmtest.Script{llmtest.Faithful, llmtest.Text("干细胞能根治渐冻症。")} {
		srv := llmtest.NewServer(script)
		t.Cleanup(srv.Close)
		m, err := llm.New(llm.Config{Provider: llm.OpenAI, URL: srv.URL, Model: "scripted"})
		if err != nil {
			t.Fatal(err)
		}
		c, _ := corpus.Embedded()
		p, _ := prompts.Load()
		e := New(c, p, Options{Model: m, ModelTimeout: 5 * time.Second, CacheSize: 10})
		q := patientqa.Question{Text: alsQ}
		ask(t, e, q)
		if ask(t, e, q).Cached {
			t.Fatal("an answer a model was asked for was cached")
		}
		// Questions the model is not asked about (an emergency) are cached.
		emergency := patientqa.Question{Text: "打完干细胞后一直发高烧怎么办"}
		ask(t, e, emergency)
		if !ask(t, e, emergency).Cached {
			t.Fatal("an emergency answer was not cached")
		}
	}
}

// TestDisplayAllPiecewise: converting an answer to Traditional sentence by sentence gives the
// conversion of the whole answer, for the key points of every Chinese document quoted in turn
// with citation markers.
func TestDisplayAllPiecewise(t *testing.T) {
	e := engine(t)
	c := &composition{engine: e, lang: patientqa.ZhHant}
	var parts []string
	for i, d := range e.corpus.Docs {
		if d.Lang != patientqa.LangZh {
			continue
		}
		parts = append(parts, d.Title) // no final punctuation: converted with what follows
		for _, k := range d.KeyPoints {
			parts = append(parts, withMarkers(k, markersOf([]int{i%3 + 1}), c.lang))
		}
		if got, want := c.displayAll(parts), normalize.ToTraditional(strings.Join(parts, "")); got != want {
			t.Fatalf("piecewise conversion differs:\n%s\n%s", got, want)
		}
		parts = parts[:0]
	}
}

// TestCacheConcurrent: many goroutines asking, with evictions, always get the plain answers
// (run with -race).
func TestCacheConcurrent(t *testing.T) {
	plain, e := engine(t), cachedEngine(t, 3, nil)
	want := map[string]*patientqa.Answer{}
	for _, q := range benchQuestions {
		want[q] = ask(t, plain, patientqa.Question{Text: q})
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 30 {
				q := benchQuestions[(g+i)%len(benchQuestions)]
				a, err := e.Ask(context.Background(), patientqa.Question{Text: q})
				if err != nil {
					t.Error(err)
					return
				}
				a.Cached = false
				checkJSON(t, a)
				if !reflect.DeepEqual(a, want[q]) {
					t.Errorf("%q: answer differs", q)
				}
				a.Citations = append(a.Citations, patientqa.Citation{}) // callers may change theirs
			}
		}()
	}
	wg.Wait()
}
