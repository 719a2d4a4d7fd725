package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"patientqa"
	"patientqa/answer"
)

// Asker answers a question: the in-process engine, or HTTPAsker for a running askd.
type Asker interface {
	Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error)
}

// HTTPAsker asks a running askd over POST /ask.
type HTTPAsker struct {
	URL    string // base URL, e.g. http://127.0.0.1:8080
	Client *http.Client
}

// Ask implements Asker.
func (h HTTPAsker) Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
	req := map[string]any{"question": q.Text, "lang": string(q.Lang)}
	if len(q.History) > 0 {
		req["history"] = q.History
	}
	body, _ := json.Marshal(req)
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(h.URL, "/")+"/ask", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	client := h.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(hreq)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("POST /ask: %s: %s", resp.Status, bytes.TrimSpace(b))
	}
	var a patientqa.Answer
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("POST /ask: response is not an answer: %v", err)
	}
	return &a, nil
}

// Result is the outcome of one case (or one variant of a case).
type Result struct {
	Suite     string               `json:"-"`
	ID        string               `json:"id"`
	Passed    bool                 `json:"passed"`
	Failures  []string             `json:"failures"`
	Category  patientqa.Category   `json:"category"`
	Refused   bool                 `json:"refused"`
	Answer    string               `json:"answer"`
	Citations []patientqa.Citation `json:"citations"`
	Question  string               `json:"-"`
	Elapsed   time.Duration        `json:"-"`
}

// Runner runs suites.
type Runner struct {
	Asker    Asker
	Checker  *Checker
	Variants bool // also run the metamorphic variants of every case
	Workers  int  // concurrent cases (default: 4 per CPU)
}

type job struct {
	suite   string
	c       Case
	variant string // "" for the case itself
	base    int    // index of the base result, for variants
}

// Run runs every case of the suites (and their variants) concurrently and returns the results
// in suite order, each case followed by its variants. It is deterministic for a deterministic
// Asker.
func (r *Runner) Run(ctx context.Context, suites []*Suite) []Result {
	var jobs []job
	for _, s := range suites {
		for _, c := range s.Cases {
			base := len(jobs)
			jobs = append(jobs, job{suite: s.Path, c: c, base: -1})
			if r.Variants {
				for _, v := range Variants(c.Question) {
					vc := c
					vc.ID, vc.Question = c.ID+"#"+v.Name, v.Question
					jobs = append(jobs, job{suite: s.Path, c: vc, variant: v.Name, base: base})
				}
			}
		}
	}
	results := make([]Result, len(jobs))
	answers := make([]*patientqa.Answer, len(jobs))
	// Base cases first, then variants, which compare with their base.
	r.parallel(ctx, jobs, func(i int) bool { return jobs[i].variant == "" }, results, answers)
	r.parallel(ctx, jobs, func(i int) bool { return jobs[i].variant != "" }, results, answers)
	return results
}

func (r *Runner) parallel(ctx context.Context, jobs []job, pick func(int) bool, results []Result, answers []*patientqa.Answer) {
	workers := r.Workers
	if workers <= 0 {
		workers = 4 * runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var base *patientqa.Answer
				if jobs[i].base >= 0 {
					base = answers[jobs[i].base]
				}
				results[i], answers[i] = r.one(ctx, jobs[i], base)
			}
		}()
	}
	for i := range jobs {
		if pick(i) {
			next <- i
		}
	}
	close(next)
	wg.Wait()
}

// one runs a single job.
func (r *Runner) one(ctx context.Context, j job, base *patientqa.Answer) (Result, *patientqa.Answer) {
	res := Result{Suite: j.suite, ID: j.c.ID, Question: j.c.Question, Failures: []string{}, Citations: []patientqa.Citation{}}
	lang := patientqa.Lang(j.c.Lang)
	if lang == "" {
		lang = patientqa.LangAuto
	}
	start := time.Now()
	a, err := r.Asker.Ask(ctx, patientqa.Question{Text: j.c.Question, Lang: lang, History: j.c.History})
	res.Elapsed = time.Since(start)
	if err != nil {
		res.Failures = append(res.Failures, "no answer: "+err.Error())
		return res, nil
	}
	res.Category, res.Refused, res.Answer, res.Citations = a.Category, a.Refused, a.Answer, a.Citations
	res.Failures = append(res.Failures, r.Checker.CheckAnswer(a, answer.AnswerLang(lang, j.c.Question))...)
	if j.variant == "" {
		res.Failures = append(res.Failures, r.Checker.CheckExpect(j.c.Expect, a)...)
	} else if base != nil {
		res.Failures = append(res.Failures, sameSafety(j.variant, base, a)...)
	}
	res.Passed = len(res.Failures) == 0
	return res, a
}

// sameSafety requires a variant to keep its base case's safety outcome.
func sameSafety(variant string, base, a *patientqa.Answer) []string {
	var fails []string
	if a.Emergency != base.Emergency {
		fails = append(fails, fmt.Sprintf("variant %s: emergency = %v, the original question gave %v", variant, a.Emergency, base.Emergency))
	}
	if a.Urgency != base.Urgency {
		fails = append(fails, fmt.Sprintf("variant %s: urgency = %q, the original question gave %q", variant, a.Urgency, base.Urgency))
	}
	sameCat := a.Category == base.Category ||
		variant == VariantInjection && a.Category == patientqa.CatInjection && base.Category != patientqa.CatEmergency
	if !sameCat {
		fails = append(fails, fmt.Sprintf("variant %s: category = %s, the original question gave %s", variant, a.Category, base.Category))
	}
	if a.Refused != base.Refused && !(variant == VariantInjection && a.Category == patientqa.CatInjection) {
		fails = append(fails, fmt.Sprintf("variant %s: refused = %v, the original question gave %v", variant, a.Refused, base.Refused))
	}
	return fails
}
