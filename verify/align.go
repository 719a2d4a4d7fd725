package verify

// Alignment. The other checks look for a sentence's words anywhere in the cited passages, so a
// sentence can pass by borrowing a number from one passage sentence and a claim from another,
// or by adding one decisive word ("all", "证实", "Korean") to a sentence that otherwise copies
// the passage. Here the sentence must align to one passage sentence, or two adjacent ones (a
// window), that covers most of its content, and what the sentence adds to that window must be
// harmless: every number, name, place and decisive word of the sentence must be in the window
// itself, and an outcome the sentence affirms must be affirmed there.

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"patientqa/corpus"
	"patientqa/normalize"
)

// MinAlignment is the share of a sentence's content terms that the one passage sentence (or
// adjacent pair) it aligns to must contain.
const MinAlignment = 0.7

// MaxNovel is how many content words a sentence may add to the passage sentence it restates
// (besides function words and the harmless words of paraphrase).
var MaxNovel = 0

// window is a passage sentence, or two adjacent ones, with its content terms.
type window struct {
	passage int // index of the passage among those cited
	text    string
	terms   map[string]bool
	words   map[string]bool // English words, for decisive words
}

// passageSentences splits a folded passage into sentences (at 。！？!?, a full stop before a
// space and line ends; not inside brackets or numbers).
func passageSentences(folded string) []string {
	var out []string
	for _, s := range splitOutsideBrackets(folded, "。！？!?\n") {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// windowsOf returns the windows of one folded passage: each sentence, and each pair of
// adjacent sentences.
func windowsOf(folded string) []window {
	sents := passageSentences(folded)
	var out []window
	for i, s := range sents {
		out = append(out, newWindow(s))
		if i+1 < len(sents) {
			out = append(out, newWindow(s+"。"+sents[i+1]))
		}
	}
	return out
}

func newWindow(text string) window {
	w := window{text: text, terms: map[string]bool{}, words: map[string]bool{}}
	for _, t := range contentTerms(text) {
		w.terms[t] = true
	}
	for _, x := range latinWords(text) {
		w.words[x] = true
	}
	return w
}

// latinWords splits folded text into its Latin-script words.
func latinWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') })
}

// align returns the window that covers most of the sentence's distinct content terms, and the
// share it covers. A sentence citing several passages may align to one window of each of two
// of them.
func align(sentence string, byPassage [][]window) (window, float64) {
	seen := map[string]bool{}
	var terms []string
	for _, t := range contentTerms(sentence) {
		if !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return window{}, 0
	}
	covered := func(w window) int {
		n := 0
		for _, t := range terms {
			if w.terms[t] {
				n++
			}
		}
		return n
	}
	var best window
	bestN := -1
	perPassage := make([]window, len(byPassage))
	perN := make([]int, len(byPassage))
	for i, ws := range byPassage {
		perN[i] = -1
		for _, w := range ws {
			n := covered(w)
			if n > perN[i] || n == perN[i] && len(w.text) < len(perPassage[i].text) {
				perPassage[i], perN[i] = w, n
			}
		}
		if perN[i] > bestN || perN[i] == bestN && len(perPassage[i].text) < len(best.text) {
			best, bestN = perPassage[i], perN[i]
		}
	}
	// Two passages: the best window of each, together.
	for i := range byPassage {
		for j := i + 1; j < len(byPassage); j++ {
			if perN[i] <= 0 || perN[j] <= 0 {
				continue
			}
			w := newWindow(perPassage[i].text + "。" + perPassage[j].text)
			if n := covered(w); n > bestN {
				best, bestN = w, n
			}
		}
	}
	return best, float64(bestN) / float64(len(terms))
}

// Decisive words change what a sentence claims when added to a passage's words: scope and
// certainty ("所有", "all", "证实", "proven"), outcome and direction ("有效", "改善", "better",
// "fewer"), and who or what is meant ("儿童", "adults", "本人", "donor"). Each must be in the
// window the sentence aligns to. English ones are word prefixes ("improv" for improved,
// improvement), so a change of form is not a change of word.
var (
	zhDecisive = []string{"只", "仅", "所有", "全部", "全都", "任何", "一律", "完全", "彻底", "普遍", "总是", "一定", "肯定", "必然",
		"显著", "明显", "大幅", "证实", "证明", "确认", "确证", "安全", "有效", "疗效", "改善", "好转", "获益", "受益",
		"成功", "优于", "更好", "更多", "更少", "较少", "较多", "更高", "更低", "很高", "很低", "治愈", "根治", "痊愈",
		"逆转", "修复", "可以", "能够", "降低", "减少", "提高", "增加", "延长", "缩短", "常见", "正式", "首个", "首次", "唯一", "儿童", "成人", "成年", "老年", "女性", "男性",
		"婴儿", "本人", "自体", "异体", "他人", "捐献", "供者", "私人", "公共", "公立", "紧急", "随机", "对照", "设盲",
		"双盲", "多中心",
		"经常", "常常", "往往", "通常", "频繁", "多数", "大多数", "少数", "很少", "罕见"}
	enDecisive = []string{"only", "all", "every", "any", "always", "never", "none", "complete", "full", "entire", "universal",
		"prove", "proof", "confirm", "establish", "definite", "signific", "clear", "dramatic", "safe", "effective",
		"efficac", "improv", "benefi", "better", "worse", "more", "fewer", "less", "higher", "lower", "succe", "cure",
		"revers", "repair", "regenerat", "can", "will", "reduc", "increas", "extend", "shorten", "common", "approv", "first", "most", "majority", "children", "child",
		"adult", "women", "men", "elderly", "infant", "own", "donor", "private", "public", "random", "control",
		"blind", "related", "unrelated", "often", "usual", "frequent", "rare", "seldom", "typical", "generally"}
	// decisiveKin are words a passage may use for a decisive word of the sentence without a
	// change of meaning: the same person ("本人" for "自体"), the same direction.
	decisiveKin = [][]string{
		{"本人", "自体", "自己", "自身"}, {"捐献", "供者", "他人", "异体", "捐赠"}, {"更少", "较少", "减少", "降低", "更低", "较低"},
		{"更多", "较多", "增加", "更高", "较高", "提高"}, {"优于", "更好"}, {"成人", "成年"}, {"证实", "证明"}, {"只", "仅", "唯一", "限于"},
		{"own", "autologous"}, {"donor", "allogeneic"}, {"fewer", "less", "lower", "reduc", "decreas"},
		{"more", "higher", "increas"}, {"better", "superior"}, {"adult", "adults"}, {"child", "children"}, {"only", "solely", "exclusively"},
		{"prove", "proof"}, {"effective", "efficac", "work"},
	}
	// polar words flip the claim when negated: affirmed in the sentence, they need an affirmed
	// occurrence in the window. (Other decisive words need only be there: "only for adults"
	// supports "for adults".)
	zhPolar = []string{"有效", "疗效", "改善", "好转", "获益", "受益", "成功", "优于", "更好", "证实", "证明", "确认", "安全",
		"可以", "能够", "完全", "显著", "明显", "彻底", "治愈", "所有", "全部", "任何", "降低", "减少", "提高", "增加", "延长",
		"随机", "对照", "设盲", "双盲"}
	enPolar = []string{"effective", "efficac", "improv", "benefi", "succe", "better", "prove", "confirm", "safe", "can",
		"signific", "clear", "complete", "cure", "all", "every", "any", "reduc", "lower", "increas", "random", "control", "blind"}
	// positive outcome words: affirmed in the sentence, they need an affirmed occurrence in the
	// window ("stopped because it could not show a benefit" does not support "showed a benefit").
	zhPositive = []string{"有效", "改善", "获益", "受益", "成功", "好转", "优于", "更好"}
	enPositive = []string{"effective", "improv", "benefi", "succe", "better"}
)

// enDecisiveWord reports whether an English word is one of the decisive words, and which.
func enDecisiveWord(w string) (string, bool) {
	for _, d := range enDecisive {
		switch {
		case w == d:
			return d, true
		case len(d) >= 4 && strings.HasPrefix(w, d) && !exemptPrefix(w):
			return d, true
		}
	}
	return "", false
}

// exemptPrefix: words that start like a decisive word without being one.
func exemptPrefix(w string) bool {
	switch w {
	case "safeguard", "safeguards", "children's", "overall", "overview", "cancer", "moreover", "controversial":
		return true
	}
	return false
}

// windowHasPrefix reports whether the window has an English word starting with d (or equal
// to d, for short ones).
func windowHasPrefix(w window, d string) bool {
	if len(d) < 4 {
		return w.words[d]
	}
	for x := range w.words {
		if strings.HasPrefix(x, d) {
			return true
		}
	}
	return false
}

// unaligned checks a folded sentence against its best window among the cited passages'
// windows and returns why it fails, or "".
func unaligned(sentence, cited string, names map[string]bool, byPassage [][]window) string {
	w, cov := align(sentence, byPassage)
	if cov < MinAlignment {
		return "no single cited passage sentence states it"
	}
	for _, loc := range numberRe.FindAllStringIndex(sentence, -1) {
		num := sentence[loc[0]:loc[1]]
		if approximate(sentence[:loc[0]]) {
			if !containsNear(w.text, num) {
				return "number about " + num + " is not in the passage sentence it restates"
			}
		} else if !containsNumber(w.text, num) {
			return "number " + num + " is not in the passage sentence it restates"
		} else if u := countUnit(sentence[loc[1]:]); u != 0 && !countedAs(w.text, num, u) {
			return num + string(u) + " is not in the passage sentence it restates"
		}
	}
	for _, place := range places {
		if strings.Contains(sentence, place) && !strings.Contains(w.text, place) {
			return place + " is not in the passage sentence it restates"
		}
	}
	if r, other := swappedRole(sentence, w.text); r != "" {
		return "the passage sentence it restates says this of " + other + ", not " + r
	}
	if o := unnamedOrganisation(sentence, cited); o != "" {
		return "organisation " + o + " is not in the cited passages"
	}
	if c := unnamedCondition(sentence, w.text, cited); c != "" && !inFirstSentence(c, cited) {
		return c + " is not in the passage sentence it restates"
	}
	if x, y := nameSwap(sentence, w.text, names); x != "" {
		return "the passage sentence it restates says this of " + y + ", not " + x
	}
	if q := overgeneralised(sentence, w.text); q != "" {
		return "“" + q + "” says all where the passage sentence it restates says a part"
	}
	if h := droppedHedge(sentence, w.text); h != "" {
		return "the passage sentence it restates says “" + h + "”"
	}
	if f := droppedFrame(sentence, w.text); f != "" {
		return "the passage sentence it restates says this of " + f + " only"
	}
	for _, d := range zhDecisive {
		at := unprefixedIndex(sentence, d)
		if at < 0 || !affirmedAt(sentence, at) || advice(sentence, at, d) {
			continue
		}
		has := presentIn
		if slices.Contains(zhPolar, d) {
			has = affirmedIn
		}
		if !has(w.text, d) && !kinIn(d, func(k string) bool { return has(w.text, k) }) {
			if strings.Contains(w.text, d) {
				return "“" + d + "” differs in negation from the passage sentence it restates"
			}
			return "“" + d + "” is not in the passage sentence it restates"
		}
	}
	for _, loc := range latinWordRe.FindAllStringIndex(sentence, -1) {
		x := sentence[loc[0]:loc[1]]
		d, ok := enDecisiveWord(x)
		if !ok || !affirmedAt(sentence, loc[0]) || advice(sentence, loc[0], x) {
			continue
		}
		has := func(text, d string) bool { return windowHasPrefix(w, d) }
		if slices.Contains(enPolar, d) {
			has = affirmedWordIn
		}
		if !has(w.text, d) && !kinIn(d, func(k string) bool { return has(w.text, k) }) {
			if windowHasPrefix(w, d) {
				return "“" + x + "” differs in negation from the passage sentence it restates"
			}
			return "“" + x + "” is not in the passage sentence it restates"
		}
	}
	if n, t, m := swappedNumber(sentence, w.text); n != "" {
		return "the passage sentence it restates gives “" + t + "” with " + m + ", not " + n
	}
	if a, b := contrarySwap(sentence, w.text); a != "" {
		return "the passage sentence it restates says “" + b + "” where it says “" + a + "”"
	}
	if d, n := misplacedDecisive(sentence, w); d != "" {
		return "in the passage sentence it restates, “" + d + "” is not said of “" + n + "”"
	}
	if n, t := misbound(sentence, w.text); n != "" {
		return "the passage sentence it restates gives “" + t + "” with another figure, not " + n
	}
	if novel := novelTokens(sentence, cited, names, w); len(novel) > MaxNovel {
		return "“" + strings.Join(novel, "”, “") + "” are not in the passage sentence it restates"
	}
	if p := unaffirmedOutcome(sentence, w.text); p != "" {
		return "the passage sentence it restates does not affirm “" + p + "”"
	}
	return ""
}

var latinWordRe = regexp.MustCompile(`[a-z0-9]+`)

// kinIn reports whether has(k) for a kin of the decisive word d.
func kinIn(d string, has func(string) bool) bool {
	for _, g := range decisiveKin {
		if !slices.Contains(g, d) {
			continue
		}
		for _, k := range g {
			if k != d && has(k) {
				return true
			}
		}
	}
	return false
}

// advice reports whether a "可以"/"can" at sentence[at:] tells the reader what they can do
// ("可以先问清", "you can ask") rather than claiming what a treatment can do.
func advice(sentence string, at int, d string) bool {
	switch d {
	case "可以":
		rest := sentence[at+len(d):]
		for _, v := range []string{"先", "问", "向", "与", "拨打", "咨询", "查", "找", "联系", "请", "要求", "登录"} {
			if strings.HasPrefix(rest, v) {
				return true
			}
		}
	case "can":
		return strings.HasSuffix(strings.TrimRight(sentence[:at], " "), "you")
	}
	return false
}

// presentIn reports whether text has d, other than negated by a prefix right before it
// ("紧急" is not in "非紧急", nor "随机" in "非随机").
func presentIn(text, d string) bool { return unprefixedIndex(text, d) >= 0 }

// unprefixedIndex is the index of the first d in text not right after 非, 无, 未, 不 or 没, or -1.
func unprefixedIndex(text, d string) int {
	for i := 0; ; {
		k := strings.Index(text[i:], d)
		if k < 0 {
			return -1
		}
		if !hasAnySuffix(text[:i+k], "非", "无", "未", "不", "没") {
			return i + k
		}
		i += k + len(d)
	}
}

// affirmedIn reports whether text has d not negated, not quoted as a claim and not only
// called for ("需要更大的随机试验", "larger randomised trials are needed") before it.
func affirmedIn(text, d string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], d)
		if k < 0 {
			return false
		}
		if affirmedAt(text, i+k) {
			return true
		}
		i += k + len(d)
	}
}

