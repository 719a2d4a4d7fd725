// Package promise detects cure promises and hype in Chinese (Simplified and Traditional,
// Cantonese included) and English text: the sentences a medical Q&A service must never say.
//
// It is used alike by the answer guard (on every final answer), by the corpus lint (on every
// document) and by eval (on every answer of every case), so it belongs to none of them.
//
// How it decides, sentence by sentence, on the folded text (see package normalize):
//
//  1. Cues. Four kinds of phrase mark a promise:
//     - outcomes: a cure (治愈, 根治, 医得好, cure, reverse…); repair and regeneration (修复受损,
//     重新长出, 再造一个新肝脏, regrow…); an ability regained (恢复视力, 重拾活力, 重见光明, 行得返,
//     walk again, regain independence, bring back lost hearing); rid of a treatment, an aid or an
//     ailment (再也不用打胰岛素, 再都唔使食降血压药, 扔掉氧气瓶, 从此告别疼痛, no longer has to mean
//     dialysis, spare you a hip replacement, say goodbye to pain, pain-free); a disease that will
//     not come back (唔会再发作, has not come back since); testimonials (打完干细胞,三个月就识讲嘢;
//     now he can walk; after two infusions she started talking); results within a time (一个疗程
//     就见效, 即刻消失, in just two weeks); protection (protects you from disease, 攻克所有慢性病);
//     the root cause removed and universal fixes (从根源上解决, fix whatever is broken, lasting
//     relief); anti-ageing (年轻十年, 回到二十岁, 白发变黑, look ten years younger, add healthy years);
//     - hype, hedged hype included (福音, 前途无量, 终极方案, 奇效, 被誉为…革命, miracle, could be the
//     answer, second chance, give you your life back, a thing of the past, research proves);
//     - guarantees and safety promises (保证, 包你, 包冇事, 治不好不收钱, 对所有患者都有效, 放心使用,
//     人人都能获益, guaranteed, we promise, money back, safe for everyone), including safety promised
//     by denying every harm (冇风险, 绝无风险, 不会有任何排异反应, 从来没有一个患者出现过不良反应,
//     there is no risk of rejection, never a single complication, you will not get any complications);
//     - rates: success rates and most patients improving (有效率, 九成患者明显好转, 85%的患者…改善,
//     数千名患者恢复了健康, success rate, most patients see dramatic improvement, ninety percent of
//     our patients…, patients report 80% less pain).
//     A fifth, softer kind is an efficacy claim: a treatment word followed by an ability word and
//     an outcome verb ("干细胞可以修复…", "stem cells can regenerate…", "may be able to stop…",
//     hedged forms such as 有望/may included), or a treatment doing it in the present tense
//     ("infusions boost your immune system").
//     A cue that contains its own negation (再也不用, 唔会再, 冇风险, no longer, never a single…)
//     is matched as a whole, so the negation inside it is part of the promise; a negator before
//     it still cancels it (医生不能保证不会再复发).
//  2. Some cues depend on their sentence:
//     - soft cues (claims, testimonials, rid of insulin, no adverse reaction…) do not count in a
//     sentence that reports a study (研究, 报告, 试验, trial, reported…): "10 of 12 no longer needed
//     insulin" is a finding;
//     - cues that are ordinary words in rehabilitation and after-care (恢复体力, 头发重新长出来,
//     walk again, regain strength) count only in a sentence that names a treatment (干细胞, 注射,
//     疗程, stem cells, infusion…);
//     - some words have non-medical senses, which do not count: 逆转…趋势, the court reversed a
//     ruling, the van reversed into the bay, curing meat, concrete left to cure, cure rates that
//     rose over the decades; and a risk denied to a donor or a baby is no promise to the patient
//     (对供者没有风险).
//  3. Honest context cancels a cue:
//     - a negator before it in the same clause (没有, 不能, 未被, 无法, not, no, never, nobody,
//     nothing…), with Cantonese ones (冇, 唔会, 唔系, 未有), question forms (能不能, 可唔可以, 是否,
//     whether), wishes (渴望, 希望能, hope to), or a negating character right before it (不会说话,
//     没治好, 无治愈方法); "no need", "no longer" and "don't just" are not negators;
//     - an evidence negation anywhere in the sentence (没有证据, 尚未证实, 未有证据, 冇证据, 无法证实,
//     no evidence, unproven, it is not known…);
//     - attribution or distrust anywhere in the sentence (声称, 宣称, 所谓, 广告, 骗局, 流传, 听说,
//     claims, advertised, so-called, scam, red flag, if someone tells you, anyone offered…),
//     which is how a warning quotes a scam phrase ("we promise" is no attribution but a guarantee);
//     - a reported promise the sentence refutes ("医生说能治好,结果一点用都没有"; she was told it
//     would reverse her MS, and it did not);
//     - a phrase mentioned, not used (“…”之类的口号, "guaranteed results" is a phrase…);
//     - a yes/no question (干细胞能治好糖尿病吗?, can stem cells cure ALS?);
//     - natural regeneration with no treatment named (蝾螈的再生能力, the liver regenerates);
//     - the one proven use said narrowly: a blood stem-cell transplant for some blood diseases
//     (造血干细胞移植可以治疗部分白血病).
//
// Chinese cues are literals (zh.go) found by one pass over the sentence, which tries at each
// position only the rules starting with its character; English cues are regular expressions
// (en.go) over the ASCII projection of the sentence, each behind a gate of literal words derived
// from the expression (gate.go), so most sentences never run most expressions.
//
// The design errs towards flagging: a false alarm costs an editor a rewording, a missed promise
// could cost a patient. Precision and recall are measured on the labelled set
// ../eval/testdata/claims.yaml (TestLabelledClaims).
package promise

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"patientqa/normalize"
)

