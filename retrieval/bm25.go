package retrieval

import (
	"context"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"patientqa"
	"patientqa/normalize"
)

// BM25 parameters: the usual defaults. Passages are short and of similar length, so length
// normalisation matters little.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Term weights by kind: a Chinese bigram carries a word's meaning, a single character rarely
// does, and a concept is the strongest evidence that a passage is about what was asked.
const (
	weightUnigram = 0.3
	weightWord    = 1.0
	weightConcept = 1.5
)

// TermWeight returns the query weight of a term by its kind.
func TermWeight(t string) float64 {
	switch {
	case strings.HasPrefix(t, ConceptPrefix):
		return weightConcept
	case utf8.RuneCountInString(t) == 1 && t[0] >= utf8.RuneSelf:
		return weightUnigram
	}
	return weightWord
}

// Index is an in-memory BM25 index over passages of one language. It is immutable once built
// and safe for concurrent use.
type Index struct {
	passages []*patientqa.Passage
	postings map[string][]posting
	length   []float64 // terms per passage
	avgLen   float64
	norm     []float64 // BM25 length normalisation of each passage
	position map[*patientqa.Passage]int32
	analyzer *Analyzer
	scores   sync.Pool // of *[]float64, one score per passage, all zero
}

type posting struct {
	p  int32 // passage index
	tf int32
}

// NewIndex indexes the passages with the analyzer. Passages are analysed on every CPU; a
// document's passages share its heading, which is analysed once.
func NewIndex(a *Analyzer, passages []*patientqa.Passage) *Index {
	ix := &Index{passages: passages, postings: map[string][]posting{}, length: make([]float64, len(passages)),
		position: make(map[*patientqa.Passage]int32, len(passages)), analyzer: a}
	terms := make([][]string, len(passages))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(passages)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			headings := map[string][]string{}
			for i := w; i < len(passages); i += workers {
				p := passages[i]
				head, ok := headings[p.Heading]
				if !ok {
					_, head = a.Analyze(p.Heading)
					headings[p.Heading] = head
				}
				_, ts := a.Analyze(p.Text)
				terms[i] = append(ts, head...)
			}
		}()
	}
	wg.Wait()
	total := 0.0
	tf := map[string]int32{} // of one passage, reused
	for i, p := range passages {
		ix.position[p] = int32(i)
		clear(tf)
		for _, t := range terms[i] {
			tf[t]++
		}
		for t, n := range tf {
			ps, ok := ix.postings[t]
			if !ok {
				t = strings.Clone(t) // terms are slices of the folded passage: keep only the term
			}
			ix.postings[t] = append(ps, posting{p: int32(i), tf: n})
		}
		ix.length[i] = float64(len(terms[i]))
		total += ix.length[i]
	}
	if len(passages) > 0 {
		ix.avgLen = total / float64(len(passages))
	}
	ix.norm = make([]float64, len(passages))
	for i, l := range ix.length {
		ix.norm[i] = bm25K1 * (1 - bm25B + bm25B*l/ix.avgLen)
	}
	return ix
}

// DocConcepts returns, for each document, the concept terms ("#als") its passages mention.
func (ix *Index) DocConcepts() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for t, ps := range ix.postings {
		if !strings.HasPrefix(t, ConceptPrefix) {
			continue
		}
		for _, p := range ps {
			id := ix.passages[p.p].DocID
			if out[id] == nil {
				out[id] = map[string]bool{}
			}
			out[id][t] = true
		}
	}
	return out
}

// Len returns the number of passages indexed.
func (ix *Index) Len() int { return len(ix.passages) }