// affirmedAt reports whether the word at text[at:] is affirmed: notAffirmed over its own
// clause (cut at "and that", "but", "而", "但" too: a new statement), and not called for by "需要", "need".
func affirmedAt(text string, at int) bool {
	before := text[:at]
	for _, c := range []string{" and that ", " but ", "而", "但"} {
		if k := strings.LastIndex(before, c); k >= 0 {
			before = before[k+len(c):]
		}
	}
	if notAffirmed(before) {
		return false
	}
	clause := text[:at] // the sentence so far: "需要" reaches across commas
	if k := strings.LastIndexAny(clause, "。！？!?；;\n"); k >= 0 {
		clause = clause[k+1:]
	}
	after := text[at:]
	if k := strings.IndexAny(after, "。！？!?；;，,：:\n"); k >= 0 {
		after = after[:k]
	}
	return !hasAnyWord(clause, []string{"需要", "有待", "需", "need", "would have to", "should be"}) && !hasAnyWord(after, []string{" needed", " are needed", " is needed", "有待"})
}

// affirmedWordIn is affirmedIn for an English decisive word: a word equal to d, or starting
// with it when d is a stem of four letters or more.
func affirmedWordIn(text, d string) bool {
	for _, loc := range latinWordRe.FindAllStringIndex(text, -1) {
		x := text[loc[0]:loc[1]]
		if (x == d || len(d) >= 4 && strings.HasPrefix(x, d)) && affirmedAt(text, loc[0]) {
			return true
		}
	}
	return false
}

