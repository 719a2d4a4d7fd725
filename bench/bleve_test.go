package bench

// The comparison: patientqa's BM25 (package retrieval) against Bleve v2 on the same passages
// (corpus.Passages of every servable document: key points and body paragraphs, the document
// title as heading) and the same questions (every eval-suite case with expect.cite_any).
//
//	go test -run TestReport -v      # the Markdown report
//	go test -bench . -benchmem      # per-query latency as Go benchmarks
//
// Both systems get the raw question; ours analyses it as the engine does
// (retrieval.Analyzer: folding, bigrams, concepts), Bleve with its own analyzers. Both return
// the 40 best passages (the engine's retrieveK); documents are then deduplicated in rank order.

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/standard" // registers "standard"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk"          // registers "cjk"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"           // registers "en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"go.yaml.in/yaml/v3"

	"patientqa"
	"patientqa/answer"
	"patientqa/corpus"
	"patientqa/normalize"
	"patientqa/prompts"
	"patientqa/retrieval"
)

const (
	retrieveK = 40 // passages per query, as the engine's retrieveK
	topDocs   = 5  // recall@5: distinct documents considered
	rounds    = 30 // timed passes over the question list for p50/p99
)

// question is one eval case with the documents that should be cited.
type question struct {
	Suite, ID, Text string
	Lang            patientqa.Lang // LangZh if the question has Han characters, else LangEn
	CiteAny         []string
}

// system is one retriever under test: it returns passage ids' documents in rank order.
type system struct {
	Name   string
	Note   string
	Search func(q question) []string // document ids of the retrieveK best passages, in rank order (repeats kept)
}

type fixture struct {
	corpus    *corpus.Corpus
	passages  map[patientqa.Lang][]*patientqa.Passage
	docs      map[patientqa.Lang]int
	questions []question
	ours      system
	bleves    []system // the Bleve configurations; bleves[0] is the headline one
	engine    *answer.Engine
	buildOurs time.Duration
	buildBlev map[string]time.Duration
	scoring   map[string]string // Bleve configuration -> scoring model seen in its Explain output
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error
)

func setup(tb testing.TB) *fixture {
	tb.Helper()
	fixOnce.Do(func() { fix, fixErr = build() })
	if fixErr != nil {
		tb.Fatal(fixErr)
	}
	return fix
}

func build() (*fixture, error) {
	c, err := corpus.Embedded()
	if err != nil {
		return nil, err
	}
	f := &fixture{corpus: c, passages: map[patientqa.Lang][]*patientqa.Passage{}, docs: map[patientqa.Lang]int{},
		buildBlev: map[string]time.Duration{}, scoring: map[string]string{}}
	// The same passages as answer.New: every document servable now.
	for _, d := range c.Servable(time.Now()) {
		f.passages[d.Lang] = append(f.passages[d.Lang], corpus.Passages(d)...)
		f.docs[d.Lang]++
	}
	if f.questions, err = loadQuestions(); err != nil {
		return nil, err
	}

	// Ours: one index per language, built as answer.New does.
	start := time.Now()
	a := retrieval.NewAnalyzer(c.Concepts)
	ours := map[patientqa.Lang]*retrieval.Index{}
	for lang, ps := range f.passages {
		ours[lang] = retrieval.NewIndex(a, ps)
	}
	f.buildOurs = time.Since(start)
	f.ours = system{Name: "ours (retrieval.Index)", Note: "retrieval.Analyzer + BM25, as the engine before its concept re-ranking",
		Search: func(q question) []string {
			_, terms := a.Analyze(q.Text)
			hits := ours[q.Lang].Search(terms, retrieveK)
			out := make([]string, len(hits))
			for i, h := range hits {
				out[i] = h.Passage.DocID
			}
			return out
		}}

	// Bleve, in the configurations worth telling apart.
	for _, cfg := range []bleveConfig{
		{Name: "Bleve scorch mem, BM25", Note: `bleve.NewUsing("", m, scorch, scorch, nil): in-memory scorch; ScoringModel "bm25"; cjk / en analyzers`,
			Scorch: true, Scoring: bleveindex.BM25Scoring, En: "en"},
		{Name: "Bleve NewMemOnly, bm25 asked", Note: `bleve.NewMemOnly(m) (upsidedown + gtreap); ScoringModel "bm25"; cjk / en analyzers`,
			Scoring: bleveindex.BM25Scoring, En: "en"},
		{Name: "Bleve scorch mem, BM25, standard", Note: `as the first, with the "standard" analyzer for English`,
			Scorch: true, Scoring: bleveindex.BM25Scoring, En: "standard"},
		{Name: "Bleve scorch mem, TF-IDF", Note: `as the first, default scoring model ("tf-idf")`,
			Scorch: true, Scoring: bleveindex.TFIDFScoring, En: "en"},
		{Name: "Bleve scorch mem, BM25, folded", Note: `as the first, passages and questions passed through normalize.Fold (Traditional->Simplified, NFKC, lower case)`,
			Scorch: true, Scoring: bleveindex.BM25Scoring, En: "en", Fold: true},
	} {
		start := time.Now()
		s, model, err := newBleve(cfg, f.passages)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cfg.Name, err)
		}
		f.buildBlev[cfg.Name] = time.Since(start)
		f.scoring[cfg.Name] = model
		f.bleves = append(f.bleves, s)
	}

	p, err := prompts.Load()
	if err != nil {
		return nil, err
	}
	f.engine = answer.New(c, p, answer.Options{})
	return f, nil
}

