// Package synth makes large synthetic corpora from the real one, deterministically, for
// benchmarks: how search and answers scale with 10k or 100k passages. Synthetic documents are
// copies of real ones whose key points and paragraphs are mixed with sentences of other
// documents in the same language; they are never served to patients.
package synth

import (
	"fmt"
	"math/rand/v2"

	"patientqa"
	"patientqa/corpus"
)

// Corpus returns a corpus of about n passages: the real documents first, then synthetic ones.
func Corpus(c *corpus.Corpus, n int) *corpus.Corpus {
	rng := rand.New(rand.NewPCG(1, 2)) // fixed seed: the same corpus every run
	byLang := map[patientqa.Lang][]string{}
	total := 0
	for _, d := range c.Docs {
		for _, p := range corpus.Passages(d) {
			byLang[d.Lang] = append(byLang[d.Lang], p.Text)
		}
		total += len(d.KeyPoints) + len(d.Body)
	}
	docs := append([]*patientqa.Document(nil), c.Docs...)
	for i := 0; total < n; i++ {
		src := c.Docs[i%len(c.Docs)]
		pool := byLang[src.Lang]
		d := *src
		d.ID = fmt.Sprintf("%s-synth-%d", src.ID, i)
		d.KeyPoints = mix(rng, src.KeyPoints, pool)
		d.Body = mix(rng, src.Body, pool)
		docs = append(docs, &d)
		total += len(d.KeyPoints) + len(d.Body)
	}
	return corpus.FromDocs(docs, c)
}

// mix replaces about half of texts with random texts from pool.
func mix(rng *rand.Rand, texts, pool []string) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		if rng.IntN(2) == 0 {
			t = pool[rng.IntN(len(pool))]
		}
		out[i] = t
	}
	return out
}

// Files returns the documents of Corpus(c, n) as document files (corpus.Render), each synthetic
// document under its own id, with c's concept map: a corpus to ingest into a database.
func Files(c *corpus.Corpus, n int) (corpus.Files, error) {
	big := Corpus(c, n)
	f := corpus.Files{Docs: make(map[string][]byte, len(big.Docs)), Concepts: c.ConceptsSource}
	for _, d := range big.Docs {
		b, err := corpus.Render(d)
		if err != nil {
			return f, err
		}
		f.Docs[d.ID+".md"] = b
	}
	return f, nil
}
