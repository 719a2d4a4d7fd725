// Package normalize puts text from patients, the corpus and models into one comparable form, and
// tells which language and script a text is written in.
//
// Matching always happens on the folded form: NFKC (full-width letters and digits become ASCII,
// compatibility characters are unified), Traditional Chinese converted to Simplified with OpenCC
// dictionaries (github.com/liuzl/gocc, which embeds them), lower case, and runs of white space
// collapsed. The script of the original text is detected separately so that an answer can be given
// back in the script the patient used.
//
// The package is a leaf: the retriever, the triage, the cure-promise detector and eval all use it.
package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/liuzl/gocc"
	"golang.org/x/text/unicode/norm"
)

// converters are built on first use: the Simplified->Traditional tables take tens of
// milliseconds to load and most processes never need them.
var (
	t2s = sync.OnceValue(func() *gocc.OpenCC { return mustCC("t2s") })
	s2t = sync.OnceValue(func() *gocc.OpenCC { return mustCC("s2t") })
)

func mustCC(conversion string) *gocc.OpenCC {
	cc, err := gocc.New(conversion)
	if err != nil {
		// The dictionaries are embedded in the gocc module; failing here is a build defect.
		panic("normalize: loading OpenCC " + conversion + ": " + err.Error())
	}
	return cc
}

// Warm loads the conversion tables now, so the first request does not pay for it.
func Warm() { t2s(); s2t() }

// Fold returns the matching form of s: NFKC, Simplified Chinese, lower case, single spaces,
// no control characters. It is idempotent: Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
	f, _ := fold(s, false)
	return f
}

// FoldSpaces is Fold that also returns where, in the folded text, it dropped a space between
// two Chinese characters (byte offsets, ascending). Such a space is a stray one inside a word
// ("发高 烧") or, as people type on phones, the end of a clause ("一点汗都没有 胡言乱语"):
// triage keeps the words whole and does not let a negation reach across it.
func FoldSpaces(s string) (string, []int) { return fold(s, true) }

func fold(s string, keep bool) (string, []int) {
	s = norm.NFKC.String(dropInvisible(s))
	if hasTraditional(s) {
		s = ToSimplified(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	var dropped []int
	space := false
	var prev rune
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		// Chinese puts no spaces between words: a stray space between two Chinese characters
		// ("发高 烧") is dropped, so it cannot split a word.
		switch {
		case space && isCJK(prev) && isCJK(r):
			if keep {
				dropped = append(dropped, b.Len())
			}
		case space:
			b.WriteByte(' ')
		}
		space = false
		r = toLower(r)
		b.WriteRune(r)
		prev = r
	}
	// Lower-casing and script conversion can leave a sequence that is not normalised; a last
	// pass keeps Fold idempotent (cheap: the quick check passes on normal text). If it changes
	// the text, the offsets no longer hold, and none are given.
	out := b.String()
	if f := norm.NFKC.String(out); f != out {
		return f, nil
	}
	return out, dropped
}

// toLower is unicode.ToLower, answered at once for ASCII and the main CJK block (no case).
func toLower(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r >= 0x3400 && r <= 0x9FFF:
		return r
	}
	return unicode.ToLower(r)
}

