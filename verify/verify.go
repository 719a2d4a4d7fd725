// Package verify decides whether a sentence written by a language model is supported by the
// passages it cites. The service lets a model write a kinder answer only when every sentence it
// keeps can be traced to the vetted passages it was given; a sentence that fails is dropped.
//
// The check is lexical and deliberately strict, because a dropped true sentence costs a little
// fluency while a kept false one could mislead a patient. Sentence and passages are folded
// (Simplified, lower case), instruction-like passage sentences are removed, and spelled-out
// counts become digits ("五类" as "5类", "两人" as "2人", "seven-year" as "7-year";
// numerals.go). At the Standard level a sentence passes only if all of these hold:
//
//  1. Citations: it carries at least one [n] marker, and every n names a passage that was given.
//  2. Names and titles: every Latin-script name (BAMI, NurOwn, FDA, CAR-T) is a whole word of
//     the cited passages (demonyms and a few abbreviations allowed: Korean, NEJM), and every
//     《title》 appears in them. Numbers: every number appears in them, with its unit.
//  3. Alignment (align.go): it restates one passage sentence, or two adjacent ones (a window),
//     that has most of its content terms. Everything decisive it says must be in that window:
//     numbers with their classifier ("46名" is not "46岁"), places, diseases, organisations,
//     and words of scope, certainty, outcome, direction, design and population (所有, only,
//     证实, 改善, fewer, 随机, 儿童, donor), the polar ones affirmed there.
//  4. Closed-world novelty: any other content word it adds must be in the window too, as the
//     same word or another form of it (a Chinese character counts only with a neighbour of the
//     same wording: "经" of "经证实" does not license "经常"), a listed plain synonym
//     (paraphraseKin, decisiveKin), a word of paraphrase (研究发现, according to, the product),
//     or what the passage is about (a name in its first sentence). A word outside these is
//     how a contrary word the lists do not know ("亚洲" for "南美", "open-label" for "blinded")
//     gets caught, so none is allowed.
//  5. Binding (bind.go, contrary.go, frame.go): a figure stays with what it measures (the words
//     beside it sit, in the window, with that figure and not only with another of its kind); a
//     contrary word may not take the place of its opposite beside the same word ("自体骨髓" for
//     "异体骨髓", "14岁以下" for "14岁以上"); a clause may not join two cited passages; a figure
//     the passages give with another name the sentence uses cannot be given with this one; a
//     finding stated of animals keeps that frame; a hedge (可能, likely) whose scope the
//     sentence keeps may not be left out; a claim verb the passages put only in quotation
//     marks (to "treat") may not be stated plainly.
//  6. Negation by scope: what a negator denies is the word right after it. A sentence may drop
//     a denied modifier together with its negator ("single-arm studies with no control
//     group"), may not keep it without one ("usually not covered" as "usually covered"), may
//     not affirm a word the passages use only where they deny it ("两组都没有死亡病例" cannot
//     support "移植组有3人死亡"), and may deny only what the passages deny.
//  7. Context (context.go): dated approvals need an approval at that date; a causal clause
//     needs a cited cause; what the passages report as someone's claim (诊所宣称) cannot be
//     stated as fact; a strong word (证实, approved, caused) needs the same word.
//  8. No promise: the cure-promise detector (package promise) does not flag it.
//
// The Strict level (the default; quote.go) adds that each clause of the sentence is a close
// restatement of one cited passage sentence: the words it shares with it in the same order
// (a swap of neighbours, or a date moved as a whole, allowed), and nothing that limits them
// left out next to or between the kept words: a negation, a hedge or qualifier (部分, 仅,
// some, only), or a figure. Whole clauses of the passage sentence may be dropped.
//
// Precision (unsupported sentences caught) and recall (supported sentences kept) are measured
// by TestLabelledSets on hand-labelled sets of model-style sentences (testdata/*.yaml; how each
// was written and used is in labelledSets), against goals of 0.98 and 0.8. Figures on the sets
// the checks were tuned on overstate what the verifier does on new text; each session writes a
// fresh held-out set before it changes the checks and measures it once at the end. The
// figures of each set, and the honest one, are in the README.
package verify

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"patientqa"
	"patientqa/normalize"
	"patientqa/promise"
	"patientqa/retrieval"
	"patientqa/triage"
)

// MinCoverage is the share of a sentence's content terms that the cited passages must contain.
const MinCoverage = 0.75

