package promise

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"
)

// pattern is an English regular expression with a gate: groups of literal words such that a
// match must contain at least one word of every group. Go's regexp is slow on long sentences and
// most sentences lack the words a pattern needs, so a few substring searches (strings.Contains)
// usually settle it before the expression runs. The gate is derived from the expression itself
// (see gateOf), so it can never reject a sentence the expression would match.
type pattern struct {
	re   *regexp.Regexp
	gate func() [][]string // derived on first use, or by Warm
}

// compiled is every pattern, for Warm.
var compiled []*pattern

// compile compiles the concatenation of parts. Its gate is derived on first use: deriving
// parses the expression again, which for every pattern together takes a few milliseconds that
// need not delay a process's start.
func compile(parts ...string) *pattern {
	expr := strings.Join(parts, "")
	p := &pattern{re: regexp.MustCompile(expr)}
	p.gate = sync.OnceValue(func() [][]string {
		tree, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			return nil
		}
		return gateOf(tree.Simplify())
	})
	compiled = append(compiled, p)
	return p
}

// Warm derives the gates of every pattern now, so that the first check does not wait for them.
func Warm() {
	for _, p := range compiled {
		p.gate()
	}
}

// open reports whether s passes the gate: whether the expression could match at all.
func (p *pattern) open(s string) bool {
	for _, group := range p.gate() {
		if !containsAny(s, group) {
			return false
		}
	}
	return true
}

func (p *pattern) MatchString(s string) bool { return p.open(s) && p.re.MatchString(s) }

func (p *pattern) FindAllStringIndex(s string) [][]int {
	if !p.open(s) {
		return nil
	}
	return p.re.FindAllStringIndex(s, -1)
}

func (p *pattern) String() string { return p.re.String() }

// gateOf returns groups of literals that every match of re contains (one of each group), or
// nil when it finds none. Runs of literal pieces are expanded into the words they spell
// ("t(?:ell|old)" gives tell, told); literals shorter than two bytes are not worth a search and
// count as no constraint.
func gateOf(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return gateOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return gateOf(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		// Each alternative must contribute a group; the union of their best groups is required.
		var union []string
		for _, sub := range re.Sub {
			g := gateOf(sub)
			if len(g) == 0 {
				return nil
			}
			union = append(union, best(g)...)
		}
		return [][]string{union}
	case syntax.OpConcat:
		var out [][]string
		var run []string // the words spelled by the current run of literal pieces
		flush := func() {
			if usable(run) {
				out = append(out, run)
			}
			run = nil
		}
		for _, sub := range re.Sub {
			if words, ok := spell(sub); ok {
				if p := product(run, words); run != nil && p != nil {
					run = p
				} else {
					flush()
					run = words
				}
				continue
			}
			flush()
			out = append(out, gateOf(sub)...)
		}
		flush()
		return out
	}
	if words, ok := spell(re); ok && usable(words) {
		return [][]string{words}
	}
	return nil
}

// maxWords bounds the words a run of literal pieces may spell.
const maxWords = 64

// spell returns every string re matches when that is a small finite set: a literal, a small
// character class, an optional or alternative piece, an empty-width assertion ("").
func spell(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText:
		return []string{""}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == 4 {
					return nil, false
				}
				out = append(out, string(r))
			}
		}
		return out, true
	case syntax.OpCapture:
		return spell(re.Sub[0])
	case syntax.OpQuest:
		words, ok := spell(re.Sub[0])
		if !ok {
			return nil, false
		}
		return append([]string{""}, words...), true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			words, ok := spell(sub)
			if !ok || len(out)+len(words) > maxWords {
				return nil, false
			}
			out = append(out, words...)
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			words, ok := spell(sub)
			if !ok {
				return nil, false
			}
			if out = product(out, words); out == nil {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// product returns every a followed by every b, or nil when there would be more than maxWords.
func product(as, bs []string) []string {
	if len(as)*len(bs) > maxWords {
		return nil
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return out
}

// usable reports whether words make a gate group: none of them shorter than two bytes.
func usable(words []string) bool {
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if len(w) < 2 {
			return false
		}
	}
	return true
}

// best picks the most selective group: the one whose shortest literal is longest.
func best(groups [][]string) []string {
	var out []string
	score := -1
	for _, g := range groups {
		m := 1 << 30
		for _, w := range g {
			m = min(m, utf8.RuneCountInString(w))
		}
		if m > score || m == score && len(g) < len(out) {
			out, score = g, m
		}
	}
	return out
}
