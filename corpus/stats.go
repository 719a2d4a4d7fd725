package corpus

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"patientqa"
)

// MinCoverage is how many vetted documents every topic and condition of the vocabulary needs.
const MinCoverage = 2

// Coverage counts vetted documents per topic and per condition, by language.
type Coverage struct {
	Topics, Conditions map[string]LangCount
}

// LangCount is a count of documents by language.
type LangCount struct{ Zh, En int }

// Total is the number of documents in either language.
func (l LangCount) Total() int { return l.Zh + l.En }

// CoverageOf counts the vetted documents of c by topic and condition.
func CoverageOf(c *Corpus) Coverage {
	cov := Coverage{Topics: map[string]LangCount{}, Conditions: map[string]LangCount{}}
	add := func(m map[string]LangCount, k string, lang patientqa.Lang) {
		lc := m[k]
		if lang == patientqa.LangEn {
			lc.En++
		} else {
			lc.Zh++
		}
		m[k] = lc
	}
	for _, d := range c.Docs {
		if d.Status != patientqa.StatusVetted {
			continue
		}
		for _, t := range d.Topics {
			add(cov.Topics, t, d.Lang)
		}
		for _, x := range d.Conditions {
			add(cov.Conditions, x, d.Lang)
		}
	}
	return cov
}

// WriteStats prints WriteCoverage and then the reviews due within 90 days of now.
func WriteStats(w io.Writer, c *Corpus, now time.Time) error {
	WriteCoverage(w, c)
	fmt.Fprintln(w, "\nReviews due within 90 days:")
	n := 0
	for _, d := range c.Docs {
		if d.Status == patientqa.StatusVetted && d.ReviewDue.Before(now.AddDate(0, 0, 90)) {
			fmt.Fprintf(w, "- %s: %s\n", d.ID, d.ReviewDue.Format(time.DateOnly))
			n++
		}
	}
	if n == 0 {
		fmt.Fprintln(w, "- none")
	}
	return nil
}

// WriteCoverage prints the corpus by kind and language, the coverage of every topic and
// condition of the vocabulary, and the facts used, as Markdown (corpus/README.md is this).
func WriteCoverage(w io.Writer, c *Corpus) {
	kinds, langs, facts := map[string]int{}, map[string]int{}, map[string]int{}
	vetted := 0
	for _, d := range c.Docs {
		if d.Status != patientqa.StatusVetted {
			continue
		}
		vetted++
		kinds[d.Kind]++
		langs[string(d.Lang)]++
		for _, f := range d.Facts {
			facts[f]++
		}
	}
	fmt.Fprintf(w, "%d documents, %d vetted (%d zh, %d en); %d distinct facts used.\n\n", len(c.Docs), vetted, langs["zh"], langs["en"], len(facts))
	fmt.Fprintln(w, "| kind | documents |\n|---|---|")
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		fmt.Fprintf(w, "| %s | %d |\n", k, kinds[k])
	}
	cov := CoverageOf(c)
	coverageTable(w, "topic", cov.Topics, c.Vocabulary.Topics)
	coverageTable(w, "condition", cov.Conditions, c.Vocabulary.Conditions)
}

// coverageTable prints every vocabulary entry with its documents by language, marking those
// below MinCoverage.
func coverageTable(w io.Writer, name string, counts map[string]LangCount, vocabulary map[string]string) {
	fmt.Fprintf(w, "\n| %s | what | zh | en | covered |\n|---|---|---|---|---|\n", name)
	for _, k := range slices.Sorted(maps.Keys(vocabulary)) {
		lc := counts[k]
		ok := "yes"
		if lc.Total() < MinCoverage {
			ok = "**no**"
		}
		fmt.Fprintf(w, "| %s | %s | %d | %d | %s |\n", k, vocabulary[k], lc.Zh, lc.En, ok)
	}
}
