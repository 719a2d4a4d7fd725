package corpus

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// WriteStats prints the corpus by kind, language, topic and condition, the facts used, and the
// reviews due within 90 days of now, as Markdown tables an editor can paste into a README.
func WriteStats(w io.Writer, c *Corpus, now time.Time) error {
	kinds, langs, topics, conds, facts := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, d := range c.Docs {
		if d.Status != "vetted" {
			continue
		}
		kinds[d.Kind]++
		langs[string(d.Lang)]++
		for _, t := range d.Topics {
			topics[t]++
		}
		for _, x := range d.Conditions {
			conds[x]++
		}
		for _, f := range d.Facts {
			facts[f]++
		}
	}
	fmt.Fprintf(w, "Corpus %s: %d documents, %d vetted.\n\n", c.Version, len(c.Docs), langs["zh"]+langs["en"])
	table(w, "kind", kinds, nil)
	table(w, "lang", langs, nil)
	table(w, "topic", topics, c.Vocabulary.Topics)
	table(w, "condition", conds, c.Vocabulary.Conditions)
	fmt.Fprintf(w, "Facts used: %d distinct ids.\n\n", len(facts))
	fmt.Fprintln(w, "Reviews due within 90 days:")
	n := 0
	for _, d := range c.Docs {
		if d.Status == "vetted" && d.ReviewDue.Before(now.AddDate(0, 0, 90)) {
			fmt.Fprintf(w, "- %s: %s\n", d.ID, d.ReviewDue.Format(time.DateOnly))
			n++
		}
	}
	if n == 0 {
		fmt.Fprintln(w, "- none")
	}
	return nil
}

// table prints counts by key; with a vocabulary, every listed key is shown, zero counts too.
func table(w io.Writer, name string, counts map[string]int, vocabulary map[string]string) {
	keys := slices.Sorted(maps.Keys(counts))
	if vocabulary != nil {
		keys = slices.Sorted(maps.Keys(vocabulary))
	}
	fmt.Fprintf(w, "| %s | documents |\n|---|---|\n", name)
	for _, k := range keys {
		fmt.Fprintf(w, "| %s | %d |\n", k, counts[k])
	}
	fmt.Fprintln(w)
}
