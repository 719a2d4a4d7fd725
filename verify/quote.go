package verify

import (
	"slices"
	"strings"
)

// quoted reports why a sentence is not a close restatement of the cited passages, or "" when
// it is. Each clause of the sentence (cut at punctuation and at and/but/和/而) must take the
// words it shares with the passages, in the same order, from one passage sentence: words may
// be left out, and whole clauses of that passage sentence dropped, but inside a passage clause
// the sentence uses, no negation, qualifier or figure may be left out between words it keeps.
func quoted(sentence string, sents []string) string {
	type psent struct {
		toks   []token
		clause []int    // clause index of each token
		kinds  []string // unit of each number token ("%", "people", "date")
		text   []string
	}
	var ps []psent
	for _, s := range sents {
		var p psent
		for ci, c := range splitOutsideBrackets(s, "，,；;：:、") {
			p.text = append(p.text, c)
			for _, t := range clauseTokens(c) {
				p.toks = append(p.toks, t)
				p.clause = append(p.clause, ci)
				kind := ""
				if t.number {
					kind = unitKind(c[t.at+len(t.text):])
				}
				p.kinds = append(p.kinds, kind)
			}
		}
		ps = append(ps, p)
	}
	for _, seg := range segments(sentence) {
		toks := clauseTokens(seg)
		if len(toks) == 0 {
			continue
		}
		// The passage sentences that share the most words with the clause are the ones it can
		// restate; a clause sharing at most one word with every sentence is a frame ("据报道",
		// "按照条例"), whose words the novelty check has judged.
		most := 0
		for _, p := range ps {
			_, used, _ := orderedMatch(toks, p.toks, p.kinds)
			most = max(most, used)
		}
		ok := most <= 1
		for _, p := range ps {
			if ok {
				break
			}
			matched, used, moved := orderedMatch(toks, p.toks, p.kinds)
			if used < most || matched == nil || moved > MaxDisplaced {
				continue
			}
			if guardLeftOut(seg, p.toks, p.clause, p.text, matched) {
				continue
			}
			ok = true
		}
		if !ok {
			return strings.TrimSpace(seg)
		}
	}
	return ""
}

// MaxDisplaced is how many words of a sentence clause may stand out of the passage's order
// ("BAMI试验" for "试验BAMI").
var MaxDisplaced = 2

// orderedMatch reads the clause's words (toks) in the passage sentence (ts): the words it
// finds in the passage's order (reading forward from the start that finds most, and then the
// most compact run), how many of the clause's words ts has, and how many of those stand out
// of that order. A word may stand out of order only next to a neighbour of the
// sentence (a swap, "BAMI试验" for "试验BAMI"); a number only when the passage sentence has no
// other number of its kind that the clause leaves out, so that moving it cannot attach it to
// something else. It returns nil positions when the clause cannot be read in order.
func orderedMatch(toks, ts []token, kinds []string) ([]int, int, int) {
	n := len(toks)
	// Read the clause forward from each starting point of the passage sentence, each word at
	// its next occurrence; keep the reading with the most words in order, then the shortest.
	at := make([]int, n)
	bestCount, bestSpan := -1, 0
	try := make([]int, n)
	for start := range ts {
		count, first, last := 0, -1, -1
		prev := start - 1
		for i, t := range toks {
			try[i] = -1
			if j := nextToken(ts, t, prev+1); j >= 0 {
				try[i], prev = j, j
				count++
				if first < 0 {
					first = j
				}
				last = j
			}
		}
		if count == 0 {
			continue
		}
		if span := last - first; count > bestCount || count == bestCount && span < bestSpan {
			bestCount, bestSpan = count, span
			copy(at, try)
		}
	}
	if bestCount < 0 {
		for i := range at {
			at[i] = -1
		}
	}
	// A longest common subsequence may find more words in order than any forward reading.
	if lcs, count := longestInOrder(toks, ts); count > bestCount {
		at = lcs
	}
	var inOrder []int
	used, moved := 0, 0
	for i, t := range toks {
		if at[i] >= 0 {
			used++
			inOrder = append(inOrder, at[i])
			continue
		}
		if !tokenIn(t, ts) {
			continue // a word the passage sentence lacks: the novelty check's business
		}
		used++
		j := nearestOccurrence(ts, t, at, i)
		if t.number {
			if !onlyOfKind(j, toks, ts, kinds) {
				return nil, used, used // a moved number that could be bound to something else
			}
			continue // a date or figure moved as a whole
		}
		near := false
		for _, k := range []int{i - 1, i + 1} {
			if k >= 0 && k < n && at[k] >= 0 && abs(at[k]-j) <= 2 {
				near = true
			}
		}
		if !near {
			return nil, used, used
		}
		moved++
	}
	return inOrder, used, moved
}

// longestInOrder returns, for each word of toks, its position in ts in a longest common
// subsequence of the two (or -1), and the subsequence's length.
func longestInOrder(toks, ts []token) ([]int, int) {
	n, m := len(toks), len(ts)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			switch {
			case toks[i-1].text == ts[j-1].text:
				dp[i][j] = dp[i-1][j-1] + 1
			case dp[i-1][j] >= dp[i][j-1]:
				dp[i][j] = dp[i-1][j]
			default:
				dp[i][j] = dp[i][j-1]
			}
		}
	}
	at := make([]int, n)
	for i := range at {
		at[i] = -1
	}
	for i, j := n, m; i > 0 && j > 0; {
		switch {
		case toks[i-1].text == ts[j-1].text && dp[i][j] == dp[i-1][j-1]+1:
			at[i-1] = j - 1
			i, j = i-1, j-1
		case dp[i][j-1] >= dp[i-1][j]:
			j--
		default:
			i--
		}
	}
	return at, dp[n][m]
}

