// Package promise detects cure promises and hype in Chinese (Simplified and Traditional) and
// English text: the sentences a medical Q&A service must never say.
//
// It is used alike by the answer guard (on every final answer), by the corpus lint (on every
// document) and by eval (on every answer of every case), so it belongs to none of them.
//
// How it decides, sentence by sentence, on the folded text (see package normalize):
//
//  1. Cues. Four kinds of phrase mark a promise: outcome words (治愈, 根治, 痊愈, 逆转, 修复受损…,
//     cure, reverse…), hype (福音, 不可限量, 前景广阔, miracle, breakthrough…), guarantees and
//     safety promises (保证, 无副作用, 绝对安全, guaranteed, risk-free…) and success rates
//     (有效率, 治愈率, 100%, success rate…). A fifth, softer kind is an efficacy claim: a
//     treatment word followed by an ability word and an outcome verb ("干细胞可以修复…",
//     "stem cells can regenerate…", hedged forms such as 有望/may included).
//  2. Honest context cancels a cue:
//     - a negator before it in the same clause (没有, 不能, 未被, 无法, not, no, never…),
//     - an evidence negation anywhere in the sentence (没有证据, 尚未证实, no evidence, unproven…),
//     - attribution or distrust anywhere in the sentence (声称, 宣称, 所谓, 广告, 骗局, claims,
//     advertised, so-called, scam, red flag…), which is how a warning quotes a scam phrase.
//
// The design errs towards flagging: a false alarm costs an editor a rewording, a missed promise
// could cost a patient. Precision and recall are measured on a labelled set in the tests.
package promise