// isFormat is unicode.Is(unicode.Cf, r), answered at once below U+00AD (the first format
// character) and in the main CJK block.
func isFormat(r rune) bool {
	if r < 0xAD || r >= 0x3400 && r <= 0x9FFF {
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

// dropInvisible removes invalid UTF-8 and zero-width format characters before normalising, so
// that their removal cannot change how the characters around them combine.
func dropInvisible(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || isFormat(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || isFormat(r) {
			return -1
		}
		return r
	}, s)
}

// Traditional-only characters of the main CJK blocks (hanFirst to hanLast), one bit each: the
// characters that converting the whole block to Simplified changes. Most text has none, and
// then Fold skips the dictionary conversion entirely. The table is generated (tradset.go, by
// go generate; TestTradSetCurrent recomputes it), because computing it converts the whole block
// (about 15 ms at every start).
const hanFirst, hanLast = 0x3400, 0x9FFF

//go:generate go run ./internal/gentrad -o tradset.go

// TradSet computes the table of Traditional-only characters from the OpenCC dictionaries.
func TradSet() []uint64 {
	rs := make([]rune, 0, hanLast-hanFirst+1)
	for r := rune(hanFirst); r <= hanLast; r++ {
		rs = append(rs, r)
	}
	out := []rune(ToSimplified(string(rs)))
	set := make([]uint64, (len(rs)+63)/64)
	if len(out) != len(rs) { // cannot align: mark everything, so Fold always converts
		for i := range set {
			set[i] = ^uint64(0)
		}
		return set
	}
	for i, r := range rs {
		if out[i] != r {
			set[i/64] |= 1 << (i % 64)
		}
	}
	return set
}

// hasTraditional reports whether s has a character that Simplified script writes differently.
func hasTraditional(s string) bool {
	set := tradSet[:]
	for _, r := range s {
		if r < hanFirst || r > hanLast {
			if r >= 0x20000 || r >= 0xF900 && r <= 0xFAFF { // rare ideographs: let OpenCC decide
				return true
			}
			continue
		}
		i := int(r - hanFirst)
		if set[i/64]&(1<<(i%64)) != 0 {
			return true
		}
	}
	return false
}

// phraseOnly are the characters, besides those of tradSet, that the Traditional->Simplified
// dictionaries change in some phrase (重覆 -> 重复, though 覆 alone stays);
// TestIsSimplified checks the dictionaries.
const phraseOnly = "瞭藉覆沈牴衹"

// isSimplified reports, without converting, that ToSimplified(s) == s: every entry of the
// dictionaries that changes its text has a character of tradSet or of phraseOnly, and s has
// none (nor invalid UTF-8, which the conversion replaces). Fold skips the conversion on
// hasTraditional alone.
func isSimplified(s string) bool {
	return !hasTraditional(s) && !strings.ContainsAny(s, phraseOnly) && utf8.ValidString(s)
}

// ToSimplified converts Traditional Chinese characters and phrases in s to Simplified.
func ToSimplified(s string) string {
	out, err := t2s().Convert(s)
	if err != nil {
		return s
	}
	return out
}

// ToTraditional converts Simplified Chinese in s to Traditional (OpenCC s2t).
func ToTraditional(s string) string {
	out, err := s2t().Convert(s)
	if err != nil {
		return s
	}
	return out
}

// EndsConversion reports whether no phrase or character of the Simplified->Traditional
// dictionaries contains r, so that converting a text that ends with r and the text after it
// separately gives the conversion of both together (the conversion is a longest-match walk that
// cannot carry a phrase across r). TestEndsConversion checks the dictionaries.
func EndsConversion(r rune) bool {
	switch r {
	case '。', '！', '？', ']':
		return true
	}
	return false
}

// isCJK reports whether r is a Chinese character or Chinese punctuation.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF0F
}

// HasHan reports whether s contains any CJK ideograph.
func HasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Script is what DetectScript finds.
type Script int

const (
	Latin       Script = iota // no Chinese characters: answer in English
	Simplified                // Chinese, Simplified (or script-neutral) characters
	Traditional               // Chinese with characters that only Traditional script uses
)

// DetectScript tells whether s is English, Simplified or Traditional Chinese. Text with any
// Chinese character is Chinese (mixed "我的knee痛" is Chinese). It is Traditional when converting
// it to Simplified changes more characters than converting it to Traditional would; text whose
// characters are the same in both scripts counts as Simplified.
func DetectScript(s string) Script {
	han := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	if han == 0 {
		return Latin
	}
	if isSimplified(s) { // ToSimplified(s) == s: skip the dictionary walk
		return Simplified
	}
	simplified := ToSimplified(s)
	if simplified == s { // no difference can be larger than none: skip the second conversion
		return Simplified
	}
	if countDiff(s, simplified) > countDiff(s, ToTraditional(s)) {
		return Traditional
	}
	return Simplified
}

// countDiff counts the runes that differ between a and its conversion b.
func countDiff(a, b string) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			n++
		}
		a, b = a[sa:], b[sb:]
	}
	return n + utf8.RuneCountInString(a) + utf8.RuneCountInString(b)
}

// ASCII returns the ASCII text of s with every run of other characters replaced by " | ", and
// for each byte of the result the byte offset in s it came from. English patterns run on it:
// Go's regexp is much slower on long non-ASCII input, and an English phrase never spans
// Chinese text. ok is false when s has no ASCII letter, so there is nothing to match.
func ASCII(s string) (proj string, offsets []int, ok bool) {
	var b strings.Builder
	inOther := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				ok = true
			}
			b.WriteByte(c)
			offsets = append(offsets, i)
			inOther = false
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		if !inOther {
			b.WriteString(" | ")
			offsets = append(offsets, i, i, i)
			inOther = true
		}
		i += size
	}
	if !ok {
		return "", nil, false
	}
	offsets = append(offsets, len(s))
	return b.String(), offsets, true
}

// HanRuns returns the runs of consecutive Chinese characters in s.
func HanRuns(s string) [][]rune {
	var out [][]rune
	var cur []rune
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
