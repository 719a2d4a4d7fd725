package retrieval

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"patientqa"
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
	position map[*patientqa.Passage]int32
}

type posting struct {
	p  int32 // passage index
	tf int32
}

// NewIndex indexes the passages with the analyzer.
func NewIndex(a *Analyzer, passages []*patientqa.Passage) *Index {
	ix := &Index{passages: passages, postings: map[string][]posting{}, length: make([]float64, len(passages)),
		position: make(map[*patientqa.Passage]int32, len(passages))}
	total := 0.0
	for i, p := range passages {
		ix.position[p] = int32(i)
		_, terms := a.Analyze(p.Heading + "\n" + p.Text)
		tf := map[string]int32{}
		for _, t := range terms {
			tf[t]++
		}
		for t, n := range tf {
			ix.postings[t] = append(ix.postings[t], posting{p: int32(i), tf: n})
		}
		ix.length[i] = float64(len(terms))
		total += ix.length[i]
	}
	if len(passages) > 0 {
		ix.avgLen = total / float64(len(passages))
	}
	return ix
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
// first; ties go to the earlier passage so results are deterministic.
func (ix *Index) Search(terms []string, k int) []patientqa.Scored {
	if len(ix.passages) == 0 || k <= 0 {
		return nil
	}
	qtf := map[string]float64{}
	for _, t := range terms {
		qtf[t]++
	}
	scores := map[int32]float64{}
	for t, n := range qtf {
		ps := ix.postings[t]
		if len(ps) == 0 {
			continue
		}
		// Repeating a word in a question adds a little, not linearly.
		w := TermWeight(t) * ix.IDF(t) * (1 + math.Log(n))
		for _, p := range ps {
			tf := float64(p.tf)
			norm := bm25K1 * (1 - bm25B + bm25B*ix.length[p.p]/ix.avgLen)
			scores[p.p] += w * tf * (bm25K1 + 1) / (tf + norm)
		}
	}
	out := make([]patientqa.Scored, 0, len(scores))
	for i, s := range scores {
		out = append(out, patientqa.Scored{Passage: ix.passages[i], Score: s})
	}
	slices.SortFunc(out, func(a, b patientqa.Scored) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Passage.ID, b.Passage.ID)
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// Coverage returns the share of the query's weighted IDF mass that the given passages contain
// between them: 1 when every informative query term appears in at least one of them. It is
// how the answering core decides that "nothing relevant enough" was found.
func (ix *Index) Coverage(terms []string, passages []*patientqa.Passage) float64 {
	if len(terms) == 0 {
		return 0
	}
	var idx []int32
	for _, p := range passages {
		if i, ok := ix.position[p]; ok {
			idx = append(idx, i)
		}
	}
	seen := map[string]bool{}
	var total, got float64
	for _, t := range terms {
		if seen[t] {
			continue
		}
		seen[t] = true
		w := TermWeight(t) * ix.IDF(t)
		if w == 0 {
			// A term no passage has: as informative as the rarest term.
			w = TermWeight(t) * math.Log(1+float64(len(ix.passages))+0.5)
		}
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