// Kind names the family of a cue.
type Kind string

const (
	Outcome   Kind = "outcome"   // cure, reverse, repair damaged organs
	Hype      Kind = "hype"      // godsend, limitless prospects, miracle
	Guarantee Kind = "guarantee" // guaranteed, no side effects, absolutely safe
	Rate      Kind = "rate"      // success and cure rates, 100%
	Claim     Kind = "claim"     // "stem cells can repair/restore/treat…"
)

// Finding is one promissory sentence.
type Finding struct {
	Sentence string // the sentence as given
	Cue      string // the matched phrase, in folded form
	Kind     Kind
}

// rule is one Chinese cue: the word a alone, or a followed by one of bs within gap runes of the
// same clause, or anywhere later in the sentence when gap < 0 (a testimonial: "打完干细胞,三个月
// 就识讲嘢").
type rule struct {
	kind    Kind
	a       string
	bs      []string
	gap     int
	soft    bool     // not a cue in a sentence that reports a study (zhReport)
	treated bool     // a cue only in a sentence that names a treatment (zhTreatment)
	unless  []string // not a cue when one of these is in the same clause (逆转…趋势)
}

func lit(k Kind, words ...string) []rule {
	out := make([]rule, len(words))
	for i, w := range words {
		out[i] = rule{kind: k, a: w}
	}
	return out
}

func near(k Kind, a, b string, gap int) rule { return rule{kind: k, a: a, bs: []string{b}, gap: gap} }

// nearAny is near for every a, with any of bs.
func nearAny(k Kind, as, bs []string, gap int) []rule {
	out := make([]rule, len(as))
	for i, a := range as {
		out[i] = rule{kind: k, a: a, bs: bs, gap: gap}
	}
	return out
}

// later is nearAny across clauses: b anywhere after a in the sentence.
func later(k Kind, as, bs []string) []rule { return nearAny(k, as, bs, -1) }

func soft(rs []rule) []rule {
	for i := range rs {
		rs[i].soft = true
	}
	return rs
}

func treated(rs []rule) []rule {
	for i := range rs {
		rs[i].treated = true
	}
	return rs
}

func unless(rs []rule, words ...string) []rule {
	for i := range rs {
		rs[i].unless = words
	}
	return rs
}

