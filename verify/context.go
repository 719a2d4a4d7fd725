package verify

// Context checks: a number, an approval or a causal claim must not only appear in the cited
// passages, it must appear there in the same place as in the sentence. "A was 30% and B 50%"
// uses two numbers the passage has; what makes it false is that the passage pairs 30% with B.
// These checks look at short stretches of text (segments) and at which words sit next to which
// number, and they only fail a sentence on positive evidence of a mismatch: a word that the
// passage ties to another number of the same kind, an approval the passage places elsewhere,
// a cause the passage does not state. Anything they cannot place is left to the other checks.

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// value is a number in the text with what kind of quantity it is, so that only numbers of the
// same kind are compared (a share with a share, a date with a date, a head count with a head
// count).
type value struct {
	key        string // the number as written, with a date's month and day ("2024年12月18日", "13 december 2024")
	kind       string // "date", "%", "people", "studies", "count", or "" (left alone)
	noun       string // the thing counted right after it ("国家" in 28个国家), if any
	start, end int    // byte offsets in the segment
}

var (
	months      = `(?:january|february|march|april|may|june|july|august|september|october|november|december)`
	enDateRe    = regexp.MustCompile(`\b(?:\d{1,2} ` + months + ` \d{4}|` + months + ` \d{1,2}, \d{4}|` + months + ` \d{4})\b`)
	zhDateRe    = regexp.MustCompile(`\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日`)
	yearRe      = regexp.MustCompile(`\b(?:19|20)\d{2}\b`)
	enPeople    = stringSet("patients", "patient", "people", "person", "persons", "children", "child", "adults", "participants", "women", "men", "infants", "babies", "volunteers")
	enStudies   = stringSet("studies", "study", "trials", "trial", "papers", "articles", "reviews")
	enAdjective = stringSet("randomised", "randomized", "controlled", "clinical", "small", "large", "more", "other", "new", "adult", "healthy", "eligible")
	zhPeople    = "人名例位"
	zhStudies   = "项篇"
	zhCount     = "个家所种次"
	// zhDuration units make a number a time qualifier ("2年全因死亡率", "28天总缓解率"), not a
	// value: such a number belongs to the words around it, like "day 28" does.
	zhDuration = "天日周月年岁"
)

