package verify

import "strings"

// Bound numbers. A sentence may join, shorten and reorder what a passage sentence says, but a
// figure must stay with what it measures. In the sentence, the two content words on either
// side of a number (in its clause) are what the number is about; in the passage sentence it
// restates, at least one clause that has such a word must have that number too, unless no
// clause with the word has a number of the same kind. "Survival at day 28 was 65.1%" fails
// against "a response rate of 65.1% at day 28 and survival of 66.9% at day 100": survival sits
// only with 66.9%.

// misbound returns a number of the sentence and a word next to it that the window gives only
// with other numbers of the same kind.
func misbound(sentence, window string) (string, string) {
	wsegs := segments(window)
	for _, seg := range segments(sentence) {
		toks := clauseTokens(seg)
		for i, n := range toks {
			if !n.number || !isValue(seg, toks, i) || yearRe.MatchString(n.text) && len(n.text) == 4 || !containsNumber(window, n.text) {
				continue // qualifiers and years are the date checks' business
			}
			if i > 0 && toks[i-1].number && rangeJoin(seg[toks[i-1].at+len(toks[i-1].text):n.at]) {
				continue // the end of a range ("aged 2 to 7") is what its start is
			}
			kind := unitKind(seg[n.at+len(n.text):])
			if kind == "" && !strings.Contains(n.text, ".") {
				continue // a bare whole number could be anything; a bare ratio (0.8) is a value
			}
			for _, t := range neighbours(seg, toks, i) {
				with, other := false, false
				for _, ws := range wsegs {
					if !hasScopeTerm(ws, t) {
						continue
					}
					if containsNumber(ws, n.text) {
						with = true
						break
					}
					if hasNumberOfKind(ws, kind, n.text) {
						other = true
					}
				}
				if !with && other {
					return n.text, t
				}
			}
		}
	}
	return "", ""
}

// neighbours returns the content words on either side of the number toks[i] of seg, up to the
// next value (a qualifier such as "day 28" or "2年" is passed over): two English words, or the
// one Chinese bigram right beside it.
func neighbours(seg string, toks []token, i int) []string {
	var out []string
	for _, dir := range []int{-1, 1} {
		c := 0
		for j := i + dir; j >= 0 && j < len(toks) && c < 2; j += dir {
			t := toks[j]
			if t.number {
				if isValue(seg, toks, j) {
					break
				}
				continue
			}
			if isHan([]rune(t.text)[0]) {
				if dir == 1 && t.at == toks[i].at+len(toks[i].text) {
					continue // the number's own unit ("82项研" of "82项研究")
				}
				if c == 0 {
					out = append(out, t.text)
				}
				break
			}
			if !enRelational[t.text] {
				out = append(out, t.text)
			}
			c++
		}
	}
	return out
}

// hasNumberOfKind reports whether the text has a number other than not, of the kind.
func hasNumberOfKind(text, kind, not string) bool {
	for _, loc := range numberRe.FindAllStringIndex(text, -1) {
		m := text[loc[0]:loc[1]]
		if m != not && unitKind(text[loc[1]:]) == kind {
			return true
		}
	}
	return false
}

// enRelational words say how, not what: they move with a rewording ("27.5% within 12 months").
var enRelational = stringSetOf("month", "year", "week", "day", "hour", "within", "after", "before", "during", "over", "under", "between", "among", "none", "both", "each", "about", "around", "nearly", "almost", "least", "most", "than")

// rangeJoin reports whether the text between two numbers makes them a range.
func rangeJoin(between string) bool {
	switch strings.TrimSpace(between) {
	case "to", "-", "–", "—", "至", "到", "~", "～", "and":
		return true
	}
	return false
}

// BindReach is how many content words apart, in the window, a decisive word and the word it
// qualifies may be.
var BindReach = 4

// misplacedDecisive returns a decisive English word of the sentence (private, higher, only)
// and the word right after it, when the window has both but never within BindReach words of
// each other: "recommend private cord-blood banking" where the passage recommends public
// banking and mentions private storage later.
func misplacedDecisive(sentence string, w window) (string, string) {
	wt := clauseTokens(w.text)
	for _, seg := range segments(sentence) {
		toks := clauseTokens(seg)
		for i := 0; i+1 < len(toks); i++ {
			d := toks[i]
			if d.number || isHan([]rune(d.text)[0]) || !enContrast[d.text] {
				continue
			}
			var ds []int
			for j, t := range wt {
				if t.text == d.text {
					ds = append(ds, j)
				}
			}
			if len(ds) == 0 {
				continue // a word the window lacks is the other checks' business
			}
			// The next two words of the sentence: at least one that the window has must be
			// near the decisive word there.
			tested, near := false, false
			for _, n := range toks[i+1 : min(i+3, len(toks))] {
				if n.number {
					break
				}
				for j, t := range wt {
					if t.text != n.text {
						continue
					}
					tested = true
					for _, a := range ds {
						if abs(a-j) <= BindReach {
							near = true
						}
					}
				}
			}
			if tested && !near {
				return d.text, toks[i+1].text
			}
		}
	}
	return "", ""
}

// enContrast are the stems of words that pick one of two sides (private or public, higher or
// lower, own or donor): said of the wrong thing, they reverse a claim.
var enContrast = stringSetOf("privat", "public", "higher", "lower", "more", "fewer", "less", "better", "worse",
	"own", "donor", "autolo", "alloge", "adult", "child", "childr", "men", "women", "increa", "decrea", "reduc",
	"exempt", "requir", "allow", "forbid", "banned", "prohib", "same", "differ")

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// CrossMin is how many words a clause of the sentence must take from each of two cited
// passages, and from no other, before it counts as merging them.
var CrossMin = 1

// mergesPassages returns a clause of the sentence that takes words found only in one cited
// passage and words found only in another: one statement made of two sources ("the TREASURE
// trial of NurOwn", where TREASURE is one passage's trial and NurOwn another's product).
func mergesPassages(sentence string, folded []string) string {
	if len(folded) < 2 {
		return ""
	}
	for _, seg := range segments(sentence) {
		from := make([]int, len(folded))
		seen := map[string]bool{}
		for _, t := range clauseTokens(seg) {
			if seen[t.text] {
				continue
			}
			seen[t.text] = true
			only := -1
			for i, f := range folded {
				if hasWindowTerm(f, t) {
					if only != -1 {
						only = -2
						break
					}
					only = i
				}
			}
			if only >= 0 {
				from[only]++
			}
		}
		n := 0
		for _, c := range from {
			if c >= CrossMin {
				n++
			}
		}
		if n >= 2 {
			return strings.TrimSpace(seg)
		}
	}
	return ""
}

func hasWindowTerm(text string, t token) bool {
	if t.number {
		return containsNumber(text, t.text)
	}
	return hasScopeTerm(text, t.text)
}