// zhIndex lists the rules by the first rune of their word a: one pass over the sentence tries at
// each position only the rules that can start there, so adding rules costs little.
var zhIndex = func() map[rune][]int {
	idx := make(map[rune][]int)
	for i, r := range zhRules {
		first, _ := utf8.DecodeRuneInString(r.a)
		idx[first] = append(idx[first], i)
	}
	return idx
}()

// markerRe matches citation markers such as "[2]".
var markerRe = regexp.MustCompile(`\[\d+\]`)

// clauseEnd ends a clause: the scope of a negator and the reach of a two-word rule.
const clauseEnd = "，,;；:：、–—"

// Check splits text into sentences and returns those that promise, in order.
func Check(text string) []Finding {
	var out []Finding
	for _, s := range normalize.Sentences(text) {
		if f, ok := Sentence(s); ok {
			out = append(out, f)
		}
	}
	return out
}

// Sentence reports whether one sentence promises, and what gave it away.
func Sentence(s string) (Finding, bool) {
	f := normalize.Fold(s)
	if f == "" {
		return Finding{}, false
	}
	en, offsets, latin := normalize.ASCII(f)
	if containsAny(f, zhEvidenceNeg) || containsAny(f, zhAttribution) ||
		latin && (enEvidenceNegRe.MatchString(en) || attributedEn(en)) || natural(f, en, latin) || question(f) ||
		established(f, en, latin) {
		return Finding{}, false
	}
	// found vets a candidate cue f[start:end]; negation is looked for from the start of its
	// clause up to scopeEnd, and right before its second word at mid (-1 if none).
	found := func(start, end, scopeEnd, mid int, k Kind) (Finding, bool) {
		if negated(f, start, end, scopeEnd, mid) || refuted(f, start, end) {
			return Finding{}, false
		}
		return Finding{Sentence: s, Cue: f[start:end], Kind: k}, true
	}
	if normalize.HasHan(f) {
		reported, treatment := containsAny(f, zhReport), containsAny(f, zhTreatment)
		for i, c := range f {
			for _, ri := range zhIndex[c] {
				r := &zhRules[ri]
				if r.soft && reported || r.treated && !treatment || !strings.HasPrefix(f[i:], r.a) {
					continue
				}
				end, mid := i+len(r.a), -1
				if len(r.bs) > 0 {
					gap, stops := r.gap, clauseEnd+"。"
					if gap < 0 {
						gap, stops = len(f), "。"
					}
					j, n := firstWithin(f[end:], r.bs, gap, stops)
					if j < 0 {
						continue
					}
					b := end + j
					// Across clauses, what comes between a and b may negate b (打完针,还是没有
					// 说话); a's own last rune (完全冇|风险) is no negator of b.
					if r.gap < 0 && negates(f[end:b]) {
						continue
					}
					if j > 0 {
						mid = b
					}
					end = b + n
				}
				if r.unless != nil && containsAny(clause(f, i, end), r.unless) {
					continue
				}
				if fd, ok := found(i, end, i, mid, r.kind); ok {
					return fd, true
				}
			}
		}
		if !reported {
			for _, m := range zhClaims(f, treatment) {
				if fd, ok := found(m[0], m[1], m[1], -1, Claim); ok {
					return fd, true
				}
			}
		}
	}
	if latin {
		reported, treatment := enReportRe.MatchString(en), enTreatmentRe.MatchString(enRehab.Replace(en))
		for _, c := range enCues {
			if c.soft && reported || c.treated && !treatment || c.unless != nil && c.unless.MatchString(en) {
				continue
			}
			for _, loc := range c.re.FindAllStringIndex(en) {
				start, end := offsets[loc[0]], offsets[loc[1]]
				scopeEnd := start
				if c.inside {
					scopeEnd = end
				}
				if fd, ok := found(start, end, scopeEnd, -1, c.kind); ok {
					return fd, true
				}
			}
		}
	}
	return Finding{}, false
}

// attributedEn reports whether English text attributes a claim to someone else; "we promise"
// and "the therapy promises" do not.
func attributedEn(en string) bool {
	if enOwnPromise.MatchString(en) {
		en = enOwnPromise.re.ReplaceAllString(en, "")
	}
	return enAttributionRe.MatchString(en)
}