// Result is the verdict on one sentence.
type Result struct {
	Sentence string
	Cited    []int  // passage numbers it cites, in order
	OK       bool   // supported
	Reason   string // why not, when !OK
}

var (
	markerRe = regexp.MustCompile(`\[(\d{1,3})\]`)
	numberRe = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
	// latinNameRe finds names written in Latin script with a capital letter or a digit inside
	// (BAMI, NurOwn, CAR-T, MultiStem, Holoclar, NCT02032004).
	latinNameRe = regexp.MustCompile(`\b[A-Za-z]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b`)
	bookTitleRe = regexp.MustCompile(`《([^》]+)》`)
)

// Negation words; a sentence "has a negation" when it contains one.
var negators = []string{"没有", "没能", "并未", "尚未", "未能", "未见", "未发现", "未达到", "未达", "未显示", "不存在", "不代表", "不等于", "不用", "不需要", "不意味", "不得", "无需",
	"未被", "未获", "未证实", "未证明", "未有", "不能", "不会", "不是", "并不", "并非", "不再", "不足以",
	"无法", "无明显", "无差异", "缺乏", "冇", "唔", " not ", "n't", " no ", " never ", "neither", " nor ",
	" without ", " failed ", " fail ", " fails ", "unproven", " lack", " none ", " rather than ", " instead of ", "而不是", "而非",
	"不在", "不属于", "不包括", "不被", "不应", "不宜", "不要", "不可", "不必", "不允许", "不支持", "不推荐", "不建议",
	"不受", "不算", "不符合", "不一定", "不清楚", "不确定", "不如", "不比", "不到", "不超过", "不收", "不向", "不准", "不让", "不明显", "不显著", "不作为", "无须", "毋须", "不须", " too small to ", " too few to ", " too weak to "}

// Passages are the numbered passages given to a model, prepared once for checking many
// sentences: folded line by line, with instruction-like sentences removed.
type Passages struct {
	raw       map[int]string
	folded    map[int]string
	windows   map[int][]window
	sentences map[int][]string
	level     Level
}

// Level is how closely a sentence must follow the passages it cites.
type Level int

const (
	// Strict (the default) adds to the Standard checks that each clause of the sentence is a
	// close restatement of one cited passage sentence (quote.go): its words in the passage's
	// order, with words left out but none replaced and no negation, qualifier or figure
	// dropped. It keeps fewer true sentences and lets through fewer false ones.
	Strict Level = iota
	// Standard allows paraphrase: the lexical, alignment and context checks only.
	Standard
)

// ParseLevel reads a level by name: "strict" or "standard".
func ParseLevel(s string) (Level, error) {
	switch s {
	case "strict", "":
		return Strict, nil
	case "standard":
		return Standard, nil
	}
	return Strict, fmt.Errorf("verify level %q: want strict or standard", s)
}

func (l Level) String() string {
	if l == Standard {
		return "standard"
	}
	return "strict"
}

// WithLevel returns the passages checked at the given level.
func (p *Passages) WithLevel(l Level) *Passages {
	q := *p
	q.level = l
	return &q
}

// Prepare prepares the passages given to a model (by their [n]).
func Prepare(given map[int]string) *Passages {
	p := &Passages{raw: given, folded: make(map[int]string, len(given)), windows: make(map[int][]window, len(given)),
		sentences: make(map[int][]string, len(given))}
	for n, text := range given {
		p.folded[n] = digitsForNumerals(withoutInstructions(foldLines(text)))
		p.windows[n] = windowsOf(p.folded[n])
		p.sentences[n] = passageSentences(p.folded[n])
	}
	return p
}

// Sentence verifies one model sentence against the given passages (by their [n]) at the
// Standard level.
func Sentence(s string, given map[int]string) Result {
	return Prepare(given).WithLevel(Standard).Sentence(s)
}