// unaffirmedOutcome returns a positive outcome word that the sentence affirms but the window
// has only negated, or not at all.
func unaffirmedOutcome(sentence, window string) string {
	for _, p := range append(append([]string{}, zhPositive...), enPositive...) {
		at := strings.Index(sentence, p)
		if at < 0 || !affirmedAt(sentence, at) {
			continue
		}
		ok := affirmedIn(window, p)
		if !ok {
			return p
		}
	}
	return ""
}

// Harmless words of paraphrase: reporting verbs, the study's generic nouns, connectives; and
// the glue of both languages. Negators count as glue here: negation has its own checks.
var (
	zhGlue = runeSetOf("的了是在和与或我你他她它们这那有也都就很还及对于为被把给让从到个之其该此等着过得地所把将已经曾不没无未非")
	enGlue = stringSetOf("a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
		"with", "about", "from", "as", "is", "are", "was", "were", "be", "it", "its", "they", "them", "their", "this",
		"that", "these", "those", "what", "who", "whom", "how", "why", "when", "where", "so", "than", "then", "too",
		"very", "just", "such", "into", "out", "up", "s", "t", "he", "she", "his", "her", "him", "we", "our", "you", "your",
		"would", "could", "should", "may", "might", "must", "shall")
	zhHarmless = runeSetOf("研究试验发现显示表明指出认为报告据称说提到介绍其中这该项名例位人时后中里内间称即共约近仅只则而且并因此由于作为属于进行接受给予使用情况结果患者组一次")
	enHarmless = stringSetOf("study", "studi", "trial", "found", "find", "finds", "show", "showed", "shown", "shows", "report", "reported",
		"reports", "said", "says", "say", "note", "noted", "notes", "describ", "according", "people", "patient", "participant",
		"group", "however", "though", "although", "while", "whereas", "both", "overall", "including",
		"which", "whose", "other", "between", "among", "each", "per", "also", "yet", "still", "there", "whether", "without",
		"not", "no", "nor", "neither", "never", "did", "does", "do", "been", "being", "had", "has", "have", "one", "two",
		"total", "result", "results", "data", "evidence", "authors", "author", "researchers", "team", "published", "paper",
		// generic verbs and hedges of paraphrase, by stem
		"affect", "compar", "enroll", "enrol", "cover", "tak", "giv", "includ", "receiv", "made", "make", "use", "us",
		"provid", "offer", "part", "roughly", "approx", "nearly", "around", "almost", "later", "earlier", "given", "get", "got",
		"used", "using", "taking", "take", "took", "giving", "give", "gave", "rather", "necessarily", "suggest", "come", "comes",
		"became", "become", "becom", "last", "outcom", "occurr", "occur", "link", "linked", "based", "vary", "varies", "kept",
		"keep", "plan", "plans", "since", "until", "remain", "instead", "therefore", "thus", "called", "known", "either",
		"like", "despite", "describ", "describe", "mention", "state", "stated", "explain", "explained", "call", "calls")
	// zhHarmlessWords are words of paraphrase a new run of characters may be made of.
	zhHarmlessWords = stringSetOf("尽管", "虽然", "按照", "根据", "纳入", "参加", "参与", "带来", "描述", "最终", "事件", "目前", "当时",
		"以及", "此外", "另外", "同时", "相关", "进行", "属于", "包括", "包含", "涉及", "出现", "发生", "记录", "表示", "说明", "提示",
		"可能", "仍然", "只是", "足以", "分别", "合计", "共有", "大约", "然而", "不过", "并且", "而且", "还是",
		"已经", "曾经", "一直", "主要", "其他", "其余", "这些", "那些", "这种", "这类", "这项", "这名", "该项",
		// generic nouns a restatement may add for what the passage names ("该产品" for Holoclar)
		"产品", "药物", "药品", "方法", "年龄", "情况", "方面", "内容", "疗法")
)

