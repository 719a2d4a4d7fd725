package triage

import (
	"regexp/syntax"
	"slices"
	"strings"
)

// Prefilter. Most triage patterns match nothing in most questions, and Go's regexp tries an
// unanchored pattern at every position of the text, which made triage most of the CPU time of
// an answer. So for each pattern we work out, from its syntax tree, a few literal strings of
// which every match must contain one (the "necessary literals"); one scan of the question
// (package trie) then tells which patterns can possibly match, and only those run. A pattern
// with no usable literals always runs. The decisions are the patterns' own: the prefilter only
// skips patterns that cannot match.

// maxLiterals bounds the alternatives multiplied out of a concatenation ("胸口(?:痛|疼)" gives
// 胸口痛 and 胸口疼).
const maxLiterals = 64

// maxClass is the largest character class spelled out as literals.
const maxClass = 16

// necessary returns strings of which every match of pattern contains at least one, or ok false
// when there are none worth checking (the pattern can match text that holds no fixed string).
func necessary(pattern string) (lits []string, ok bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, false
	}
	l := literals(re.Simplify())
	if score(l.need) == 0 {
		return nil, false
	}
	return l.need, true
}

// lits describes a node of the syntax tree: exact, when not nil, is every string the node can
// match (a small finite set); need is a set of strings one of which every match contains (nil:
// nothing is known).
type lits struct {
	exact []string
	need  []string
}

func literals(re *syntax.Regexp) lits {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return lits{}
		}
		return exactly(string(re.Rune))
	case syntax.OpCharClass:
		var rs []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(rs) == maxClass {
					return lits{}
				}
				rs = append(rs, string(r))
			}
		}
		return exactly(rs...)
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exactly("") // matches no character
	case syntax.OpCapture:
		return literals(re.Sub[0])
	case syntax.OpQuest:
		if sub := literals(re.Sub[0]); sub.exact != nil {
			return exactly(append([]string{""}, sub.exact...)...)
		}
		return lits{}
	case syntax.OpPlus:
		return lits{need: literals(re.Sub[0]).need}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return lits{}
		}
		return lits{need: literals(re.Sub[0]).need}
	case syntax.OpAlternate:
		var out lits
		exact := true
		for _, sub := range re.Sub {
			l := literals(sub)
			if l.need == nil {
				return lits{}
			}
			exact = exact && l.exact != nil
			out.exact = append(out.exact, l.exact...)
			out.need = append(out.need, l.need...)
		}
		if !exact || len(out.exact) > maxLiterals {
			out.exact = nil
		}
		return out
	case syntax.OpConcat:
		return concat(re.Sub)
	}
	return lits{} // any character, large classes, stars
}

func exactly(ss ...string) lits { return lits{exact: ss, need: ss} }

// concat multiplies out runs of exactly known parts and keeps the best set any part or run
// gives.
func concat(subs []*syntax.Regexp) lits {
	var best []string
	consider := func(need []string) {
		if better(need, best) {
			best = need
		}
	}
	run := []string{""} // product of the current run of exact parts
	whole := true       // run is the product of every part so far
	for _, sub := range subs {
		l := literals(sub)
		if l.exact != nil && len(run)*len(l.exact) <= maxLiterals {
			var next []string
			for _, a := range run {
				for _, b := range l.exact {
					next = append(next, a+b)
				}
			}
			run = next
			continue
		}
		consider(run)
		consider(l.need)
		whole = false
		run = []string{""}
		if l.exact != nil { // too many to multiply: start a new run here
			run = l.exact
		}
	}
	if whole {
		return exactly(run...)
	}
	consider(run)
	return lits{need: best}
}

// score is the length in bytes of the shortest literal: longer literals are rarer in text. A
// set holding the empty string is useless.
func score(ss []string) int {
	if len(ss) == 0 {
		return 0
	}
	m := len(ss[0])
	for _, s := range ss[1:] {
		m = min(m, len(s))
	}
	return m
}

func better(a, b []string) bool {
	sa, sb := score(a), score(b)
	return sa > sb || sa == sb && sa > 0 && len(a) < len(b)
}

// dedupe returns ss sorted without repeats (for tests and the trie).
func dedupe(ss []string) []string {
	ss = slices.Clone(ss)
	slices.SortFunc(ss, strings.Compare)
	return slices.Compact(ss)
}