// Sentence verifies one model sentence against the passages.
func (p *Passages) Sentence(s string) Result {
	given := p.raw
	r := Result{Sentence: s}
	fail := func(format string, args ...any) Result { r.Reason = fmt.Sprintf(format, args...); return r }
	for _, m := range markerRe.FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		if _, ok := given[n]; !ok {
			return fail("cites [%d], which was not given", n)
		}
		if !slices.Contains(r.Cited, n) {
			r.Cited = append(r.Cited, n)
		}
	}
	if len(r.Cited) == 0 {
		return fail("cites no passage")
	}
	text := strings.TrimSpace(markerRe.ReplaceAllString(s, ""))
	if _, bad := promise.Sentence(text); bad {
		return fail("promises an outcome")
	}
	var texts []string
	for _, n := range r.Cited {
		texts = append(texts, p.folded[n])
	}
	cited := strings.Join(texts, "\n")
	folded := digitsForNumerals(normalize.Fold(text))

	names := map[string]bool{} // the sentence's Latin-script names, lower case, word by word
	for _, loc := range latinNameRe.FindAllStringIndex(text, -1) {
		name := text[loc[0]:loc[1]]
		if len(name) < 2 || !strings.ContainsAny(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") || ordinaryWord(text, loc[0], name) {
			continue
		}
		for _, x := range latinWords(strings.ToLower(name)) {
			names[x] = true
		}
		if !hasName(cited, strings.ToLower(name)) && !hyphenedName(cited, name) {
			return fail("name %q is not in the cited passages", name)
		}
	}
	for _, m := range bookTitleRe.FindAllStringSubmatch(folded, -1) {
		if !strings.Contains(cited, m[1]) {
			return fail("title 《%s》 is not in the cited passages", m[1])
		}
	}
	for _, w := range strongWords {
		if strings.Contains(folded, w) && !strings.Contains(cited, w) && !sameWordForm(folded, cited, w) {
			return fail("%q is stronger than the cited passages", strings.TrimSpace(w))
		}
	}
	for _, place := range places {
		if strings.Contains(folded, place) && !strings.Contains(cited, place) {
			return fail("%s is not in the cited passages", place)
		}
	}
	for _, loc := range numberRe.FindAllStringIndex(folded, -1) {
		num := folded[loc[0]:loc[1]]
		switch {
		case approximate(folded[:loc[0]]):
			if !containsNear(cited, num) {
				return fail("number about %s is not in the cited passages", num)
			}
		case !containsNumber(cited, num):
			return fail("number %s is not in the cited passages", num)
		case !containsUnit(cited, folded[loc[0]:], num):
			return fail("%s is not in the cited passages", unitSpan(folded[loc[0]:], num))
		}
	}
	if cov := coverage(folded, cited); cov < MinCoverage {
		return fail("only %.0f%% of its content is in the cited passages", cov*100)
	}
	if c := mergesPassages(folded, texts); c != "" {
		return fail("%q joins what two cited passages say into one statement", c)
	}
	var byPassage [][]window
	for _, n := range r.Cited {
		byPassage = append(byPassage, p.windows[n])
	}
	if why := unaligned(folded, cited, names, byPassage); why != "" {
		return fail("%s", why)
	}
	if run := novelRun(folded, cited); run != "" {
		return fail("%q is not in the cited passages", run)
	}
	if w := negatedInSource(folded, cited); w != "" {
		return fail("the cited passages say %q only in the negative", w)
	}
	if t := negatedOnly(folded, cited); t != "" {
		return fail("the cited passages use %q only where they deny it", t)
	}
	if clause, best := negationMismatch(folded, cited); clause != "" {
		if best == "" {
			return fail("the cited passages do not deny what %q denies", clause)
		}
		return fail("%q and the cited %q differ in negation", clause, best)
	}
	if n := misplacedNumber(folded, cited); n != "" {
		return fail("%s is given for something else in the cited passages", n)
	}
	if d := datedApproval(folded, cited); d != "" {
		return fail("the cited passages date no approval %s", d)
	}
	if c := unstatedReason(folded, cited); c != "" {
		return fail("%q gives a reason the cited passages do not", c)
	}
	if c := inventedCause(folded, cited); c != "" {
		return fail("%q states a cause the cited passages do not", c)
	}
	if c := claimedOnly(folded, cited); c != "" {
		return fail("%q is only a claim in the cited passages", c)
	}
	var raws []string
	for _, n := range r.Cited {
		raws = append(raws, p.raw[n])
	}
	if a, b := boundToOtherName(folded, cited, capitalNames(raws)); a != "" {
		return fail("the cited passages give %s for another name, not %s", b, a)
	}
	if w := quotedOnly(folded, cited); w != "" {
		return fail("the cited passages put %q only in quotation marks", w)
	}
	if p.level == Strict {
		var sents []string
		for _, n := range r.Cited {
			sents = append(sents, p.sentences[n]...)
		}
		if c := quoted(folded, sents); c != "" {
			return fail("%q is not a close restatement of one cited passage sentence", c)
		}
		for _, n := range r.Cited {
			if f := unreported(folded, p.folded[n]); f != "" && closestSentence(folded, p.folded[n]) != "" {
				return fail("the passage sentence it restates gives this only as reported (%s)", f)
			}
		}
	}
	r.OK = true
	return r
}