// loadQuestions reads every case of ../eval/suites/*.yaml that has expect.cite_any.
func loadQuestions() ([]question, error) {
	files, err := filepath.Glob(filepath.Join("..", "eval", "suites", "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no suites in ../eval/suites")
	}
	var out []question
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var s struct {
			Cases []struct {
				ID       string `yaml:"id"`
				Question string `yaml:"question"`
				Expect   struct {
					CiteAny []string `yaml:"cite_any"`
				} `yaml:"expect"`
			} `yaml:"cases"`
		}
		if err := yaml.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, c := range s.Cases {
			if len(c.Expect.CiteAny) == 0 {
				continue
			}
			lang := patientqa.LangEn
			if normalize.HasHan(c.Question) {
				lang = patientqa.LangZh
			}
			out = append(out, question{Suite: strings.TrimSuffix(filepath.Base(file), ".yaml"), ID: c.ID,
				Text: c.Question, Lang: lang, CiteAny: c.Expect.CiteAny})
		}
	}
	return out, nil
}

type bleveConfig struct {
	Name, Note string
	Scorch     bool   // in-memory scorch instead of NewMemOnly's upsidedown
	Scoring    string // index mapping ScoringModel
	En         string // analyzer for English passages; Chinese ones use "cjk"
	Fold       bool   // normalize.Fold passages and questions
}

// newBleve builds one Bleve index per language and returns the system that searches them and
// the scoring model Bleve reports using (from a search's Explain output).
func newBleve(cfg bleveConfig, passages map[patientqa.Lang][]*patientqa.Passage) (system, string, error) {
	idx := map[patientqa.Lang]bleve.Index{}
	docOf := map[string]string{}
	for lang, ps := range passages {
		analyzer := cfg.En
		if lang == patientqa.LangZh {
			analyzer = "cjk"
		}
		m := bleve.NewIndexMapping()
		m.ScoringModel = cfg.Scoring
		m.DefaultAnalyzer = analyzer
		text := bleve.NewTextFieldMapping()
		text.Analyzer = analyzer
		text.Store = false
		text.IncludeInAll = false
		text.IncludeTermVectors = false
		text.DocValues = false
		dm := bleve.NewDocumentStaticMapping()
		dm.AddFieldMappingsAt("text", text)
		m.DefaultMapping = dm

		var ix bleve.Index
		var err error
		if cfg.Scorch {
			ix, err = bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
		} else {
			ix, err = bleve.NewMemOnly(m)
		}
		if err != nil {
			return system{}, "", err
		}
		batch := ix.NewBatch()
		for _, p := range ps {
			body := p.Heading + "\n" + p.Text // what retrieval.NewIndex indexes
			if cfg.Fold {
				body = normalize.Fold(body)
			}
			if err := batch.Index(p.ID, map[string]any{"text": body}); err != nil {
				return system{}, "", err
			}
			docOf[p.ID] = p.DocID
		}
		if err := ix.Batch(batch); err != nil {
			return system{}, "", err
		}
		if n, _ := ix.DocCount(); n != uint64(len(ps)) {
			return system{}, "", fmt.Errorf("%s index has %d passages, want %d", lang, n, len(ps))
		}
		idx[lang] = ix
	}
	s := system{Name: cfg.Name, Note: cfg.Note, Search: func(q question) []string {
		text := q.Text
		if cfg.Fold {
			text = normalize.Fold(text)
		}
		mq := bleve.NewMatchQuery(text)
		mq.SetField("text")
		req := bleve.NewSearchRequestOptions(mq, retrieveK, 0, false)
		res, err := idx[q.Lang].Search(req)
		if err != nil {
			panic(err)
		}
		out := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			out[i] = docOf[h.ID]
		}
		return out
	}}
	return s, scoringSeen(idx[patientqa.LangEn]), nil
}