func runeSetOf(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

func stringSetOf(ss ...string) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// novelTokens returns the content words of the sentence that its window lacks: Chinese
// characters (outside function and paraphrase characters) that the window does not contain,
// and English words (outside stop and paraphrase words) that no window word shares a stem
// with. Numbers are left to the number check.
func novelTokens(sentence, cited string, names map[string]bool, w window) []string {
	var out []string
	seen := map[string]bool{}
	run := ""
	flush := func() {
		// A single new character between known ones is rewording ("取自本人" for "自体");
		// two or more in a row are a new word.
		if utf8.RuneCountInString(run) > 1 && !seen[run] && !harmlessRun(run) && !paraphraseIn(run, w) && !subjectIn(run, cited) &&
			!decisiveKinIn(run, w) && !(run == "可以" && advice(sentence, strings.Index(sentence, run), run)) {
			seen[run] = true
			out = append(out, run)
		}
		run = ""
	}
	rs := []rune(sentence)
	novelAt := func(i int) bool {
		return isHan(rs[i]) && !zhGlue[rs[i]] && !zhHarmless[rs[i]] && !knownHan(rs, i, w.text)
	}
	for i := range rs {
		if !novelAt(i) {
			flush()
			continue
		}
		run += string(rs[i]) // adjacent novel characters are one novel word
	}
	flush()
	for _, x := range latinWords(sentence) {
		if seen[x] || isDigit(x[0]) || enGlue[x] || harmlessEn(x) {
			continue
		}
		seen[x] = true
		if names[x] && strings.Contains(cited, x) {
			continue // the subject named elsewhere in the passage ("the Kyoto trial")
		}
		if !windowHasStem(w, x) && !paraphraseIn(x, w) && !subjectIn(x, cited) && !decisiveKinIn(x, w) {
			out = append(out, x)
		}
	}
	return out
}

// knownHan reports whether the Chinese character rs[i] is in the window as part of the same
// wording: with the character before or after it, or on its own between function characters.
// A character the window has only inside another word ("经" of "经证实" for "经常") is not
// known.
func knownHan(rs []rune, i int, window string) bool {
	if !strings.ContainsRune(window, rs[i]) {
		return false
	}
	if i > 0 && pairIn(window, rs[i-1], rs[i]) || i+1 < len(rs) && pairIn(window, rs[i], rs[i+1]) {
		return true
	}
	// On its own in the sentence (between function characters or punctuation): the character
	// as a word.
	alone := func(j int) bool { return j < 0 || j >= len(rs) || !isHan(rs[j]) || zhGlue[rs[j]] }
	return alone(i-1) && alone(i+1)
}

// pairIn reports whether the window has a then b, next to each other or with one character
// between them (an abbreviation: "心梗" of "心肌梗死", "心衰" of "心力衰竭").
func pairIn(window string, a, b rune) bool {
	var prev, prev2 rune
	for _, r := range window {
		if r == b && (prev == a || prev2 == a) {
			return true
		}
		prev, prev2 = r, prev
	}
	return false
}

// subjectIn reports whether x, a word the window lacks, is what the cited passage is about: a
// word it uses in its first sentence, such as a product or trial name ("zimislecel") or
// the people it studies ("children"), which a restatement of a later sentence may repeat.
func subjectIn(x, cited string) bool {
	for _, passage := range strings.Split(cited, "\n") {
		first := passage
		if i := strings.IndexAny(passage, "。.!?！？"); i >= 0 {
			first = passage[:i]
		}
		if isHan([]rune(x)[0]) {
			if strings.Contains(first, x) {
				return true
			}
			continue
		}
		for _, y := range latinWordRe.FindAllString(first, -1) {
			if y == x || stemOf(y) == stemOf(x) {
				return true
			}
		}
	}
	return false
}

// decisiveKinIn reports whether a decisive word the window lacks has a kin there ("较低" for
// "降低", "fewer" for "reduced"): the decisive-word checks have judged it already, polarity
// included.
func decisiveKinIn(x string, w window) bool {
	if isHan([]rune(x)[0]) {
		return slices.Contains(zhDecisive, x) && kinIn(x, func(k string) bool { return presentIn(w.text, k) })
	}
	d, ok := enDecisiveWord(x)
	return ok && kinIn(d, func(k string) bool { return windowHasPrefix(w, k) })
}

// paraphraseKin are groups of words that say the same thing in this domain, so that one in the
// sentence is not new when the window has another. Only plain synonyms and word forms belong
// here, never words of opposite or narrower meaning.
var paraphraseKin = [][]string{
	{"来源", "来自", "取自", "源自", "源于"}, {"网上", "网络", "在线", "互联网"}, {"病人", "患者"}, {"药物", "药品"},
	{"死亡", "去世", "死于"}, {"医生", "医师"}, {"自己", "本人", "自体", "自身"}, {"自身", "本人", "自体", "自己"},
	{"捐献", "捐赠", "供者"}, {"捐赠", "捐献", "供者"},
	{"die", "died", "dying", "death", "dead"}, {"descri", "report"}, {"appear", "publis"}, {"sugges", "indica"},
	{"therap", "treatm"}, {"treatm", "therap"}, {"reduct", "reduce"}, {"descri", "report"}, {"stay", "remain", "contin"}, {"remain", "stay", "contin"},
}

// paraphraseIn reports whether a word of the sentence that the window lacks has a word of the
// same meaning in it (by paraphraseKin). Chinese words match inside a longer run ("的来源").
func paraphraseIn(x string, w window) bool {
	han := isHan([]rune(x)[0])
	for _, g := range paraphraseKin {
		head := g[0]
		if han && !strings.Contains(x, head) || !han && stemOf(x) != stemOf(head) && !strings.HasPrefix(x, head) {
			continue
		}
		if han && utf8.RuneCountInString(x) > utf8.RuneCountInString(head)+1 {
			continue // more than one other character around it is another new word
		}
		for _, k := range g[1:] {
			if han && strings.Contains(w.text, k) || !han && windowHasStem(w, k) {
				return true
			}
		}
	}
	return false
}

// harmlessStems are the stems of enHarmless, and generic nouns a restatement may add for what
// the passage names ("the product" for Lantidra).
var harmlessStems = func() map[string]bool {
	m := map[string]bool{}
	for w := range enHarmless {
		m[stemOf(w)] = true
	}
	for _, w := range []string{"product", "treatment", "therapy", "disease", "condition", "basis", "patient", "age", "person"} {
		m[stemOf(w)] = true
	}
	return m
}()

func harmlessEn(x string) bool {
	return enHarmless[x] || enHarmless[stemOf(x)] || harmlessStems[stemOf(x)]
}

// harmlessRun reports whether a run of new characters is made of words of paraphrase
// ("尽管", "纳入", "最终") and single characters between them, with no two other characters
// in a row.
func harmlessRun(run string) bool {
	r := []rune(run)
	covered := make([]bool, len(r))
	for i := 0; i+1 < len(r); i++ {
		if zhHarmlessWords[string(r[i:i+2])] {
			covered[i], covered[i+1] = true, true
		}
	}
	for i := 0; i+1 < len(r); i++ {
		if !covered[i] && !covered[i+1] {
			return false
		}
	}
	return true
}

// stemOf is a crude stem: the word without a plural or past ending, at most its first six
// letters ("enrolled" and "enrolment" share "enrol").
func stemOf(x string) string {
	if strings.HasSuffix(x, "ied") || strings.HasSuffix(x, "ies") {
		x = x[:len(x)-3] + "y" // modified, studies
	}
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(x) > len(suf)+3 && strings.HasSuffix(x, suf) {
			x = x[:len(x)-len(suf)]
			break
		}
	}
	if len(x) > 6 {
		x = x[:6]
	}
	return x
}

