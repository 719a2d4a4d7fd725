package normalize

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Speller corrects the slips patients make when typing fast. English words of five letters or
// more that it does not know are corrected to a keyword one edit away (one swapped, missing,
// extra or wrong letter: "guaarntee", "infsuions", "inuslin"); words it knows are never touched,
// so a correctly spelled word is not turned into a keyword. Known Chinese misspellings
// ("干细包") are replaced by their right form. It is immutable and safe for concurrent use.
type Speller struct {
	known    map[string]bool
	keywords map[int][]string // keywords by length, sorted
	zh       *strings.Replacer
}

// NewSpeller builds a speller. known are words that are spelled right (e.g. every English word
// of the corpus); keywords are the words a misspelling may be corrected to (they are known
// too); zh maps Chinese misspellings to their right form (folded, Simplified).
func NewSpeller(known, keywords []string, zh map[string]string) *Speller {
	s := &Speller{known: map[string]bool{}, keywords: map[int][]string{}}
	for _, w := range known {
		s.known[w] = true
	}
	for _, w := range keywords {
		if len(w) < minSpellLen || !isLetters(w) || slices.Contains(s.keywords[len(w)], w) {
			continue
		}
		s.known[w] = true
		s.keywords[len(w)] = append(s.keywords[len(w)], w)
	}
	for _, ws := range s.keywords {
		slices.Sort(ws)
	}
	var pairs []string
	for _, wrong := range slices.Sorted(maps.Keys(zh)) {
		pairs = append(pairs, wrong, zh[wrong])
	}
	s.zh = strings.NewReplacer(pairs...)
	return s
}

const minSpellLen = 5

// Correct returns folded text with unknown words corrected.
func (s *Speller) Correct(folded string) string {
	if s == nil {
		return folded
	}
	folded = s.zh.Replace(folded)
	var b strings.Builder
	changed := false
	i := 0
	for i < len(folded) {
		if !isLetter(folded[i]) {
			b.WriteByte(folded[i])
			i++
			continue
		}
		j := i
		for j < len(folded) && isLetter(folded[j]) {
			j++
		}
		w := folded[i:j]
		if c := s.correct(w); c != w {
			w, changed = c, true
		}
		b.WriteString(w)
		i = j
	}
	if !changed {
		return folded
	}
	return b.String()
}

func (s *Speller) correct(w string) string {
	if len(w) < minSpellLen || s.known[w] {
		return w
	}
	for n := len(w) - 1; n <= len(w)+1; n++ {
		for _, k := range s.keywords[n] {
			if oneEdit(w, k) {
				return k
			}
		}
	}
	return w
}

// oneEdit reports whether a and b differ by one substitution, insertion, deletion or
// transposition of adjacent letters.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // transposition
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' }

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isLetter(w[i]) {
			return false
		}
	}
	return true
}

// Words returns the lower-case ASCII words of s, for building a Speller.
func Words(s string) []string {
	notWord := func(r rune) bool { return r < 'a' || r > 'z' }
	if isASCII(s) { // folding ASCII text only lower-cases it and collapses white space
		return strings.FieldsFunc(strings.ToLower(s), notWord)
	}
	return strings.FieldsFunc(Fold(s), notWord)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