// scoringSeen runs one explained search and tells which formula scored it: Bleve's BM25
// explanation names k1 and b, its TF-IDF one does not.
func scoringSeen(ix bleve.Index) string {
	mq := bleve.NewMatchQuery("stem cell")
	mq.SetField("text")
	req := bleve.NewSearchRequestOptions(mq, 1, 0, true)
	res, err := ix.Search(req)
	if err != nil || len(res.Hits) == 0 {
		return "unknown"
	}
	if explains(res.Hits[0].Expl, "k1=") {
		return "bm25"
	}
	return "tf-idf"
}

func explains(e *search.Explanation, s string) bool {
	if e == nil {
		return false
	}
	if strings.Contains(e.Message, s) {
		return true
	}
	return slices.ContainsFunc(e.Children, func(c *search.Explanation) bool { return explains(c, s) })
}

// quality is how often a system finds a cite_any document.
type quality struct {
	n, hit5, hit5p, hit1 int
	rr                   float64
	byLang               map[patientqa.Lang][2]int // hits@5, questions
	hits                 map[string]bool           // question id -> hit@5
}

// measure scores a system's ranking: recall@5 over distinct documents (rank order, up to 5),
// the stricter documents-of-the-top-5-passages variant, recall@1 and MRR over documents.
func measure(qs []question, s system) quality {
	r := quality{byLang: map[patientqa.Lang][2]int{}, hits: map[string]bool{}}
	for _, q := range qs {
		ranked := s.Search(q)
		docs := distinct(ranked)
		r.n++
		bl := r.byLang[q.Lang]
		bl[1]++
		if rank := firstRelevant(docs, q.CiteAny); rank > 0 {
			r.rr += 1 / float64(rank)
			if rank <= topDocs {
				r.hit5++
				bl[0]++
				r.hits[q.ID] = true
			}
			if rank == 1 {
				r.hit1++
			}
		}
		if firstRelevant(distinct(ranked[:min(topDocs, len(ranked))]), q.CiteAny) > 0 {
			r.hit5p++
		}
		r.byLang[q.Lang] = bl
	}
	return r
}

func distinct(docIDs []string) []string {
	var out []string
	for _, d := range docIDs {
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// firstRelevant returns the 1-based rank of the first relevant document, or 0.
func firstRelevant(docs, relevant []string) int {
	for i, d := range docs {
		if slices.Contains(relevant, d) {
			return i + 1
		}
	}
	return 0
}

// engineQuality asks the full engine each question and counts answers that cite a cite_any
// document (the eval suites' own check; an answer cites at most 3 documents).
func engineQuality(qs []question, e *answer.Engine) (quality, error) {
	r := quality{byLang: map[patientqa.Lang][2]int{}, hits: map[string]bool{}}
	for _, q := range qs {
		a, err := e.Ask(context.Background(), patientqa.Question{Text: q.Text, Lang: patientqa.LangAuto})
		if err != nil {
			return r, fmt.Errorf("%s: %w", q.ID, err)
		}
		r.n++
		bl := r.byLang[q.Lang]
		bl[1]++
		if slices.ContainsFunc(a.Citations, func(c patientqa.Citation) bool { return slices.Contains(q.CiteAny, c.ID) }) {
			r.hit5++
			bl[0]++
			r.hits[q.ID] = true
		}
		r.byLang[q.Lang] = bl
	}
	return r, nil
}

// latency is the distribution of one system's per-query times.
type latency struct{ p50, p99, mean time.Duration }

// timeQueries times each runner on every question, rounds times, one query at a time, after a
// warm-up pass. The runners are interleaved query by query (in an order that rotates), so
// that the machine's noise (GC, other processes, two cores) falls on all of them alike.
func timeQueries(qs []question, runs []func(q question)) []latency {
	for _, run := range runs {
		for _, q := range qs {
			run(q)
		}
	}
	ds := make([][]time.Duration, len(runs))
	totals := make([]time.Duration, len(runs))
	n := 0
	for range rounds {
		for _, q := range qs {
			for k := range runs {
				i := (k + n) % len(runs)
				start := time.Now()
				runs[i](q)
				d := time.Since(start)
				ds[i] = append(ds[i], d)
				totals[i] += d
			}
			n++
		}
	}
	out := make([]latency, len(runs))
	for i, d := range ds {
		slices.Sort(d)
		pct := func(p float64) time.Duration { return d[int(math.Ceil(p*float64(len(d))))-1] }
		out[i] = latency{p50: pct(0.50), p99: pct(0.99), mean: totals[i] / time.Duration(len(d))}
	}
	return out
}

func pctOf(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%% (%d/%d)", 100*float64(n)/float64(of), n, of)
}

func us(d time.Duration) string { return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond)) }