import (
	"regexp"
	"slices"
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

// rule is one Chinese cue: the literal a, or a followed by b within gap runes of the same clause.
type rule struct {
	kind Kind
	a, b string
	gap  int
}

func lit(k Kind, words ...string) []rule {
	out := make([]rule, len(words))
	for i, w := range words {
		out[i] = rule{kind: k, a: w}
	}
	return out
}

func near(k Kind, a, b string, gap int) rule { return rule{kind: k, a: a, b: b, gap: gap} }

// zhRules are matched on folded (Simplified, lower-case) text with plain substring search, which
// keeps the guard fast on every answer; English cues are regular expressions over ASCII words.
var zhRules = slices.Concat(
	lit(Outcome, "治愈", "根治", "痊愈", "治好", "医好", "断根", "除根", "根除", "康复如初", "恢复如初",
		"彻底康复", "彻底恢复", "彻底摆脱", "彻底解决", "彻底治", "彻底告别", "逆转", "永不复发", "不再复发",
		"永久有效", "永久改善", "永久修复", "替代受损", "再生受损", "再生损伤", "重获新生", "自愈能力",
		"返老还童", "逆龄", "冻龄", "延年益寿", "药到病除", "一针见效", "立竿见影", "包治", "百病",
		"修复作用", "再生作用", "修复能力", "再生能力", "修复特性", "再生特性",
		"修复和再生", "修复与再生", "修复、再生", "修复或再生", "修复及再生"),
	[]rule{
		near(Outcome, "修复", "受损", 4), near(Outcome, "修复", "损伤", 4), near(Outcome, "修复", "坏死", 4),
		near(Outcome, "修复", "衰老", 4), near(Outcome, "修复", "病变", 4), near(Outcome, "促进", "修复", 6),
		near(Outcome, "促进", "再生", 6), near(Outcome, "恢复", "正常", 6), near(Outcome, "恢复", "健康", 6),
		near(Outcome, "年轻", "岁", 3),
		near(Outcome, "治疗多种", "疾病", 4), near(Outcome, "治疗各种", "疾病", 4),
		near(Outcome, "治疗许多", "疾病", 4), near(Outcome, "治疗更多", "疾病", 4), near(Outcome, "治疗所有", "疾病", 4),
		near(Hype, "改变", "治疗模式", 8), near(Hype, "前景", "广阔", 4), near(Hype, "带来", "希望", 4),
	},
	lit(Hype, "福音", "不可限量", "广阔的前景", "广阔前景", "新希望", "突破性", "革命性", "划时代", "神奇",
		"奇迹", "神药", "灵丹妙药", "特效", "无限可能", "重大突破", "巨大潜力"),
	lit(Guarantee, "保证", "担保", "承诺", "确保疗效", "确保效果", "确保有效", "包好", "无效退款", "不满意退款",
		"没有副作用", "没有任何副作用", "无副作用", "无任何副作用", "无毒副作用", "零风险", "零副作用",
		"绝对安全", "百分百安全", "安全无毒", "完全安全", "纯天然"),
	lit(Rate, "有效率", "治愈率", "成功率", "好转率", "显效率", "百分之百", "100%", "100 %"),
)

// claim words: a treatment word, then within claimModalGap runes an ability word, then within
// claimVerbGap runes an outcome verb; or 帮助 directly followed by an outcome verb.
var (
	claimSubjects = []string{"干细胞", "细胞", "回输", "输注", "注射", "疗法", "这种治疗", "该治疗", "移植"}
	claimModals   = []string{"能够", "能", "可以", "可", "将会", "将能", "将可", "会", "有望", "可望", "帮助", "有助于", "从而", "得以"}
	// Single-character modals inside ordinary words are not modals: 学会, 功能, 可能, 许可…
	notModalBefore = map[string]string{"会": "学协员机社大年开聚宴晚", "能": "功可技本性体智潜动职效不", "可": "许认不即"}
	notModalAfter  = map[string]string{"会": "议员长计诊", "能": "力量否源", "可": "能靠疑信是判行", "可以": "是"}
	// zhReport: a sentence that reports what a study found is not a soft claim (strong cues
	// such as 治愈 still count): "作者报告细胞组评分改善更多".
	zhReport   = []string{"报告", "发现", "显示", "指出", "认为", "综述", "试验", "研究", "荟萃分析", "作者", "统计", "结果"}
	claimVerbs = []string{"修复", "再生", "恢复", "治疗", "改善", "减轻", "减少", "缓解", "增强", "提高", "重建",
		"替代", "控制", "促进", "延缓", "消除", "摆脱", "激活", "唤醒", "治"}
)

const (
	claimModalGap = 18
	claimVerbGap  = 25
	claimVerbNear = 8
)

var enCues = []struct {
	kind Kind
	re   *regexp.Regexp
}{
	{Outcome, regexp.MustCompile(`\bcur(?:e|es|ed|ing|ative)\b|\brevers(?:e|es|ed|ing|al)\b|\bpermanent(?:ly)? (?:fix|solution|relief|results?|recovery|improvement)|\bregenerat\w* (?:damaged|your|the damaged|lost|new)\b|\brepair\w* (?:damaged|your|the damaged)\b|\brestor\w* (?:function|health|your|normal|the function)\b|\brejuvenat\w*|turn back the clock|fountain of youth|eliminat\w* (?:the )?disease|heal(?:s)? (?:your|the damaged|damaged)\b`)},
	{Hype, regexp.MustCompile(`\bmiracle|\bmiraculous|\bbreakthrough|\blife[- ]changing|\bgame[- ]changer|\bwonder (?:cure|drug|treatment)|\brevolutionary\b|new lease on life|\bmagic\b`)},
	{Guarantee, regexp.MustCompile(`\bguarantee\w*|\bno side[- ]effects?\b|\bcompletely safe\b|\b100% safe\b|\brisk[- ]free\b|\bzero risk\b|\bworks for everyone\b|\bmoney[- ]back\b`)},
	{Rate, regexp.MustCompile(`\bsuccess rate|\bcure rate|\b\d{2,3}\s?% (?:of patients )?(?:improve|recover|success|effective)`)},
	{Claim, regexp.MustCompile(`\b(?:stem[- ]cells?|cells?|treatments?|therapy|therapies|infusions?|injections?|shots?)\b[^.;]{0,30}?` +
		`\b(?:can|will|could|may|might|help(?:s)?(?: to)?|is able to|are able to)\s+(?:\w+\s+)?` +
		`(?:repair|regenerate|restore|heal|reverse|rebuild|replace|fix|treat|improve|eliminate|relieve|boost|rejuvenate)\b`)},
}

// Honest context.
var (
	// zhNegators scope over the rest of their clause.
	zhNegators = []string{"不能", "不会", "不可能", "并不", "并非", "不是", "没有", "没能", "未被", "未能", "未经",
		"未见", "未发现", "未显示", "未证实", "未证明", "未达到", "未获", "尚未", "从未", "无法", "难以", "不一定",
		"不要", "别", "不应", "不得", "勿", "绝不", "缺乏", "不足以", "不代表", "不等于", "不意味着", "谈不上",
		"不存在", "不支持"}
	enNegatorRe = regexp.MustCompile(`\bnot\b|\bno\b|\bnever\b|\bcannot\b|n't\b|\bunlikely\b|\bneither\b|\bnor\b|\bwithout\b|\bfailed to\b|\bunproven\b|\bunapproved\b`)
	// zhEvidenceNeg and enEvidenceNegRe negate the whole sentence.
	zhEvidenceNeg = []string{"没有证据", "没有任何证据", "没有可靠证据", "没有可靠的证据", "没有足够证据",
		"没有足够的证据", "没有充分证据", "没有科学证据", "尚无证据", "尚无可靠", "尚无充分", "并无证据", "无证据",
		"缺乏证据", "缺乏可靠", "缺少证据", "未被证明", "未被证实", "未证明", "未证实", "尚未证明", "尚未证实",
		"没有被证明", "没有证明", "没有证实", "并未证明", "不能证明", "未经证实"}
	enEvidenceNegRe = regexp.MustCompile(`\bno (?:good |reliable |solid |strong |scientific )?evidence\b|\bnot (?:been )?(?:shown|proven|proved|established|approved)\b|\bunproven\b|\bno proof\b`)
	// zhAttribution and enAttributionRe mark the claim as someone else's, to be distrusted.
	zhAttribution = []string{"声称", "宣称", "号称", "所谓", "宣传", "广告", "鼓吹", "吹嘘", "打着", "自称", "标榜",
		"自诩", "说法", "骗局", "骗人", "虚假", "不实", "谎言", "误导", "夸大", "警惕", "小心", "谨慎对待", "可疑",
		"不可信", "不要相信", "别相信", "诱导", "话术", "营销", "招揽"}
	enAttributionRe = regexp.MustCompile(`\bclaim(?:s|ed|ing)?\b|\badvertis\w*|\bmarket(?:ed|ing)\b|\bso-called\b|\bpurport\w*|\bpromis(?:e|es|ed)\b|\btout\w*|\bbeware\b|\bscam\w*|\bred flags?\b|\bwarning signs?\b|\bbe wary\b|\bfalse\b|\bmisleading\b|\bsuspicious\b`)
	// enPostNegRe negates a cue that it follows in the same clause ("… is not a cure").
	enPostNegRe = regexp.MustCompile(`^[^.]{0,30}?\b(?:is|are|was|were|has|have)(?: been)? not\b|^[^.]{0,30}?\b(?:isn't|aren't|wasn't|weren't|hasn't|haven't)\b|^[^.]{0,30}?\bremains? (?:unproven|unclear|uncertain)`)
)

const clauseEnd = "，,;；:：、"

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
		latin && (enEvidenceNegRe.MatchString(en) || enAttributionRe.MatchString(en)) {
		return Finding{}, false
	}
	found := func(start, end int, k Kind, inside bool) (Finding, bool) {
		if negated(f, start, end, inside) {
			return Finding{}, false
		}
		return Finding{Sentence: s, Cue: f[start:end], Kind: k}, true
	}
	if normalize.HasHan(f) {
		for _, r := range zhRules {
			for i := 0; ; {
				start, end := r.match(f, i)
				if start < 0 {
					break
				}
				if fd, ok := found(start, end, r.kind, false); ok {
					return fd, true
				}
				i = start + 1
			}
		}
		claims := zhClaims(f)
		if len(claims) > 0 && containsAny(f, zhReport) {
			claims = nil
		}
		for _, m := range claims {
			if fd, ok := found(m[0], m[1], Claim, true); ok {
				return fd, true
			}
		}
	}
	if latin {
		for _, c := range enCues {
			for _, loc := range c.re.FindAllStringIndex(en, -1) {
				if fd, ok := found(offsets[loc[0]], offsets[loc[1]], c.kind, c.kind == Claim); ok {
					return fd, true
				}
			}
		}
	}
	return Finding{}, false
}