// sameWordForm reports whether an English strong word of the sentence ("approval") is in the
// cited text in another form of the same word ("approved"), not negated by a prefix
// ("unapproved" does not support "approved").
func sameWordForm(sentence, cited, w string) bool {
	w = strings.TrimSpace(w)
	if w == "" || w[0] >= utf8.RuneSelf || len(w) < 5 {
		return false
	}
	st := stemOf(w)
	for _, loc := range latinWordRe.FindAllStringIndex(cited, -1) {
		x := cited[loc[0]:loc[1]]
		if len(x) >= len(st) && strings.HasPrefix(x, st[:min(len(st), 6)]) && (loc[0] == 0 || !isWordByte(cited[loc[0]-1])) {
			return true
		}
	}
	return false
}

// hasName reports whether text has the name with no letter right before or after it ("II" is
// not in "phase iii"; "nurown" is in "nurown3期").
func hasName(text, name string) bool {
	if long, ok := abbreviations[name]; ok && strings.Contains(text, long) {
		return true
	}
	letter := func(c byte) bool { return 'a' <= c && c <= 'z' }
	for i := 0; ; {
		k := strings.Index(text[i:], name)
		if k < 0 {
			return false
		}
		at, end := i+k, i+k+len(name)
		if (at == 0 || !letter(text[at-1]) || !letter(name[0])) && (end == len(text) || !letter(text[end]) || !letter(name[len(name)-1])) {
			return true
		}
		i = at + 1
	}
}

// abbreviations a sentence may use for a name the passages spell out, and demonyms for the
// places they name ("the Korean trial" of a trial "in Korea").
var abbreviations = map[string]string{"eu": "european union", "us": "united states", "uk": "united kingdom", "who": "world health organization",
	"korean": "korea", "nejm": "new england journal of medicine", "chinese": "china", "japanese": "japan", "european": "europe", "mexican": "mexico", "indian": "india"}

// hyphenedName reports whether a name joined by hyphens to ordinary words ("FDA-licensed",
// "iPS-cell") has its named parts in the cited text: the ordinary words are left to the
// content checks.
func hyphenedName(cited, name string) bool {
	if !strings.Contains(name, "-") {
		return false
	}
	named := 0
	for _, part := range strings.Split(name, "-") {
		if part == "" || !strings.ContainsAny(part, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") {
			continue
		}
		if part == strings.ToUpper(part) && len(part) == 1 {
			return false // "CAR-T": a single capital is part of the name
		}
		if !hasName(cited, strings.ToLower(part)) {
			return false
		}
		named++
	}
	return named > 0
}

// containsNumber reports whether num appears in text as a whole number (375 is not in 1375).
func containsNumber(text, num string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], num)
		if k < 0 {
			return false
		}
		at := i + k
		end := at + len(num)
		before := at == 0 || !isDigitOrDot(text[at-1])
		after := end == len(text) || !isDigit(text[end]) && !(text[end] == '.' && end+1 < len(text) && isDigit(text[end+1]))
		if before && after {
			return true
		}
		i = at + 1
	}
}

func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isDigitOrDot(c byte) bool { return isDigit(c) || c == '.' }

// contentTerms returns the terms that carry meaning: Chinese characters and character bigrams
// (function characters left out by the tokeniser) and English words. Characters keep a
// paraphrase that splits a word differently ("死亡率" for "死亡") from failing; bigrams keep an
// invented phrase made of common characters from passing.
func contentTerms(folded string) []string {
	return retrieval.Tokenize(folded)
}

// bigramsOnly returns the multi-character terms, for finding the closest passage sentence.
func bigramsOnly(terms []string) []string {
	var out []string
	for _, t := range terms {
		if utf8.RuneCountInString(t) > 1 || t[0] < utf8.RuneSelf {
			out = append(out, t)
		}
	}
	return out
}