// TestReport prints the comparison as Markdown.
func TestReport(t *testing.T) {
	f := setup(t)
	qs := f.questions
	if len(qs) == 0 {
		t.Fatal("no questions with expect.cite_any")
	}
	nq := map[patientqa.Lang]int{}
	for _, q := range qs {
		nq[q.Lang]++
	}
	// Questions whose cite_any documents are all missing from their language's index: nobody can
	// find them.
	inLang := map[patientqa.Lang]map[string]bool{}
	for lang, ps := range f.passages {
		inLang[lang] = map[string]bool{}
		for _, p := range ps {
			inLang[lang][p.DocID] = true
		}
	}
	unreachable := 0
	for _, q := range qs {
		if !slices.ContainsFunc(q.CiteAny, func(d string) bool { return inLang[q.Lang][d] }) {
			unreachable++
			t.Logf("unreachable: %s (%s): none of %v is in the %s index", q.ID, q.Suite, q.CiteAny, q.Lang)
		}
	}

	systems := append([]system{f.ours}, f.bleves...)
	quals := make([]quality, len(systems))
	runs := make([]func(question), 0, len(systems)+1)
	for i, s := range systems {
		quals[i] = measure(qs, s)
		runs = append(runs, func(q question) { s.Search(q) })
	}
	eq, err := engineQuality(qs, f.engine)
	if err != nil {
		t.Fatal(err)
	}
	runs = append(runs, func(q question) {
		if _, err := f.engine.Ask(context.Background(), patientqa.Question{Text: q.Text, Lang: patientqa.LangAuto}); err != nil {
			panic(err)
		}
	})
	lats := timeQueries(qs, runs)
	elat := lats[len(systems)]

	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("\n## patientqa retrieval vs Bleve %s\n\n", "v2.6.3")
	w("Corpus: %d passages from %d servable documents (zh: %d passages / %d documents; en: %d / %d).  \n",
		len(f.passages[patientqa.LangZh])+len(f.passages[patientqa.LangEn]), f.docs[patientqa.LangZh]+f.docs[patientqa.LangEn],
		len(f.passages[patientqa.LangZh]), f.docs[patientqa.LangZh], len(f.passages[patientqa.LangEn]), f.docs[patientqa.LangEn])
	w("Questions: %d eval cases with `expect.cite_any` (zh: %d, en: %d; %d whose cite_any documents are not in their language's index).  \n",
		len(qs), nq[patientqa.LangZh], nq[patientqa.LangEn], unreachable)
	w("Each system returns its %d best passages; recall@5 = share of questions with a cite_any document among the first %d distinct documents.  \n",
		retrieveK, topDocs)
	w("Latency: %d timed passes over all questions, one query at a time (question analysis included), the systems interleaved query by query; %d queries per system.\n\n",
		rounds, rounds*len(qs))

	w("| system | recall@5 | recall@5 zh | recall@5 en | p50 | p99 | p50 / ours | p99 / ours |\n")
	w("|---|---|---|---|---|---|---|---|\n")
	for i, s := range systems {
		q, l := quals[i], lats[i]
		w("| %s | %s | %s | %s | %s | %s | %.1fx | %.1fx |\n", s.Name, pctOf(q.hit5, q.n),
			pctOf(q.byLang[patientqa.LangZh][0], q.byLang[patientqa.LangZh][1]),
			pctOf(q.byLang[patientqa.LangEn][0], q.byLang[patientqa.LangEn][1]),
			us(l.p50), us(l.p99), float64(l.p50)/float64(lats[0].p50), float64(l.p99)/float64(lats[0].p99))
	}
	w("| full engine (answer.Engine.Ask), cites a cite_any doc | %s | %s | %s | %s | %s | %.1fx | %.1fx |\n", pctOf(eq.hit5, eq.n),
		pctOf(eq.byLang[patientqa.LangZh][0], eq.byLang[patientqa.LangZh][1]),
		pctOf(eq.byLang[patientqa.LangEn][0], eq.byLang[patientqa.LangEn][1]),
		us(elat.p50), us(elat.p99), float64(elat.p50)/float64(lats[0].p50), float64(elat.p99)/float64(lats[0].p99))

	w("\nMore ranking measures (documents deduplicated in rank order):\n\n")
	w("| system | recall@1 | recall@5 | docs of top-5 passages | MRR | mean latency | index build |\n|---|---|---|---|---|---|---|\n")
	for i, s := range systems {
		q := quals[i]
		build := f.buildOurs
		if i > 0 {
			build = f.buildBlev[s.Name]
		}
		w("| %s | %s | %s | %s | %.3f | %s | %s |\n", s.Name, pctOf(q.hit1, q.n), pctOf(q.hit5, q.n), pctOf(q.hit5p, q.n),
			q.rr/float64(q.n), us(lats[i].mean), build.Round(time.Millisecond))
	}

	w("\nBleve configurations (scoring model as seen in Bleve's Explain output):\n\n")
	for _, s := range f.bleves {
		w("- **%s** — %s; scored with: %s\n", s.Name, s.Note, f.scoring[s.Name])
	}

	// Where the headline Bleve and ours disagree.
	head := quals[1]
	var oursOnly, bleveOnly []string
	for _, q := range qs {
		switch {
		case quals[0].hits[q.ID] && !head.hits[q.ID]:
			oursOnly = append(oursOnly, q.ID)
		case !quals[0].hits[q.ID] && head.hits[q.ID]:
			bleveOnly = append(bleveOnly, q.ID)
		}
	}
	sort.Strings(oursOnly)
	sort.Strings(bleveOnly)
	w("\nFound at 5 by ours only (%d): %s  \n", len(oursOnly), strings.Join(oursOnly, ", "))
	w("Found at 5 by %s only (%d): %s\n", systems[1].Name, len(bleveOnly), strings.Join(bleveOnly, ", "))
	for i, s := range systems {
		var missed []string
		for _, q := range qs {
			if !quals[i].hits[q.ID] {
				missed = append(missed, q.ID)
			}
		}
		w("Missed at 5 by %s (%d): %s  \n", s.Name, len(missed), strings.Join(missed, ", "))
	}
	fmt.Print(b.String())

	if out := os.Getenv("BENCH_REPORT"); out != "" {
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkSearch times one query per operation, cycling through the question list: ours,
// then each Bleve configuration. ns/op is the mean per query.
func BenchmarkSearch(b *testing.B) {
	f := setup(b)
	for _, s := range append([]system{f.ours}, f.bleves...) {
		b.Run(benchName(s.Name), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				s.Search(f.questions[i%len(f.questions)])
				i++
			}
		})
	}
}