// nearestOccurrence returns the occurrence of t in ts nearest to where the clause's
// neighbours of toks[i] were read (at), or its first occurrence.
func nearestOccurrence(ts []token, t token, at []int, i int) int {
	anchor := -1
	for _, k := range []int{i - 1, i + 1} {
		if k >= 0 && k < len(at) && at[k] >= 0 {
			anchor = at[k]
			break
		}
	}
	best := -1
	for j, u := range ts {
		if u.text == t.text && (best < 0 || anchor >= 0 && abs(j-anchor) < abs(best-anchor)) {
			best = j
		}
	}
	return best
}

// onlyOfKind reports whether every number of the passage sentence of the same kind as ts[j]
// is in the clause too: then moving it ("2025年1月2日，国家药监局…" restated as
// "国家药监局2025年1月2日…") cannot attach it to anything else.
func onlyOfKind(j int, toks, ts []token, kinds []string) bool {
	for k, t := range ts {
		if t.number && kinds[k] == kinds[j] && !slices.ContainsFunc(toks, func(u token) bool { return u.number && u.text == t.text }) {
			return false
		}
	}
	return true
}

func tokenIn(t token, ts []token) bool { return nextToken(ts, t, 0) >= 0 }

func nextToken(ts []token, t token, from int) int {
	for j := from; j < len(ts); j++ {
		if ts[j].text == t.text {
			return j
		}
	}
	return -1
}

// guardLeftOut reports whether the sentence clause, restating the passage words at matched,
// leaves out something that limits them: in a passage clause it uses, a negation or
// qualifier before, between or after the words it keeps ("很少", "部分", "can", "not"), or a
// figure between two of them; or, between two kept words in different clauses, a figure of
// the same kind as the one it keeps (passing over "30 June 2023" to give a name "23 February
// 2024").
func guardLeftOut(seg string, ptoks []token, clause []int, text []string, matched []int) bool {
	if len(matched) == 0 {
		return false
	}
	padded := " " + seg + " "
	dropped := func(between string) bool {
		between = " " + between + " "
		for _, g := range guards {
			if strings.Contains(between, g) && !strings.Contains(padded, g) {
				return true
			}
		}
		return false
	}
	for k := 0; k+1 < len(matched); k++ {
		a, b := matched[k], matched[k+1]
		if clause[a] != clause[b] {
			if ptoks[b].number || ptoks[a].number {
				n := b
				if !ptoks[b].number {
					n = a
				}
				kind := unitKind(text[clause[n]][ptoks[n].at+len(ptoks[n].text):])
				for j := a + 1; j < b; j++ {
					t := ptoks[j]
					if t.number && !containsNumber(seg, t.text) && unitKind(text[clause[j]][t.at+len(t.text):]) == kind {
						return true
					}
				}
			}
			continue
		}
		for j := a + 1; j < b; j++ {
			t := ptoks[j]
			if t.number && !containsNumber(seg, t.text) {
				return true
			}
		}
		c := text[clause[a]]
		if lo, hi := ptoks[a].at, ptoks[b].at; lo < hi && hi <= len(c) && dropped(c[lo:hi]) {
			return true
		}
	}
	// Before the first kept word of its clause, and after the last kept word of its clause.
	first, last := matched[0], matched[len(matched)-1]
	if c := text[clause[first]]; ptoks[first].at <= len(c) && dropped(edge(c[:ptoks[first].at], true)) {
		return true
	}
	if c := text[clause[last]]; ptoks[last].at <= len(c) {
		rest := c[ptoks[last].at:]
		// past the kept word itself
		end := len(ptoks[last].text)
		for end < len(rest) && isWordByte(rest[end]) {
			end++
		}
		if dropped(edge(rest[end:], false)) {
			return true
		}
	}
	return false
}

// edge returns the words of s right next to a kept word: its last (before) or first two
// Chinese characters, or its last or first English word.
func edge(s string, before bool) string {
	rs := []rune(strings.TrimSpace(s))
	if len(rs) == 0 {
		return ""
	}
	if before {
		r := rs[len(rs)-1]
		switch {
		case isHan(r):
			return string(rs[max(0, len(rs)-2):])
		case 'a' <= r && r <= 'z':
			ws := latinWordRe.FindAllString(string(rs), -1)
			return ws[len(ws)-1]
		}
		return "" // punctuation or a bracket: the kept word starts its part
	}
	r := rs[0]
	switch {
	case isHan(r):
		return string(rs[:min(len(rs), 2)])
	case 'a' <= r && r <= 'z':
		return latinWordRe.FindString(string(rs))
	}
	return ""
}

// guards are words that limit what a clause claims: leaving one out claims more.
var guards = append(append([]string{}, negators...), "可能", "部分", "少数", "很少", "极少", "个别", "初步", "仅", "只", "小鼠", "动物",
	"通常", "往往", "大多", "或许", "也许",
	" may ", " might ", " can ", " could ", " some ", " only ", " few ", " rarely ", " early ", " preliminary ", " mice ", " animal", " partial",
	" likely ", " probably ", " possibly ", " usually ", " often ")