func stringSet(ss ...string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// values finds the numbers of a folded segment with their kind. Dates come first, so their
// day and year are not read again as plain numbers.
func values(seg string) []value {
	var out []value
	taken := make([]bool, len(seg)+1)
	add := func(v value) {
		for i := v.start; i < v.end; i++ {
			if taken[i] {
				return
			}
		}
		for i := v.start; i < v.end; i++ {
			taken[i] = true
		}
		out = append(out, v)
	}
	for _, re := range []*regexp.Regexp{enDateRe, zhDateRe} {
		for _, m := range re.FindAllStringIndex(seg, -1) {
			add(value{key: seg[m[0]:m[1]], kind: "date", start: m[0], end: m[1]})
		}
	}
	for _, m := range numberRe.FindAllStringIndex(seg, -1) {
		if taken[m[0]] {
			continue
		}
		num := seg[m[0]:m[1]]
		v := value{key: num, start: m[0], end: m[1]}
		rest := seg[m[1]:]
		r, size := utf8.DecodeRuneInString(rest)
		switch {
		case r == '%':
			v.kind, v.end = "%", m[1]+size
		case strings.HasPrefix(rest, " percent"):
			v.kind = "%"
		case strings.ContainsRune(zhPeople, r):
			v.kind, v.noun, v.end = "people", hanBigram(rest[size:]), m[1]+size
		case strings.ContainsRune(zhStudies, r):
			v.kind, v.noun, v.end = "studies", hanBigram(rest[size:]), m[1]+size
		case strings.ContainsRune(zhCount, r):
			v.kind, v.noun, v.end = "count", hanBigram(rest[size:]), m[1]+size
		case strings.ContainsRune(zhDuration, r):
			if yearRe.MatchString(num) && r == '年' {
				v.kind = "date"
			} else {
				continue // a time qualifier, not a value
			}
		case r == ' ':
			words := strings.Fields(rest)
			w := ""
			if len(words) > 0 {
				w = strings.Trim(words[0], ".,;:()")
			}
			if enAdjective[w] && len(words) > 1 {
				w = strings.Trim(words[1], ".,;:()")
			}
			switch {
			case enPeople[w]:
				v.kind, v.noun = "people", w
			case enStudies[w]:
				v.kind, v.noun = "studies", strings.TrimSuffix(strings.TrimSuffix(w, "s"), "ie")
			case isUnitWord(w):
				continue
			}
		}
		if v.kind == "" && yearRe.MatchString(num) && len(num) == 4 {
			v.kind = "date"
		}
		if v.kind == "" {
			before := strings.TrimRight(seg[:m[0]], " ")
			if hasAnySuffix(before, "day", "days", "week", "month", "year", "aged", "age", "grade") {
				continue // "day 28", "aged 14": a qualifier
			}
		}
		add(v)
	}
	slices.SortFunc(out, func(a, b value) int { return a.start - b.start })
	return out
}

func hasAnySuffix(s string, ws ...string) bool {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// hanBigram is the first two Han characters of s, when s starts with them (the counted noun
// after a Chinese classifier: "国家" in "28个国家").
func hanBigram(s string) string {
	r := []rune(s)
	if len(r) >= 2 && isHan(r[0]) && isHan(r[1]) {
		return string(r[:2])
	}
	return ""
}

func isHan(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }

// segments splits folded text into stretches that state one thing: at sentence and clause
// punctuation, and at the words that join two statements ("和", "、", " and ", " but "), but
// never inside brackets, where "(6 randomised trials, 293 patients)" describes one thing.
// A clause that pairs lists "respectively" (分别, respectively) is kept whole: its numbers
// are matched to its subjects by order, not by nearness.
func segments(text string) []string {
	var out []string
	for _, clause := range splitOutsideBrackets(text, "。！？!?；;，,：:\n、") {
		if strings.Contains(clause, "分别") || strings.Contains(clause, "respectively") {
			out = append(out, clause)
			continue
		}
		out = append(out, splitWords(clause, " and ", " but ", " while ", " whereas ", "和", "以及", "而", "但")...)
	}
	return out
}

// splitOutsideBrackets cuts s at any of the runes in cuts that are outside (), and not a
// comma or full stop inside a number (1,765 or 3.26).
func splitOutsideBrackets(s, cuts string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(', '[', '（':
			depth++
		case ')', ']', '）':
			if depth > 0 {
				depth--
			}
		}
		cut := depth == 0 && strings.ContainsRune(cuts, r)
		if cut && (r == ',' || r == '.') && inNumber(s, i) {
			cut = false
		}
		if r == '.' && depth == 0 && (i+1 == len(s) || s[i+1] == ' ') {
			cut = true
		}
		if cut {
			out = append(out, s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, s[start:])
}

// inNumber reports whether the comma or full stop at s[i] is part of a number: a decimal
// point (3.26) or a thousands separator (1,765), not a comma between "细胞,190人".
func inNumber(s string, i int) bool {
	if i == 0 || i+1 >= len(s) || !isDigit(s[i-1]) || !isDigit(s[i+1]) {
		return false
	}
	if s[i] == '.' {
		return true
	}
	n := 0
	for n < 4 && i+1+n < len(s) && isDigit(s[i+1+n]) {
		n++
	}
	return n == 3
}

func splitWords(s string, words ...string) []string {
	out := []string{s}
	for _, w := range words {
		var next []string
		for _, part := range out {
			next = append(next, strings.Split(part, w)...)
		}
		out = next
	}
	return out
}

// attachment records, for each kind of value, which values each content term of a text sits
// next to: within a segment, a term belongs to the nearest value of that kind (to all of them
// on a tie, or when they are compared: "3人对34人", "3.26% vs 3.82%").
type attachment struct {
	to      map[string]map[string][]string // kind -> term -> value keys
	present map[string]map[string]bool     // kind -> value keys in the text
	alone   map[string]map[string]bool     // kind -> terms that also occur in a segment with no value of that kind
}

func attach(text string) attachment {
	att := attachment{to: map[string]map[string][]string{}, present: map[string]map[string]bool{}, alone: map[string]map[string]bool{}}
	kinds := []string{"date", "%", "people", "studies", "count"}
	for _, seg := range segments(text) {
		vs := values(seg)
		tps := termPositions(seg, vs)
		for _, kind := range kinds {
			kvs := ofKind(vs, kind)
			if att.to[kind] == nil {
				att.to[kind], att.present[kind], att.alone[kind] = map[string][]string{}, map[string]bool{}, map[string]bool{}
			}
			if len(kvs) == 0 {
				for _, tp := range tps {
					att.alone[kind][tp.term] = true
				}
				continue
			}
			for _, v := range kvs {
				att.present[kind][v.key] = true
			}
			for _, tp := range tps {
				for _, v := range nearest(seg, tp, kvs) {
					if !slices.Contains(att.to[kind][tp.term], v.key) {
						att.to[kind][tp.term] = append(att.to[kind][tp.term], v.key)
					}
				}
			}
		}
	}
	return att
}

func ofKind(vs []value, kind string) []value {
	var out []value
	for _, v := range vs {
		if v.kind == kind {
			out = append(out, v)
		}
	}
	return out
}

type termPos struct {
	term       string
	start, end int
}

// termPositions lists the content terms of a segment (Chinese bigrams, English words; no
// numbers) with their byte offsets, skipping the values themselves.
func termPositions(seg string, vs []value) []termPos {
	var out []termPos
	prev := 0
	pieces := make([][2]int, 0, len(vs)+1)
	for _, v := range vs {
		if v.start >= prev {
			pieces = append(pieces, [2]int{prev, v.start})
			prev = v.end
		}
	}
	pieces = append(pieces, [2]int{prev, len(seg)})
	for _, p := range pieces {
		piece := seg[p[0]:p[1]]
		from := 0
		for _, t := range bigramsOnly(contentTerms(piece)) {
			if t == "" || isDigit(t[0]) {
				continue
			}
			// A stemmed English word ("trial" for "trials") is still found at its spelling.
			k := strings.Index(piece[from:], t)
			if k < 0 {
				continue
			}
			k += from
			from = k
			out = append(out, termPos{t, p[0] + k, p[0] + k + len(t)})
		}
	}
	return out
}

// nearest returns the values closest to a term (in characters), all of them on a tie, with the
// values compared with them ("3人对34人").
func nearest(seg string, tp termPos, vs []value) []value {
	best, bestD := []value(nil), -1
	for _, v := range vs {
		d := 0
		switch {
		case tp.end <= v.start:
			d = utf8.RuneCountInString(seg[tp.end:v.start])
		case tp.start >= v.end:
			d = utf8.RuneCountInString(seg[v.end:tp.start])
		}
		switch {
		case bestD < 0 || d < bestD:
			best, bestD = []value{v}, d
		case d == bestD:
			best = append(best, v)
		}
	}
	for i := 0; i+1 < len(vs); i++ {
		a, b := vs[i], vs[i+1]
		if a.end > b.start || !compared(seg[a.end:b.start]) {
			continue
		}
		if slices.Contains(best, a) && !slices.Contains(best, b) {
			best = append(best, b)
		} else if slices.Contains(best, b) && !slices.Contains(best, a) {
			best = append(best, a)
		}
	}
	return best
}

// compared reports whether the text between two values sets them against each other.
func compared(between string) bool {
	w := strings.Trim(between, " ()%人名例")
	return w == "对" || w == "比" || w == "vs" || w == "vs." || w == "versus" || w == "to"
}

// misplacedNumber returns a number of the sentence that the cited passages give, but for
// something else: the sentence has two numbers of the same kind, and a word next to one of them
// sits in the passages only next to the other ("28天总缓解率为66.9%，100天生存率为65.1%" where
// the passage has "28天总缓解率为65.1%、100天生存率为66.9%"), or it counts what the passages
// count with the other ("114个国家的28家" for "28个国家的114家"). It is the check for swapped
// numbers. A word the passages also use away from these numbers ("研究", "fda") proves nothing
// and is not used. For dates the other date need not be in the sentence: "updated in 2016"
// fails where the passage was "updated in 2021 (the previous edition was from 2016)".
func misplacedNumber(sentence, cited string) string {
	c := attach(cited)
	cNouns := countedNouns(cited)
	sAll := map[string]bool{}
	for _, seg := range segments(sentence) {
		for _, v := range values(seg) {
			sAll[v.key] = true
		}
	}
	for _, seg := range segments(sentence) {
		vs := values(seg)
		for _, a := range vs {
			if a.kind == "" || !c.present[a.kind][a.key] {
				continue // a number the passages lack is the number check's business
			}
			if a.noun != "" && len(cNouns[a.key]) > 0 && !cNouns[a.key][a.noun] {
				for b, nouns := range cNouns {
					if b != a.key && sAll[b] && nouns[a.noun] {
						return a.key + a.noun
					}
				}
			}
			same := ofKind(vs, a.kind)
			for _, tp := range termPositions(seg, vs) {
				near := nearest(seg, tp, same)
				if len(near) != 1 || near[0].key != a.key || c.alone[a.kind][tp.term] {
					continue // the term is not clearly a's, or not tied to numbers in the passages
				}
				in := c.to[a.kind][tp.term]
				if len(in) == 0 || slices.Contains(in, a.key) {
					continue
				}
				for _, b := range in {
					// Only a swap is evidence enough (b is in the sentence too), except for
					// dates: "updated in 2016" where the passage was updated in 2021.
					if (sAll[b] || a.kind == "date") && !segmentHas(same, b) {
						return a.key + " (the cited passages give " + b + " for “" + tp.term + "”)"
					}
				}
			}
		}
	}
	return ""
}

func segmentHas(vs []value, key string) bool {
	for _, v := range vs {
		if v.key == key {
			return true
		}
	}
	return false
}

// countedNouns maps each number of the text to the nouns it counts ("28" -> {"国家"}).
func countedNouns(text string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, seg := range segments(text) {
		for _, v := range values(seg) {
			if v.noun == "" {
				continue
			}
			if out[v.key] == nil {
				out[v.key] = map[string]bool{}
			}
			out[v.key][v.noun] = true
		}
	}
	return out
}

// Approvals. A sentence that dates an approval ("FDA于2020年10月批准了…") needs the cited
// passages to put an approval at that date: not an application for one ("申请正式批准",
// "applied for full approval"), not a refusal ("当时没有批准", "instead of an approval"), and
// not another event of the same passage sentence ("…approved on 23 March 2018…, and on 13
// December 2024 the Commission withdrew…").
var (
	approvalWords = []string{"批准", "获批", "approv", "authoris", "authoriz", "licensed", "licence", "license"}
	notApproval   = []string{"申请", "申报", "寻求", "applied", "apply", "applies", "application", "seek", "sought", "instead of", "withdr", "撤销", "撤回", "recommend", "建议"}
	// statement joints: an approval and a date on either side of one belong to two statements.
	joints = []string{"；", ";", "，但", ", but", "，并", ", and ", "，而", "，当时", ", while", "。", ". "}
)

// datedApproval returns a date of the sentence that it ties to an approval but the cited
// passages do not.
func datedApproval(sentence, cited string) string {
	for _, stmt := range statements(sentence) {
		if !affirmedApproval(stmt) {
			continue
		}
		for _, d := range dates(stmt) {
			ok := false
			for _, c := range statements(cited) {
				if strings.Contains(c, d) && affirmedApproval(c) {
					ok = true
					break
				}
			}
			if !ok {
				return d
			}
		}
	}
	return ""
}

// statements splits folded text at sentence ends and statement joints (not at every comma:
// "2024年12月18日，FDA批准了…" is one statement).
func statements(text string) []string {
	parts := []string{text}
	for _, j := range joints {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, j)...)
		}
		parts = next
	}
	return parts
}

// dates are the dated values of a statement: full dates, months and years.
func dates(stmt string) []string {
	var out []string
	for _, v := range values(stmt) {
		if v.kind == "date" {
			out = append(out, v.key)
		}
	}
	return out
}

// affirmedApproval reports whether a statement says something was approved: an approval word
// that is not negated, not applied for and not withdrawn.
func affirmedApproval(stmt string) bool {
	for _, w := range approvalWords {
		for i := 0; ; {
			k := strings.Index(stmt[i:], w)
			if k < 0 {
				break
			}
			at := i + k
			before := stmt[:at]
			if len(before) > 60 { // "applied to Japan's health ministry for full approval"
				before = before[len(before)-60:]
			}
			if !negatedBefore(stmt[:at]) && !hasAnyWord(before, notApproval) {
				return true
			}
			i = at + len(w)
		}
	}
	return false
}

func hasAnyWord(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Causes. "输注细胞使32.5%的患者达到缓解" and "the cells led to improvement" state a cause;
// a passage that reports an outcome without one (or says the cause cannot be told) does not
// support it. The cited clause that states the same thing must state a cause too, without a
// negation or doubt ("不能确定这些改善是移植的细胞带来的").
var (
	zhCauseRe = regexp.MustCompile(`(?:促使|致使|导致|得益于|归功于|使|令)[^，。；,;]{0,24}?(?:改善|好转|提高|提升|降低|减少|达到|恢复|增加|缓解|下降|减轻|消失|延长|更好|获益)`)
	enCauses  = []string{" led to ", " lead to ", " leads to ", " resulted in ", " results in ", " caused ", " causes ", " thanks to ", " because of the ", " made them ", " helped ", " restored "}
	// words that contain 使/令/让 without a cause
	notCause = []string{"使用", "即使", "使馆", "大使", "行使", "使命", "假使", "命令", "指令", "法令", "令人", "让步", "转让"}
)

func causal(clause string) bool {
	c := clause
	for _, w := range notCause {
		c = strings.ReplaceAll(c, w, "，")
	}
	if zhCauseRe.MatchString(c) {
		return true
	}
	padded := " " + c + " "
	for _, w := range enCauses {
		if strings.Contains(padded, w) {
			return true
		}
	}
	return false
}

// inventedCause returns a clause of the sentence that states a cause that no similar cited
// clause states without doubt.
func inventedCause(sentence, cited string) string {
	var causes []map[string]bool
	for _, c := range splitClauses(cited) {
		if causal(c) && !hasNegation(c) && !doubtful(c) {
			causes = append(causes, termSet(c))
		}
	}
	for _, s := range splitClauses(sentence) {
		if !causal(s) || hasNegation(s) || doubtful(s) {
			continue
		}
		want := termSet(s)
		ok := false
		for _, c := range causes {
			n := 0
			for t := range want {
				if c[t] {
					n++
				}
			}
			if n >= 2 {
				ok = true
				break
			}
		}
		if !ok {
			return s
		}
	}
	return ""
}

func doubtful(clause string) bool {
	return hasAnyWord(clause, []string{"是否", "是不是", "不确定", "无法判断", "不能确定", "whether", "cannot tell", "unclear", "not clear"})
}

func termSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range bigramsOnly(contentTerms(s)) {
		m[t] = true
	}
	return m
}

// Attribution. "诊所常宣称细胞会变成心肌细胞，但综述指出不会" supports "诊所宣称…" but not
// "综述指出细胞会变成心肌细胞": a claim the passages only report as someone's claim, to
// distrust, cannot be stated as fact.
var (
	claimMarkers = []string{"宣称", "声称", "号称", "自称", "标榜", "宣传", "广告", "吹嘘", "claim", "advertis", "touted"}
	contrasts    = []string{"但", "然而", "不过", "却", "but ", "however", "whereas", "yet "}
	// reportVerbs introduce what a source says; the words before one name the source, not
	// the content, and are left out when matching the content to the passages.
	reportVerbs = []string{"指出", "认为", "表示", "发现", "显示", "表明", "证实", " reports that ", " report that ", " reported that ", " says that ", " said that ",
		" found that ", " finds that ", " shows that ", " showed that ", " notes that ", " states that ", " concluded that "}
)

// claimedOnly returns a clause of the sentence whose content the cited passages state only
// as someone's claim, when the sentence does not say it is a claim.
func claimedOnly(sentence, cited string) string {
	if hasAnyWord(sentence, claimMarkers) {
		return ""
	}
	type clause struct {
		terms   map[string]bool
		claimed bool
	}
	var cs []clause
	for _, sent := range splitOutsideBrackets(cited, "。！？!?\n") {
		claimed := false
		for _, c := range splitClauses(sent) {
			if hasAnyWord(c, contrasts) || strings.HasPrefix(strings.TrimSpace(c), "而") {
				claimed = false
			}
			if hasAnyWord(c, claimMarkers) {
				claimed = true
			}
			cs = append(cs, clause{termSet(c), claimed})
		}
	}
	for _, s := range splitClauses(sentence) {
		for _, v := range reportVerbs {
			if k := strings.Index(s, v); k >= 0 {
				s = s[k+len(v):]
			}
		}
		want := termSet(s)
		overlap := make([]int, len(cs))
		best, bestN := -1, 2
		for i, c := range cs {
			for t := range want {
				if c.terms[t] {
					overlap[i]++
				}
			}
			if overlap[i] > bestN {
				best, bestN = i, overlap[i]
			}
		}
		if best < 0 || !cs[best].claimed {
			continue
		}
		agrees := false
		for i, c := range cs {
			if overlap[i] >= 2 && 4*overlap[i] >= 3*bestN && !c.claimed {
				agrees = true
				break
			}
		}
		if !agrees {
			return s
		}
	}
	return ""
}