// match finds the rule in f at or after byte from; it returns the span or -1, -1.
func (r rule) match(f string, from int) (int, int) {
	for from < len(f) {
		k := strings.Index(f[from:], r.a)
		if k < 0 {
			return -1, -1
		}
		start := from + k
		end := start + len(r.a)
		if r.b == "" {
			return start, end
		}
		if j := within(f[end:], r.b, r.gap, clauseEnd+"。"); j >= 0 {
			return start, end + j + len(r.b)
		}
		from = end
	}
	return -1, -1
}

// within returns the byte offset of b in s if it starts within gap runes and no rune of stops
// comes before it; otherwise -1.
func within(s, b string, gap int, stops string) int {
	n := 0
	for i, r := range s {
		if strings.HasPrefix(s[i:], b) {
			return i
		}
		if n == gap || strings.ContainsRune(stops, r) {
			return -1
		}
		n++
	}
	return -1
}

// zhClaims returns the spans of efficacy claims: subject, modal, verb (or 帮助 + verb).
func zhClaims(f string) [][2]int {
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

// negated reports whether the match at f[start:end] is negated within its clause: by a negator
// before it (or, for a multi-word claim, inside it: "细胞并不能修复"), or by an English "is not"
// after it ("… is not a cure").
func negated(f string, start, end int, inside bool) bool {
	clauseStart := strings.LastIndexAny(f[:start], clauseEnd) + 1
	scope := f[clauseStart:start]
	if inside {
		scope = f[clauseStart:end]
	}
	if containsAny(scope, zhNegators) {
		return true
	}
	if en, _, ok := normalize.ASCII(scope); ok && enNegatorRe.MatchString(en) {
		return true
	}
	rest := f[end:]
	if k := strings.IndexAny(rest, clauseEnd); k >= 0 {
		rest = rest[:k]
	}
	en, _, ok := normalize.ASCII(rest)
	return ok && enPostNegRe.MatchString(en)
}

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
	return ok && enAttributionRe.MatchString(en)
}