// BenchmarkOursSplit splits our query time into analysis (folding, tokenising, concept
// matching) and the BM25 search over already analysed terms.
func BenchmarkOursSplit(b *testing.B) {
	f := setup(b)
	a := retrieval.NewAnalyzer(f.corpus.Concepts)
	ix := map[patientqa.Lang]*retrieval.Index{}
	for lang, ps := range f.passages {
		ix[lang] = retrieval.NewIndex(a, ps)
	}
	terms := make([][]string, len(f.questions))
	for i, q := range f.questions {
		_, terms[i] = a.Analyze(q.Text)
	}
	b.Run("analyze", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			a.Analyze(f.questions[i%len(f.questions)].Text)
			i++
		}
	})
	b.Run("search", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			j := i % len(f.questions)
			ix[f.questions[j].Lang].Search(terms[j], retrieveK)
			i++
		}
	})
}

// BenchmarkEngineAsk times the full engine (triage, speller, retrieval, concept re-ranking,
// composition, guard) on the same questions, for scale.
func BenchmarkEngineAsk(b *testing.B) {
	f := setup(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := f.questions[i%len(f.questions)]
		if _, err := f.engine.Ask(context.Background(), patientqa.Question{Text: q.Text, Lang: patientqa.LangAuto}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func benchName(s string) string {
	s = strings.NewReplacer(" (retrieval.Index)", "", ",", "", " ", "_").Replace(s)
	return s
}
