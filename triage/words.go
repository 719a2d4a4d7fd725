package triage

import (
	"strings"

	"patientqa/internal/trie"
)

// wordSet holds the alternatives of taxonomy entries that are plain words ("心慌|心悸",
// "seizure"), found by one pass of a trie over the text instead of by a regular expression
// each: on a long message an alternation of many words is the slowest thing a regexp does.
// Alternatives with any pattern syntax stay regular expressions.
type wordSet struct {
	zh, en *trie.Trie
	whole  bool // English words match whole (cues: "no" is not "now"); otherwise any ending
	n      int
}

func newWordSet(mode compileMode) *wordSet {
	return &wordSet{zh: trie.New(), en: trie.New(), whole: mode == cueMode}
}

func (l *wordSet) empty() bool { return l.n == 0 }

// take moves the plain-word alternatives of an entry into the trie and returns what is left of
// it, to compile as a pattern ("" when nothing is). Entries that chain parts (+, ~) stay whole.
func (l *wordSet) take(entry string, en bool) string {
	if strings.Contains(entry, " + ") || strings.Contains(entry, " ~ ") || strings.Contains(entry, " ++ ") {
		return entry
	}
	var rest []string
	for _, alt := range splitTop(entry) {
		if alt == "" || strings.ContainsAny(alt, `\.+*?()[]{}^$|`) {
			rest = append(rest, alt)
			continue
		}
		if en {
			l.en.Add(alt, 0)
		} else {
			l.zh.Add(alt, 0)
		}
		l.n++
	}
	return strings.Join(rest, "|")
}

// splitTop splits a pattern at the | that are outside parentheses and character classes.
func splitTop(p string) []string {
	var out []string
	depth, class, start := 0, false, 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// scan appends the spans of the words found in t, as spans of the folded text. English words
// start at a word boundary and end at one (whole) or run on to the end of the word.
func (l *wordSet) scan(t text, out []span) []span {
	l.zh.Scan(t.folded, func(start, end int, _ []int) {
		out = append(out, span{start: start, end: end})
	})
	if !t.hasLatin {
		return out
	}
	a := t.ascii
	l.en.Scan(a, func(start, end int, _ []int) {
		if start > 0 && isWordByte(a[start-1]) {
			return
		}
		if l.whole && end < len(a) && isWordByte(a[end]) {
			return
		}
		for !l.whole && end < len(a) && (isWordByte(a[end]) || a[end] == '\'') {
			end++
		}
		out = append(out, span{start: t.offsets[start], end: t.offsets[end]})
	})
	return out
}