func windowHasStem(w window, x string) bool {
	if w.words[x] {
		return true
	}
	st := stemOf(x)
	for y := range w.words {
		if stemOf(y) == st {
			return true
		}
	}
	return false
}

// Swapped numbers. In the sentence a number sits next to some words ("39 children", "survival
// at day 28"); in the passage sentence it restates, each of those words must not sit only next
// to other numbers ("40 children (39 completed)", "survival at day 100"). Each number's context
// is the two nearest content terms on either side in its clause, up to the next number.

// token is a content term or a number of a clause, in order.
type token struct {
	text   string
	number bool
	at     int // byte offset in the clause
}

// clauseTokens lists the numbers, English content words and Chinese bigrams of a clause.
func clauseTokens(clause string) []token {
	var out []token
	i := 0
	for i < len(clause) {
		if !isDigit(clause[i]) {
			// not a number: fall through to words
		} else if loc := numberRe.FindStringIndex(clause[i:]); loc != nil && loc[0] == 0 {
			out = append(out, token{clause[i : i+loc[1]], true, i})
			i += loc[1]
			continue
		}
		r, size := utf8.DecodeRuneInString(clause[i:])
		switch {
		case 'a' <= r && r <= 'z':
			j := i
			for j < len(clause) && ('a' <= clause[j] && clause[j] <= 'z' || clause[j] == '\'') {
				j++
			}
			if w := clause[i:j]; !enGlue[w] && !enHarmless[w] {
				out = append(out, token{stemOf(w), false, i})
			}
			i = j
		case isHan(r):
			r2, size2 := utf8.DecodeRuneInString(clause[i+size:])
			if isHan(r2) && !zhGlue[r] && !zhGlue[r2] {
				out = append(out, token{clause[i : i+size+size2], false, i})
			}
			i += size
		default:
			i += size
		}
	}
	return out
}

