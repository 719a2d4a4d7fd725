package answer_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"patientqa"
	"patientqa/answer"
	"patientqa/corpus"
	"patientqa/eval"
	"patientqa/prompts"
)

// BenchmarkAskSuites answers every question of the eval suites in turn: the mix of questions
// cmd/perf measures (longer and more varied than BenchmarkAsk's ten), reporting p50 and p99.
func BenchmarkAskSuites(b *testing.B) {
	c, _ := corpus.Embedded()
	p, _ := prompts.Load()
	e := answer.New(c, p, answer.Options{})
	paths, _ := filepath.Glob("../eval/suites/*.yaml")
	var questions []string
	for _, path := range paths {
		s, err := eval.LoadSuite(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range s.Cases {
			questions = append(questions, c.Question)
		}
	}
	if len(questions) == 0 {
		b.Fatal("no eval suites")
	}
	ctx := context.Background()
	var lat []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := e.Ask(ctx, patientqa.Question{Text: questions[i%len(questions)]}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkNew builds the engine from the embedded corpus: most of askd's cold start.
func BenchmarkNew(b *testing.B) {
	c, _ := corpus.Embedded()
	p, _ := prompts.Load()
	for b.Loop() {
		answer.New(c, p, answer.Options{})
	}
}