// question reports whether the sentence asks a yes/no question ("干细胞能治好糖尿病吗?", "Can
// stem cells cure ALS?"), which promises nothing. A rhetorical "why suffer when stem cells
// can…?" is not one.
func question(f string) bool {
	if !strings.Contains(f, "?") {
		return containsAny(f, zhDoubt)
	}
	t := strings.TrimRight(markerRe.ReplaceAllString(f, ""), " ")
	if !strings.HasSuffix(t, "?") {
		return containsAny(f, zhDoubt)
	}
	t = strings.TrimRight(t, "? ")
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(zhQuestionEnds, last) || containsAny(f, zhDoubt) {
		return true
	}
	return enYesNoRe.MatchString(t)
}

// established reports whether the sentence states the one proven use narrowly: a blood
// stem-cell transplant for some blood diseases.
func established(f, en string, latin bool) bool {
	if containsAny(f, zhEstablished[0]) && containsAny(f, zhEstablished[1]) && containsAny(f, zhEstablished[2]) {
		return true
	}
	return latin && enEstablished[0].MatchString(en) && enEstablished[1].MatchString(en) && enEstablished[2].MatchString(en)
}

// natural reports whether the sentence describes regeneration in nature (salamanders, the
// liver) without naming any treatment.
func natural(f, en string, latin bool) bool {
	if containsAny(f, zhNature) && !containsAny(f, zhTreatment) {
		return true
	}
	return latin && enNature.MatchString(en) && !enTreatmentRe.MatchString(en)
}

// clause returns the clause (or clauses) of f around f[start:end].
func clause(f string, start, end int) string {
	from, to := clauseStart(f, start), len(f)
	if k := strings.IndexAny(f[end:], clauseEnd); k >= 0 {
		to = end + k
	}
	return f[from:to]
}

// clauseStart returns the byte offset in f where the clause holding f[at] starts.
func clauseStart(f string, at int) int {
	i := strings.LastIndexAny(f[:at], clauseEnd)
	if i < 0 {
		return 0
	}
	_, n := utf8.DecodeRuneInString(f[i:])
	return i + n
}

// refuted reports whether the cue at f[start:end] is a promise someone made that the sentence
// says failed: "医生说能治好,结果一点用都没有", "she was told it would reverse her MS, and it
// did not".
func refuted(f string, start, end int) bool {
	if containsAny(f[:start], zhReported) {
		for _, c := range zhRefuted {
			if k := strings.Index(f[end:], c); k >= 0 && containsAny(f[end+k:], zhFailed) {
				return true
			}
		}
	}
	before, _, ok := normalize.ASCII(f[:start])
	if !ok || !enReportedRe.MatchString(before) {
		return false
	}
	after, _, ok := normalize.ASCII(f[end:])
	return ok && enRefutedRe.MatchString(after)
}

// zhClaims returns the spans of efficacy claims: subject, modal, verb (or 帮助 + verb). treatment
// tells whether the sentence names a treatment.
func zhClaims(f string, treatment bool) [][2]int {
	var out [][2]int
	for _, subj := range claimSubjects {
		for i := 0; ; {
			k := strings.Index(f[i:], subj)
			if k < 0 {
				break
			}
			start := i + k
			after := start + len(subj)
			if m, ml := firstModal(f, after, claimModalGap); m >= 0 {
				vstart := m + ml
				// "能够通过X，Y" may bridge a clause; otherwise the verb follows closely.
				gap, stops := claimVerbGap, "。;；"
				if !strings.HasPrefix(f[vstart:], "通过") {
					gap, stops = claimVerbNear, clauseEnd+"。"
				}
				if v, vl := firstWithin(f[vstart:], claimVerbs, gap, stops); v >= 0 {
					out = append(out, [2]int{start, vstart + v + vl})
				}
			}
			i = after
		}
	}
	// "帮助改善" alone is also what rehabilitation does ("康复训练可以帮助患者改善行走能力"): it
	// claims only when a treatment is named or referred to (它们).
	if !treatment && !strings.Contains(f, "它") {
		return out
	}
	for i := 0; ; {
		k := strings.Index(f[i:], "帮助")
		if k < 0 {
			break
		}
		start := i + k
		after := start + len("帮助")
		if v, vl := firstWithin(f[after:], claimVerbs, 4, clauseEnd+"。"); v >= 0 {
			out = append(out, [2]int{start, after + v + vl})
		}
		i = after
	}
	return out
}