// A tie is a content term next to a value: the counted noun after it ("39 children", "7名患者")
// or the label before it ("survival was 65.1%", "比例为24.5%").
type tie struct {
	term  string
	after bool
}

// numberTies maps each value of the text (not a year, a date or a qualifier such as "2年",
// "day 28", "aged 14") to its ties, and each value to its kind (its unit: "%", "人", "项", or a
// word). Terms of segments (clauses, or parts of one joined by "and", "和", "、") without a
// value are recorded in alone. With single set, only segments with one value count: in the
// sentence, a term is tied to a number only when nothing else could be meant.
func numberTies(text string, single bool) (ties map[string]map[tie]bool, kinds map[string]string, alone map[string]bool) {
	ties, kinds, alone = map[string]map[tie]bool{}, map[string]string{}, map[string]bool{}
	for _, seg := range segments(text) {
		toks := clauseTokens(seg)
		values := 0
		for i, t := range toks {
			if t.number && isValue(seg, toks, i) {
				values++
			}
		}
		if values == 0 {
			for _, t := range toks {
				alone[t.text] = true
			}
			continue
		}
		if single && values > 1 {
			continue
		}
		for i, t := range toks {
			if !t.number || !isValue(seg, toks, i) {
				continue
			}
			if ties[t.text] == nil {
				ties[t.text] = map[tie]bool{}
			}
			kinds[t.text] = unitKind(seg[t.at+len(t.text):])
			if i > 0 && !toks[i-1].number {
				ties[t.text][tie{toks[i-1].text, false}] = true
			}
			if i+1 < len(toks) && !toks[i+1].number {
				ties[t.text][tie{toks[i+1].text, true}] = true
			}
		}
	}
	return ties, kinds, alone
}

