package inbox

import (
	"slices"
	"strings"
	"unicode"

	"patientqa/normalize"
)

// Group is a cluster of similar questions.
type Group struct {
	Count     int
	Example   string   // the first question of the group
	Questions []string // distinct questions, up to 5
	Langs     []string
}

// GroupSimilar clusters questions whose character-bigram sets overlap by at least threshold
// (Jaccard), greedily in order, and returns the groups largest first.
func GroupSimilar(entries []Entry, threshold float64) []Group {
	type cluster struct {
		g     Group
		grams map[string]bool
	}
	var cs []*cluster
	for _, e := range entries {
		if e.Kind != KindUnanswered || e.Question == "" {
			continue
		}
		grams := bigrams(e.Question)
		var best *cluster
		bestSim := threshold
		for _, c := range cs {
			if s := jaccard(grams, c.grams); s >= bestSim {
				best, bestSim = c, s
			}
		}
		if best == nil {
			best = &cluster{g: Group{Example: e.Question}, grams: grams}
			cs = append(cs, best)
		}
		best.g.Count++
		if len(best.g.Questions) < 5 && !slices.Contains(best.g.Questions, e.Question) {
			best.g.Questions = append(best.g.Questions, e.Question)
		}
		if e.Lang != "" && !slices.Contains(best.g.Langs, e.Lang) {
			best.g.Langs = append(best.g.Langs, e.Lang)
		}
	}
	out := make([]Group, len(cs))
	for i, c := range cs {
		out[i] = c.g
	}
	slices.SortStableFunc(out, func(a, b Group) int { return b.Count - a.Count })
	return out
}

// bigrams returns the set of character bigrams of the folded text (letters and Han only).
func bigrams(s string) map[string]bool {
	var rs []rune
	for _, r := range normalize.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, r)
		}
	}
	out := map[string]bool{}
	for i := 0; i+1 < len(rs); i++ {
		out[string(rs[i:i+2])] = true
	}
	if len(rs) == 1 {
		out[string(rs)] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// String renders a group in one line for a terminal.
func (g Group) String() string {
	return strings.Join(g.Questions, " | ")
}