// firstModal finds the first modal within gap runes after f[from:], before a sentence stop,
// skipping single-character modals that are part of an ordinary word. It returns the byte
// offset in f and the modal's length, or -1, 0.
func firstModal(f string, from, gap int) (int, int) {
	for budget := gap; budget >= 0; {
		m, ml := firstWithin(f[from:], claimModals, budget, "。;；")
		if m < 0 {
			return -1, 0
		}
		at := from + m
		w := f[at : at+ml]
		prev, _ := utf8.DecodeLastRuneInString(f[:at])
		next, _ := utf8.DecodeRuneInString(f[at+ml:])
		if !strings.ContainsRune(notModalBefore[w], prev) && !strings.ContainsRune(notModalAfter[w], next) {
			return at, ml
		}
		budget -= utf8.RuneCountInString(f[from : at+ml])
		from = at + ml
	}
	return -1, 0
}

// firstWithin finds the first of words starting within gap runes of s before any stop rune; it
// returns its byte offset and length, or -1, 0.
func firstWithin(s string, words []string, gap int, stops string) (int, int) {
	n := 0
	for i, r := range s {
		for _, w := range words {
			if strings.HasPrefix(s[i:], w) {
				return i, len(w)
			}
		}
		if n == gap || strings.ContainsRune(stops, r) {
			return -1, 0
		}
		n++
	}
	return -1, 0
}

// negated reports whether the cue at f[start:end] is negated within its clause: by a negator
// between the start of the clause and scopeEnd (start for a plain cue; the end of a multi-word
// claim, "细胞并不能修复"), by a negating character right before the cue or its second word at
// mid ("不会说话"), or by an English "is not" after it ("… is not a cure").
func negated(f string, start, end, scopeEnd, mid int) bool {
	if negates(f[clauseStart(f, start):scopeEnd]) {
		return true
	}
	for _, at := range []int{start, mid} {
		if at > 0 {
			if r, _ := utf8.DecodeLastRuneInString(f[:at]); strings.ContainsRune(zhNegRunes, r) {
				return true
			}
		}
	}
	rest := f[end:]
	if k := strings.IndexAny(rest, clauseEnd); k >= 0 {
		rest = rest[:k]
	}
	en, _, ok := normalize.ASCII(rest)
	return ok && enPostNegRe.MatchString(en)
}

// negates reports whether scope holds a negator (没有, 不能, not, never…).
func negates(scope string) bool {
	if containsAny(scope, zhNegators) && containsAny(zhNotNegatorsR.Replace(scope), zhNegators) {
		return true
	}
	en, _, ok := normalize.ASCII(scope)
	return ok && enNegatorRe.MatchString(enNotNegators.Replace(en))
}

// zhNotNegatorsR blanks the words of zhNotNegators out of a negation scope.
var zhNotNegatorsR = func() *strings.Replacer {
	var pairs []string
	for _, w := range zhNotNegators {
		pairs = append(pairs, w, "~")
	}
	return strings.NewReplacer(pairs...)
}()

// enNotNegators blanks the phrases of enNotNegator out of a negation scope.
var enNotNegators = func() *strings.Replacer {
	var pairs []string
	for _, p := range enNotNegator {
		pairs = append(pairs, p, strings.Repeat("~", len(p)))
	}
	return strings.NewReplacer(pairs...)
}()

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Distrusts reports whether a sentence attributes a claim to someone else or warns against it
// (声称, 所谓, 广告, 骗局, claims, so-called, scam…): the way an honest warning quotes a scam
// phrase. Eval uses it to let such quotes pass a not_mention check.
func Distrusts(sentence string) bool {
	f := normalize.Fold(sentence)
	if containsAny(f, zhAttribution) {
		return true
	}
	en, _, ok := normalize.ASCII(f)
	return ok && attributedEn(en)
}