// IDF returns the inverse document frequency of a term (0 for a term no passage has).
func (ix *Index) IDF(t string) float64 {
	df := float64(len(ix.postings[t]))
	if df == 0 {
		return 0
	}
	n := float64(len(ix.passages))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// Retrieve implements patientqa.Retriever: the k best passages for the query's terms.
func (ix *Index) Retrieve(_ context.Context, q patientqa.Query, k int) ([]patientqa.Scored, error) {
	return ix.Search(q.Tokens, k), nil
}

// Search scores every passage that shares a term with the query and returns the k best, best
// first; ties go to the earlier passage so results are deterministic. Scores accumulate in a
// dense array and the k best are kept in a small heap, so the cost grows with the postings
// read, not with sorting every passage touched.
func (ix *Index) Search(terms []string, k int) []patientqa.Scored {
	if len(ix.passages) == 0 || k <= 0 {
		return nil
	}
	qtf := map[string]float64{}
	for _, t := range terms {
		qtf[t]++
	}
	// Scores of every passage, from a pool: only the passages touched are reset afterwards, so
	// a search does not allocate and clear an array as long as the corpus.
	buf, _ := ix.scores.Get().(*[]float64)
	if buf == nil {
		s := make([]float64, len(ix.passages))
		buf = &s
	}
	scores := *buf
	var touched []int32
	defer func() {
		for _, p := range touched {
			scores[p] = 0
		}
		ix.scores.Put(buf)
	}()
	for t, n := range qtf {
		ps := ix.postings[t]
		if len(ps) == 0 {
			continue
		}
		// Repeating a word in a question adds a little, not linearly.
		w := TermWeight(t) * ix.IDF(t) * (1 + math.Log(n))
		for _, p := range ps {
			tf := float64(p.tf)
			norm := ix.norm[p.p]
			if scores[p.p] == 0 {
				touched = append(touched, p.p)
			}
			scores[p.p] += w * tf * (bm25K1 + 1) / (tf + norm)
		}
	}
	// better reports whether passage i ranks above passage j.
	better := func(i, j int32) bool {
		if scores[i] != scores[j] {
			return scores[i] > scores[j]
		}
		return ix.passages[i].ID < ix.passages[j].ID
	}
	top := make([]int32, 0, k) // a min-heap on better: top[0] is the worst kept
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(top) {
				return
			}
			m := l
			if r := l + 1; r < len(top) && better(top[m], top[r]) {
				m = r
			}
			if !better(top[i], top[m]) {
				return
			}
			top[i], top[m] = top[m], top[i]
			i = m
		}
	}
	for _, p := range touched {
		if scores[p] <= 0 {
			continue
		}
		if len(top) < k {
			top = append(top, p)
			for i := len(top) - 1; i > 0; { // sift up
				parent := (i - 1) / 2
				if !better(top[parent], top[i]) {
					break
				}
				top[i], top[parent] = top[parent], top[i]
				i = parent
			}
			continue
		}
		if better(p, top[0]) {
			top[0] = p
			down(0)
		}
	}
	slices.SortFunc(top, func(a, b int32) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	out := make([]patientqa.Scored, len(top))
	for i, p := range top {
		out[i] = patientqa.Scored{Passage: ix.passages[p], Score: scores[p]}
	}
	return out
}

// Coverage returns the share of the query's informative terms, weighted by IDF, that the
// given passages contain between them: 1 when every one appears in at least one of them. It is
// how the answering core decides that "nothing relevant enough" was found.
//
// A Chinese bigram that no passage contains is usually an accident of tokenising without a
// segmenter: it spans two words ("治疗渐冻症" gives "疗渐") or holds a function character
// ("症吗"). Such bigrams are left out; a missing bigram counts only when it looks like a word
// the corpus does not know ("痛风" in "能治痛风吗"), so that questions about uncovered diseases
// score low. Words that matched a concept ("靠谱" of #efficacy) count through the concept only:
// the corpus says "有效", not "靠谱", and the concept already ties the two.
func (ix *Index) Coverage(q patientqa.Query, passages []*patientqa.Passage) float64 {
	var idx []int32
	for _, p := range passages {
		if i, ok := ix.position[p]; ok {
			idx = append(idx, i)
		}
	}
	maxIDF := math.Log(1 + (float64(len(ix.passages))+0.5)/0.5)
	junk := ix.junkBigrams(q.Text)
	_, words := ix.analyzer.conceptMatches(q.Text)
	for _, w := range words {
		for _, t := range Tokenize(w) {
			junk[t] = true
		}
	}
	seen := map[string]bool{}
	var total, got float64
	for _, t := range q.Tokens {
		if seen[t] || junk[t] {
			continue
		}
		seen[t] = true
		idf := ix.IDF(t)
		if idf == 0 {
			if strings.HasPrefix(t, ConceptPrefix) {
				continue // a concept no passage mentions ties nothing: its words were checked above
			}
			idf = maxIDF // a term no passage has: as informative as the rarest term
		}
		w := TermWeight(t) * idf
		total += w
		if ix.hasAny(t, idx) {
			got += w
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// junkBigrams returns the bigrams of folded text that are absent from the index and either hold
// a function character or sit between two bigrams the index has.
func (ix *Index) junkBigrams(folded string) map[string]bool {
	junk := map[string]bool{}
	known := func(bg string) bool { return len(ix.postings[bg]) > 0 }
	for _, run := range normalize.HanRuns(folded) {
		for i := 0; i+1 < len(run); i++ {
			bg := string(run[i : i+2])
			if known(bg) {
				continue
			}
			if zhFunction[run[i]] || zhFunction[run[i+1]] {
				junk[bg] = true
				continue
			}
			left := i == 0 || known(string(run[i-1:i+1]))
			right := i+2 == len(run) || known(string(run[i+1:i+3]))
			if left && right && (i > 0 || i+2 < len(run)) {
				junk[bg] = true
			}
		}
	}
	return junk
}

// hasAny reports whether any of the passages (by index) contains term t.
func (ix *Index) hasAny(t string, idx []int32) bool {
	ps := ix.postings[t]
	for _, i := range idx {
		if _, ok := slices.BinarySearchFunc(ps, i, func(p posting, i int32) int { return int(p.p - i) }); ok {
			return true
		}
	}
	return false
}