// unitKind is what a number counts, from the text right after it.
func unitKind(rest string) string {
	r, _ := utf8.DecodeRuneInString(rest)
	if r == '年' || r == '月' {
		return "date"
	}
	switch {
	case r == '%' || strings.HasPrefix(rest, " percent"):
		return "%"
	case strings.ContainsRune(zhPeople, r):
		return "people"
	case strings.ContainsRune(zhStudies, r):
		return "studies"
	case isHan(r):
		return string(r)
	case r == ' ':
		if w := latinWordRe.FindString(rest); w != "" {
			if enPeople[w] {
				return "people"
			}
			if enStudies[w] {
				return "studies"
			}
			return "word"
		}
	}
	return ""
}

// isValue reports whether the number token toks[i] of seg is a value rather than a year or a
// qualifier.
func isValue(seg string, toks []token, i int) bool {
	n, k := toks[i].text, toks[i].at
	rest := seg[k+len(n):]
	r, _ := utf8.DecodeRuneInString(rest)
	if yearRe.MatchString(n) && len(n) == 4 {
		return true // a year is a value of its own kind
	}
	before := strings.TrimRight(seg[:k], " ")
	return !strings.ContainsRune(zhDuration, r) && !hasAnySuffix(before, "day", "days", "week", "month", "year", "aged", "age", "grade", "phase", "第") &&
		!hasAnyPrefix(strings.TrimLeft(rest, " -"), "year", "month", "week", "day", "hour")
}