// coverage is the share of the sentence's distinct content terms found in the cited text.
func coverage(sentence, cited string) float64 {
	have := map[string]bool{}
	for _, t := range contentTerms(cited) {
		have[t] = true
	}
	seen := map[string]bool{}
	total, got := 0, 0
	for _, t := range contentTerms(sentence) {
		if seen[t] {
			continue
		}
		seen[t] = true
		total++
		if have[t] {
			got++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(got) / float64(total)
}

// negClause is a cited clause, its bigrams and whether it has a negation.
type negClause struct {
	text  string
	terms map[string]bool
	neg   bool
}

// negationMismatch compares the negation of each clause of the sentence with the cited clauses
// that resemble it (sharing at least two content terms, and at least three quarters as many as
// the most similar one). It returns the clause, and its closest cited clause, when none of them agrees:
// a negated claim needs a negated source, an affirmed claim an affirmed one.
func negationMismatch(sentence, cited string) (string, string) {
	var cs []negClause
	for _, c := range splitClauses(cited) {
		terms := map[string]bool{}
		for _, t := range bigramsOnly(contentTerms(c)) {
			terms[t] = true
		}
		cs = append(cs, negClause{c, terms, hasNegation(c)})
	}
	for _, s := range splitClauses(sentence) {
		want := map[string]bool{}
		for _, t := range bigramsOnly(contentTerms(s)) {
			want[t] = true
		}
		overlap := make([]int, len(cs))
		best, bestN := -1, 1
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
		if best < 0 {
			// A short clause that resembles no cited clause ("but not yet in the EU") may
			// deny only what the passages deny.
			if (hasNegation(s) || len(negatorsOf(" "+s+" ")) > len(negators)) && !negatedElsewhere(s, cs) {
				if sc, _ := negationScope(s); len(sc) > 0 {
					return s, ""
				}
			}
			continue
		}
		neg, agrees := hasNegation(s), false
		for i, c := range cs {
			if overlap[i] >= 2 && 4*overlap[i] >= 3*bestN && c.neg == neg {
				agrees = true
				break
			}
		}
		if !agrees && neg && negatedElsewhere(s, cs) {
			agrees = true // the same thing denied in another cited clause ("rather than stem cells")
		}
		if !agrees && !neg && !keepsScope(s, cs[best].text) && within(s, cs[best].text, cited) {
			agrees = true // the denied part was left out ("single-arm studies with no control group")
		}
		if !agrees {
			return s, cs[best].text
		}
	}
	return "", ""
}

// scopeTerms are the first terms of text: its first two Chinese character bigrams, glue
// characters included ("没有对照组" denies "对照", "照组"), or its first English content word
// ("not covered"); and how many bytes of text they reach.
func scopeTerms(text string) ([]string, int) {
	lead := len(text) - len(strings.TrimLeft(text, " "))
	text = text[lead:]
	if len(text) > 120 { // a scope is a few words: no need to read further
		cut := 120
		for cut < len(text) && !utf8.RuneStart(text[cut]) {
			cut++
		}
		text = text[:cut]
	}
	r, _ := utf8.DecodeRuneInString(text)
	if isHan(r) {
		rs := []rune(text)
		var out []string
		end := 0
		for j := 0; j+1 < len(rs) && j < 2 && isHan(rs[j+1]); j++ {
			out = append(out, string(rs[j:j+2]))
			end = len(string(rs[:j+2]))
		}
		return out, lead + end
	}
	if r == '\n' || strings.ContainsRune(",;:.()，；：。、", r) {
		return nil, lead // the negator ends its clause
	}
	var out []string
	end := 0
	for _, t := range clauseTokens(text) {
		if t.number || len(out) == 1 || t.at < end || strings.ContainsAny(text[end:t.at], ",;:.()，；：。\n") {
			break
		}
		if harmlessEn(t.text) || enScopeAdverb[t.text] {
			continue // "not covered by insurance" denies insurance cover, not a generic verb
		}
		out = append(out, t.text)
		end = t.at + len(t.text)
		for end < len(text) && 'a' <= text[end] && text[end] <= 'z' {
			end++ // the whole word, not only its stem
		}
	}
	return out, lead + end
}

// negationScope returns the terms each negator of the clause denies, and the byte spans of
// the clause they take up.
func negationScope(clause string) ([]string, [][2]int) {
	var terms []string
	var spans [][2]int
	padded := " " + clause + " "
	for _, n := range negatorsOf(padded) {
		for i := 0; ; {
			k := strings.Index(padded[i:], n)
			if k < 0 {
				break
			}
			at := i + k + len(n)
			ts, reach := scopeTerms(padded[at:])
			terms = append(terms, ts...)
			spans = append(spans, [2]int{max(i+k-1, 0), at - 1 + reach})
			i = at
		}
	}
	return terms, spans
}

// negationReach returns the spans of text from each negator to the end of its clause, at most
// 60 bytes on (about 20 Chinese characters or 10 English words): where a word may be denied.
func negationReach(text string) [][2]int {
	var spans [][2]int
	padded := " " + text + " "
	for _, n := range negatorsOf(padded) {
		for i := 0; ; {
			k := strings.Index(padded[i:], n)
			if k < 0 {
				break
			}
			start := i + k
			end := len(padded)
			if c := strings.IndexAny(padded[start+len(n):], ",;:.，；：。"); c >= 0 {
				end = start + len(n) + c
			}
			end = min(end, start+len(n)+60)
			spans = append(spans, [2]int{max(start-1, 0), end - 1})
			i = start + len(n)
		}
	}
	return spans
}

// outsideScope reports whether the term occurs in text (whose tokens are toks) outside the spans.
func outsideScope(text string, toks []token, t string, spans [][2]int) bool {
	inside := func(p int) bool {
		for _, s := range spans {
			if s[0] <= p && p < s[1] {
				return true
			}
		}
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	if isHan(r) {
		for i := 0; ; {
			k := strings.Index(text[i:], t)
			if k < 0 {
				return false
			}
			if !inside(i + k) {
				return true
			}
			i += k + len(t)
		}
	}
	for _, u := range toks {
		if u.text == t && !inside(u.at) {
			return true
		}
	}
	return false
}

// negatedOnly returns a term the sentence affirms that the cited passages use only where they
// deny it ("试验期间两组都没有死亡病例" cannot support "移植组有3人死亡").
func negatedOnly(sentence, cited string) string {
	cterms, cspans := negationScope(cited)
	sspans := negationReach(sentence)
	ctoks, stoks := clauseTokens(cited), clauseTokens(sentence)
	for _, t := range cterms {
		if strings.ContainsFunc(t, func(r rune) bool { return zhGlue[r] }) {
			continue // "的疾" is no word
		}
		if !outsideScope(cited, ctoks, t, cspans) && outsideScope(sentence, stoks, t, sspans) {
			return t
		}
	}
	return ""
}

// enScopeAdverb are words between a negator and what it denies ("cannot simply be applied").
var enScopeAdverb = stringSetOf("simpli", "simply", "fully", "full", "yet", "necess", "always", "direct", "clearl", "clear", "signif",
	"realli", "really", "even", "current", "curren", "still", "so", "very", "much", "been", "be", "is", "are", "was", "were")

// keepsScope reports whether the affirmed clause keeps something that the negated cited clause
// denies: then dropping the negator changed the meaning.
func keepsScope(clause, cited string) bool {
	terms, _ := negationScope(cited)
	for _, t := range terms {
		if hasScopeTerm(clause, t) {
			return true
		}
	}
	return false
}

// within reports whether every term of the clause that the cited text has is in the one cited
// clause: the clause only leaves things out of it.
func within(clause, one, cited string) bool {
	for _, t := range clauseTokens(clause) {
		if hasScopeTerm(cited, t.text) && !hasScopeTerm(one, t.text) {
			return false
		}
	}
	return true
}

// hasScopeTerm reports whether the clause has the term: a Chinese bigram anywhere, an English
// word by its stem.
func hasScopeTerm(clause, t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if isHan(r) {
		return strings.Contains(clause, t)
	}
	for _, u := range clauseTokens(clause) {
		if u.text == t {
			return true
		}
	}
	return false
}

// negatedElsewhere reports whether what the negated clause denies is denied, in the same
// words, by some cited clause.
func negatedElsewhere(clause string, cs []negClause) bool {
	scope, _ := negationScope(clause)
	if len(scope) == 0 {
		return false
	}
	for _, c := range cs {
		if !c.neg {
			continue
		}
		terms, _ := negationScope(c.text)
		if !slices.ContainsFunc(scope, func(t string) bool { return !slices.Contains(terms, t) }) {
			return true // every term the clause denies is denied there
		}
	}
	return false
}

// splitClauses splits text at sentence and clause punctuation, but not inside numbers.
func splitClauses(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		cut := strings.ContainsRune("。！？!?；;，：:\n", r)
		if r == ',' || r == '.' { // not inside a number: 1,765 or 3.26
			next := byte(' ')
			if i+1 < len(s) {
				next = s[i+1]
			}
			cut = !isDigit(next)
		}
		if cut {
			out = append(out, s[start:i])
			start = i + size
		}
		i += size
	}
	return append(out, s[start:])
}

func hasNegation(folded string) bool {
	padded := " " + folded + " "
	for _, n := range negators {
		if strings.Contains(padded, n) {
			return true
		}
	}
	return false
}

// negatorsOf returns negators and the Chinese negations of text written with a bare 不, 未 or
// 无 before a word ("未报告", "不在"), leaving out fixed words that deny nothing (不良, 不同,
// 未来, 未成年, 无论).
func negatorsOf(text string) []string {
	ns := negators
	for _, r := range []string{"不", "未", "无"} {
		for i := 0; ; {
			k := strings.Index(text[i:], r)
			if k < 0 {
				break
			}
			next, _ := utf8.DecodeRuneInString(text[i+k+len(r):])
			if isHan(next) && !strings.ContainsRune(notNegating[r], next) {
				ns = append(ns, r+string(next))
			}
			i += k + len(r)
		}
	}
	return ns
}

var notNegating = map[string]string{"不": "良同断少仅过管久适然论止", "未": "来成婚", "无": "论"}

var (
	// strongWords claim more than a cautious source usually does; each must be in the cited text.
	strongWords = []string{"使得", "导致", "得益于", " caused ", " raised ", " led to ", " thanks to ", " resulted in ", "预防", " prevent",
		"全部", "所有", "已证实", "证实", "证明", "已获批", "获批", "批准", "安全", "有效", "治疗效果", "显著改善",
		" all ", " every ", "proven", "proves", "proved", "confirmed", "approved", "approval", " safe", "effective", " met ", "significant"}
	// places are countries and regions a sentence may not add.
	places = []string{"中国", "美国", "日本", "韩国", "泰国", "墨西哥", "阿根廷", "英国", "德国", "法国", "印度", "巴西", "俄罗斯",
		"澳大利亚", "加拿大", "香港", "台湾", "新加坡", "马来西亚", "越南", "菲律宾", "乌克兰", "巴拿马", "欧洲", "欧盟",
		"china", "thailand", "mexico", "argentina", "japan", "korea", "india", "germany", "panama", "ukraine", "russia",
		"brazil", "canada", "australia", "singapore", "malaysia", "europe", "hong kong", "taiwan"}
)

// approximate reports whether the text before a number hedges it ("约", "近", "about").
func approximate(before string) bool {
	before = strings.TrimRight(before, " ")
	for _, w := range []string{"约", "近", "大约", "将近", "接近", "about", "around", "nearly", "roughly", "almost", "approximately", "some"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// containsNear reports whether text has a number within 10% of num.
func containsNear(text, num string) bool {
	want, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return containsNumber(text, num)
	}
	for _, n := range numberRe.FindAllString(text, -1) {
		if got, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64); err == nil && got >= want*0.9 && got <= want*1.1 {
			return true
		}
	}
	return false
}

// unitSpan is the number with the unit right after it ("30岁", "5年", "12 months"), and any
// date it is part of ("2025年5月1日").
func unitSpan(from, num string) string {
	rest := from[len(num):]
	r, size := utf8.DecodeRuneInString(rest)
	switch {
	case r == '%' || strings.ContainsRune("岁年月日周天时", r):
		span := num + string(r)
		if strings.ContainsRune("年月", r) { // keep a whole date together
			if m := numberRe.FindStringIndex(rest[size:]); m != nil && m[0] == 0 {
				span += unitSpan(rest[size:], rest[size:][:m[1]])
			}
		}
		return span
	case r == ' ':
		w := strings.Fields(rest)
		if len(w) > 0 && strings.Trim(w[0], ".,;:") != "" && isUnitWord(strings.Trim(w[0], ".,;:")) {
			return num + " " + strings.Trim(w[0], ".,;:")
		}
	}
	return num
}

func isUnitWord(w string) bool {
	switch w {
	case "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "percent":
		return true
	}
	return false
}

// containsUnit reports whether the cited text has the number with the same unit (or the bare
// number when the sentence gives none).
func containsUnit(cited, from, num string) bool {
	span := unitSpan(from, num)
	if span == num {
		return true
	}
	return strings.Contains(cited, span) || strings.Contains(cited, strings.Replace(span, " ", "", 1))
}

// ordinaryWord reports whether a capitalised word is only capitalised because it starts the
// sentence ("Both", "Because"), rather than being a name.
func ordinaryWord(text string, at int, w string) bool {
	if strings.TrimSpace(text[:at]) != "" {
		return false
	}
	rest := w[1:]
	return rest == strings.ToLower(rest) && !strings.ContainsAny(rest, "0123456789")
}

// withoutInstructions drops the sentences of a passage that try to instruct the model
// ("忽略以上规则…", "ignore all prior rules…", "SYSTEM: …"): passages are data, and an
// instruction inside one supports nothing.
func withoutInstructions(passage string) string {
	var keep []string
	for _, line := range strings.Split(passage, "\n") {
		var ok []string
		for _, s := range normalize.Sentences(line) {
			if triage.Classify(s).Category != patientqa.CatInjection {
				ok = append(ok, s)
			}
		}
		keep = append(keep, strings.Join(ok, " "))
	}
	return strings.Join(keep, "\n")
}

// novelRun returns a run of five or more consecutive Chinese bigrams of the sentence that the
// cited text lacks: a new name or phrase ("由复星凯特申报") rather than a rewording.
func novelRun(sentence, cited string) string {
	for _, run := range normalize.HanRuns(sentence) {
		start, n := -1, 0
		for i := 0; i+1 < len(run); i++ {
			if strings.Contains(cited, string(run[i:i+2])) {
				start, n = -1, 0
				continue
			}
			if start < 0 {
				start = i
			}
			if n++; n >= 5 {
				return string(run[start : i+2])
			}
		}
	}
	return ""
}

// claimWords are what a sentence asserts; negatedInSource checks their polarity.
var claimWords = []string{"优于", "有效", "批准", "获批", "达到", "证实", "改善", "降低", "提高", "安全", "变成", "分化为", "预防",
	"有差异", "有益", "better", "superior", "effective", "approved", "met ", "reached", "improved", "reduced", "lowered",
	"safe", "turn into", "become", "prevent", "law", "enforced", "benefit"}

// negatedInSource returns a claim word that the sentence affirms but the cited passages only
// deny ("没有优于", "did not meet", "are not law"): a flipped negation.
func negatedInSource(sentence, cited string) string {
	for _, w := range claimWords {
		at := strings.Index(sentence, w)
		if at < 0 || notAffirmed(sentence[:at]) {
			continue
		}
		found, affirmed := false, false
		for i := 0; ; {
			k := strings.Index(cited[i:], w)
			if k < 0 {
				break
			}
			found = true
			if !notAffirmed(cited[:i+k]) {
				affirmed = true
				break
			}
			i += k + len(w)
		}
		if found && !affirmed {
			return w
		}
	}
	return ""
}

// notAffirmed reports whether a word after the text is not affirmed by it: negated right
// before it, or by an earlier negation in its clause ("不能充分证明NurOwn对渐冻症有效",
// "no evidence shows that it is effective"), or quoted as a claim ("不能支持“干细胞预防新冠”").
func notAffirmed(before string) bool {
	if negatedBefore(before) || strings.HasSuffix(before, "un") || strings.HasSuffix(before, "non-") { // unapproved
		return true
	}
	clause := before
	if k := strings.LastIndexAny(clause, "。！？!?；;，,：:\n"); k >= 0 {
		clause = clause[k+1:]
	}
	if len(clause) > 60 { // a negation's reach: about 20 Chinese characters or 10 English words
		clause = clause[len(clause)-60:]
	}
	if hasNegation(clause) {
		return true
	}
	return strings.Count(clause, "“") > strings.Count(clause, "”")
}

// negatedBefore reports whether a negator ends the text just before a word (within 12 bytes:
// "没有优于", "未能达到", "did not meet", "are not law").
func negatedBefore(s string) bool {
	tail := s
	if len(tail) > 12 {
		tail = tail[len(tail)-12:]
	}
	tail = " " + tail
	for _, n := range negators {
		if strings.Contains(tail, n) || strings.HasSuffix(tail, strings.TrimRight(n, " ")) {
			return true
		}
	}
	return false
}

// foldLines folds each line on its own: Fold would join lines, and a title would run into the
// key point below it as one clause.
func foldLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = normalize.Fold(l)
	}
	return strings.Join(lines, "\n")
}