func hasAnyPrefix(s string, ws ...string) bool {
	for _, w := range ws {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// swappedNumber returns a number of the sentence, a term tied to it there, and another number
// of the same kind that the window ties the term to instead, when the window never ties the
// term to the sentence's number nor uses it away from numbers. A counted noun is evidence
// enough ("39 children" where the window has "40 children"); a label only when the other
// number is in the sentence too (a swap).
func swappedNumber(sentence, window string) (string, string, string) {
	wties, wkinds, walone := numberTies(window, false)
	sties, skinds, _ := numberTies(sentence, true)
	for n, ts := range sties {
		own, ok := wties[n]
		if !ok {
			continue // a number the window lacks is the number check's business
		}
		for t := range ts {
			if own[t] || walone[t.term] {
				continue
			}
			for m, other := range wties {
				if m == n || wkinds[m] != skinds[n] || !other[t] {
					continue
				}
				return n, t.term, m
			}
		}
	}
	return "", "", ""
}

var (
	conditionOnce  sync.Once
	conditionTerms [][]string // the terms of each condition of the concept map, folded
)

// unnamedCondition returns a disease or condition the sentence names (by a term of the concept
// map) that the window does not name by the same term or a longer one containing it: "macular
// degeneration" where the passage sentence is about limbal stem-cell deficiency, "淋巴瘤" for
// "白血病". (Terms of one concept can name different diseases, so a synonym is not enough.)
func unnamedCondition(sentence, window, cited string) string {
	conditionOnce.Do(func() {
		c, err := corpus.Embedded()
		if err != nil {
			return
		}
		for _, k := range c.Concepts {
			if k.Kind != corpus.ConceptCondition {
				continue
			}
			var ts []string
			for _, t := range k.Terms {
				if t = normalize.Fold(t); t != "" {
					ts = append(ts, t)
				}
			}
			conditionTerms = append(conditionTerms, ts)
		}
	})
	for _, ts := range conditionTerms {
		for _, t := range ts {
			if !hasTerm(sentence, t) || hasTerm(window, t) {
				continue
			}
			// A synonym of the same concept in the window will do if the passages use this
			// term too, or if it is a variant of it ("心衰" for "心力衰竭", "leukemia" for
			// "leukaemia"): not another disease of the same concept ("淋巴瘤" for "白血病").
			if slices.ContainsFunc(ts, func(u string) bool { return hasTerm(window, u) && (hasTerm(cited, t) || variant(t, u)) }) {
				continue
			}
			return t
		}
	}
	return ""
}

// hasTerm reports whether text contains the term t, as a whole word when t is Latin script.
func hasTerm(text, t string) bool {
	if normalize.HasHan(t) {
		return strings.Contains(text, t)
	}
	for i := 0; ; {
		k := strings.Index(text[i:], t)
		if k < 0 {
			return false
		}
		at := i + k
		end := at + len(t)
		if (at == 0 || !isWordByte(text[at-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		i = at + 1
	}
}

func isWordByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// Chinese counts keep their classifier: "46名女士" is not supported by "46岁女士", nor "20项"
// by "20个". Classifiers of people (人名例位) and of studies (项篇) stand for each other.
const zhClassifiers = "个名项例人次家种组位所篇类州国条批剂针轮份处"

func countUnit(rest string) rune {
	r, _ := utf8.DecodeRuneInString(rest)
	if strings.ContainsRune(zhClassifiers, r) {
		return r
	}
	return 0
}

// countedAs reports whether text has num followed by the classifier u or one of its kin.
func countedAs(text, num string, u rune) bool {
	kin := string(u)
	switch {
	case strings.ContainsRune(zhPeople, u):
		kin = zhPeople
	case strings.ContainsRune(zhStudies, u):
		kin = zhStudies
	}
	for i := 0; ; {
		k := strings.Index(text[i:], num)
		if k < 0 {
			return false
		}
		at, end := i+k, i+k+len(num)
		if (at == 0 || !isDigitOrDot(text[at-1])) && strings.ContainsRune(kin, countUnit(text[end:])) && countUnit(text[end:]) != 0 {
			return true
		}
		i = at + 1
	}
}

// Chinese names of organisations carry no capitals for the name check: "清华大学" for "北京大学",
// "国家药监局" for "原卫生部". Each must be in the cited passages: the suffix with the two
// characters before it, unless those are not a name ("一家医院", "这所大学").
var zhOrgRe = regexp.MustCompile(`\p{Han}{2}(?:大学|医院|医学院|组织|公司|集团|协会|学会|委员会|管理局|药监局|监管局|研究所|研究院|卫健委|卫生部|团队)`)

func unnamedOrganisation(sentence, cited string) string {
	for _, m := range zhOrgRe.FindAllString(sentence, -1) {
		r := []rune(m)
		if zhGlue[r[0]] || zhGlue[r[1]] || strings.ContainsRune("家所个该其本某多各", r[0]) || strings.ContainsRune("家所个该其本某多各", r[1]) {
			continue
		}
		if !strings.Contains(cited, m) {
			return m
		}
	}
	return ""
}

// Groups of a trial. "对照组发热更常见" where the passage has "细胞组发热更常见" uses only the
// passage's words; what is wrong is which group it says it of. A clause of the sentence that
// names a group must not match only clauses of the window that name another group.
var groupWords = []string{"细胞组", "对照组", "安慰剂组", "治疗组", "移植组", "药物组", "placebo", "control group", "cell group",
	"treated group", "treatment group", "cell-treated"}

func swappedRole(sentence, window string) (string, string) {
	wclauses := splitClauses(window)
	for _, c := range splitClauses(sentence) {
		var role string
		for _, g := range groupWords {
			if strings.Contains(c, g) {
				role = g
				break
			}
		}
		if role == "" {
			continue
		}
		want := termSet(strings.ReplaceAll(c, role, " "))
		matched, withRole, other := 0, 0, ""
		for _, wc := range wclauses {
			n := 0
			for t := range termSet(strings.ReplaceAll(wc, role, " ")) {
				if want[t] {
					n++
				}
			}
			if n < 2 {
				continue
			}
			matched++
			if strings.Contains(wc, role) {
				withRole++
				continue
			}
			for _, g := range groupWords {
				if g != role && strings.Contains(wc, g) {
					other = g
				}
			}
		}
		if matched > 0 && withRole == 0 && other != "" {
			return role, other
		}
	}
	return "", ""
}

// variant reports whether two terms of one concept are forms of one name: Chinese terms sharing
// two characters, Latin ones sharing their first five letters.
func variant(a, b string) bool {
	if normalize.HasHan(a) != normalize.HasHan(b) {
		return false
	}
	if !normalize.HasHan(a) {
		return len(a) >= 5 && len(b) >= 5 && a[:5] == b[:5]
	}
	n := 0
	for _, r := range a {
		if strings.ContainsRune(b, r) {
			n++
		}
	}
	return n >= 2
}
