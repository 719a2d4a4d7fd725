package verify

import (
	"strings"
	"unicode/utf8"
)

// Frames and quotation marks: what a passage says only of animals, only in quotation marks,
// or only of one named product.

// frames are words that limit a whole finding to a setting: animal or laboratory studies.
var frames = []string{"动物实验", "动物研究", "动物模型", "小鼠", "大鼠", "体外实验", "实验室研究", "在动物",
	"animal stud", "animal model", "animal experiment", "in mice", "in rats", "in animals", "laboratory stud", "in the lab", "in vitro"}

// droppedFrame returns a frame of the window that the sentence leaves out: "动物实验显示，静脉输注的
// 间充质细胞大多先被截留在肺部" does not support the finding stated of people or of no one.
func droppedFrame(sentence, window string) string {
	window = closestSentence(sentence, window)
	for _, f := range frames {
		if strings.Contains(window, f) && !strings.Contains(sentence, f) && !hasAnyWord(sentence, []string{"动物", "小鼠", "大鼠", "体外", "实验室", "animal", "mice", "rats", "laborator", "in vitro"}) {
			return strings.TrimSpace(f)
		}
	}
	return ""
}

// quotedClaims are claim words a passage may put in quotation marks to distance itself ("to
// “treat” a range of illnesses"): the sentence may not state them plainly.
var quotedClaims = []string{"治愈", "修复", "逆转", "改善", "有效",
	"treat", "treats", "cure", "cures", "repair", "repairs", "reverse", "reverses", "rejuvenate", "rejuvenates", "effective", "works"}

// quotedOnly returns a claim word the sentence states plainly that the cited passages use only
// inside quotation marks.
func quotedOnly(sentence, cited string) string {
	for _, w := range quotedClaims {
		if !hasClaimWord(sentence, w, false) || !hasClaimWord(cited, w, true) || hasClaimWord(cited, w, false) {
			continue
		}
		if at := strings.Index(sentence, w); notAffirmed(sentence[:at]) {
			continue // denied in the sentence: "没有…能真正改善"
		}
		return w
	}
	return ""
}

// hasClaimWord reports whether text has the word (an English word by its start) inside
// quotation marks (quoted) or outside them (!quoted).
func hasClaimWord(text, w string, quoted bool) bool {
	latin := w[0] < utf8.RuneSelf
	for i := 0; ; {
		k := strings.Index(text[i:], w)
		if k < 0 {
			return false
		}
		at := i + k
		i = at + len(w)
		if latin && (at > 0 && isWordByte(text[at-1]) || i < len(text) && isWordByte(text[i])) {
			continue // part of another word ("treatment")
		}
		if insideQuotes(text, at, len(w)) == quoted {
			return true
		}
	}
}

// insideQuotes reports whether the word at text[at:at+n] is the whole of, or starts, a short
// quoted phrase: a quotation mark right before it, and a closing one soon after.
func insideQuotes(text string, at, n int) bool {
	before := strings.TrimRight(text[:at], " ")
	r, _ := utf8.DecodeLastRuneInString(before)
	if r != '"' && r != '“' && r != '「' && r != '\'' && r != '‘' {
		return false
	}
	rest := text[at+n:]
	end := strings.IndexAny(rest, "\"”」'’")
	return end >= 0 && end <= 24
}

// inFirstSentence reports whether term is in the first sentence of one of the cited passages:
// what the passage is about, which a restatement of a later sentence may name.
func inFirstSentence(term, cited string) bool {
	for _, passage := range strings.Split(cited, "\n") {
		first := passage
		if i := strings.IndexAny(passage, "。.!?！？"); i >= 0 {
			first = passage[:i]
		}
		if strings.Contains(first, term) {
			return true
		}
	}
	return false
}

// boundToOtherName returns a name of the sentence and a figure in the same clause of it, when
// no cited passage sentence gives that figure with that name but one gives it with another
// name the sentence also uses ("Ryoncil … aged 14 and over" where the passages give 14 for
// amimestrocel and 2 months for Ryoncil). names are the Latin words the cited passages write
// with a capital.
func boundToOtherName(sentence, cited string, names map[string]bool) (string, string) {
	used := map[string]bool{}
	for _, x := range latinWords(sentence) {
		if names[x] {
			used[x] = true
		}
	}
	if len(used) == 0 {
		return "", ""
	}
	sents := passageSentences(cited)
	for _, seg := range segments(sentence) {
		for _, loc := range numberRe.FindAllStringIndex(seg, -1) {
			num := seg[loc[0]:loc[1]]
			if yearRe.MatchString(num) && len(num) == 4 {
				continue // years are the date checks' business
			}
			for _, name := range latinWords(seg) {
				if !used[name] {
					continue
				}
				with, other := false, false
				for _, s := range sents {
					if !containsNumber(s, num) {
						continue
					}
					if hasName(s, name) {
						with = true
						break
					}
					for x := range names {
						if x != name && hasName(s, x) && !hasName(sentence, x) {
							other = true // the figure belongs to a name the sentence leaves out
						}
					}
				}
				if !with && other {
					return name, num
				}
			}
		}
	}
	return "", ""
}

// capitalNames returns the Latin words that the texts write with a capital letter, lower
// case, leaving out short and common words ("The", "In").
func capitalNames(texts []string) map[string]bool {
	out := map[string]bool{}
	for _, t := range texts {
		for _, loc := range latinNameRe.FindAllStringIndex(t, -1) {
			m := t[loc[0]:loc[1]]
			before := strings.TrimRight(t[:loc[0]], " \"“‘'(（")
			if (before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:;\n")) && m[1:] == strings.ToLower(m[1:]) {
				continue // a capital only because a sentence starts ("Half of the studies")
			}
			for _, x := range latinWords(strings.ToLower(m)) {
				if len(x) >= 4 && !enGlue[x] && !harmlessEn(x) && !isDigit(x[0]) {
					out[x] = true
				}
			}
		}
	}
	return out
}

// hedges are words that make a finding less certain or less general.
var hedges = []string{"可能", "或许", "也许", "通常", "短期内", "初步", "似乎", "看来",
	" may ", " might ", " could ", " likely ", " probably ", " possibly ", " some ", " usually ", " often ", " preliminary ",
	" most ", " many ", " suggested ", " suggests ", " suggest ", " appear to ", " appears to ", " seem to ", " seems to "}

// droppedHedge returns a hedge of the window that the sentence, using none, leaves out.
func droppedHedge(sentence, window string) string {
	ps := " " + sentence + " "
	for _, h := range hedges {
		if strings.Contains(ps, h) {
			return ""
		}
	}
	// Only a hedge whose scope (the words right after it) the sentence keeps: "likely being
	// offered" restated as "being offered", not "may never be used" left out.
	pw := " " + window + " "
	for _, h := range hedges {
		for i := 0; ; {
			k := strings.Index(pw[i:], h)
			if k < 0 {
				break
			}
			at := i + k + len(h)
			i = at
			terms, _ := scopeTerms(pw[at:])
			for _, t := range terms {
				if hasScopeTerm(sentence, t) {
					return strings.TrimSpace(h)
				}
			}
		}
	}
	return ""
}

// Reports. A finding a passage gives only as reported ("据新闻报道，调查认定…", "According to
// reports by CCTV News…") may not be stated as established fact: the sentence must say it was
// reported, or who said it.
var (
	reportFrames  = []string{"据报道", "据新闻报道", "据媒体报道", "据报", "报道称", "according to reports", "as reported", "reportedly", "news reports", "media reports"}
	reportMarkers = []string{"据", "报道", "报告", "称", "指出", "表示", "提醒", "according", "report", "said", "say", "state", "warn", "remind", "note", "announce"}
)

// unreported returns the report frame of the window when the sentence states what follows it
// without saying it was reported.
func unreported(sentence, window string) string {
	if hasAnyWord(sentence, reportMarkers) {
		return ""
	}
	// The passage sentence it restates is reported, or the sentence has most of the words of
	// a clause a frame introduces: "Reportedly, no country's public health service…"
	// restated without "reportedly".
	restated := closestSentence(sentence, window)
	for _, f := range reportFrames {
		if strings.Contains(restated, f) {
			return f
		}
	}
	for _, f := range reportFrames {
		for i := 0; ; {
			k := strings.Index(window[i:], f)
			if k < 0 {
				break
			}
			at := i + k + len(f)
			i = at
			// the clause the frame introduces: most of its words must be in the sentence
			rest := strings.TrimLeft(window[at:], " ,，:：")
			if end := strings.IndexAny(rest, "。；;\n"); end >= 0 {
				rest = rest[:end]
			}
			if end := strings.Index(rest, ". "); end >= 0 {
				rest = rest[:end]
			}
			toks := clauseTokens(rest)
			shared := 0
			for _, t := range toks {
				if hasScopeTerm(sentence, t.text) {
					shared++
				}
			}
			if len(toks) >= 3 && 3*shared >= 2*len(toks) {
				return f
			}
		}
	}
	return ""
}

// closestSentence returns the sentence of the window that shares most content terms with the
// sentence: the one it restates.
func closestSentence(sentence, window string) string {
	have := map[string]bool{}
	for _, t := range clauseTokens(sentence) {
		have[t.text] = true
	}
	best, bestN := "", -1
	for _, ps := range passageSentences(window) {
		n := 0
		for _, t := range clauseTokens(ps) {
			if have[t.text] {
				n++
			}
		}
		if n > bestN {
			best, bestN = ps, n
		}
	}
	return best
}

// Causal connectives. "之所以…是因为…" and "because" state why; the passages must state a
// reason too.
var (
	sentenceCauses = []string{"因为", "由于", "之所以", "所以", "因此", "因而", "because", "due to", "as a result", "therefore", "which is why"}
	passageCauses  = []string{"因为", "由于", "之所以", "所以", "因此", "因而", "因", "导致", "造成", "使", "正是", "because", "due to", "as a result",
		"therefore", "thus", "so ", "since", "led to", "caused", "result", "reason", "why"}
)

// unstatedReason returns a causal connective of the sentence when the cited passages have none.
func unstatedReason(sentence, cited string) string {
	for _, c := range sentenceCauses {
		if hasWord(" "+sentence+" ", c) && !hasAnyWord(cited, passageCauses) {
			return c
		}
	}
	return ""
}

// Quantifiers. A passage that says a part ("有一半", "其中大多数", "most", "some") does not
// support a sentence that says all ("都", "all") of the same thing.
var (
	partQuantifiers = []string{"一半", "大多数", "多数", "大部分", "部分", "其中", "少数", "一些", "有些", "不少", "很多", "许多",
		" half ", " most ", " many ", " some ", " several ", " few ", " majority ", " minority "}
	allQuantifiers = []string{"都", "全部", "所有", "全都", "均", "一律", "无一", " all ", " every ", " each ", " none "}
)

// overgeneralised returns a word saying "all" that the sentence uses where the passage
// sentence it restates says only a part.
func overgeneralised(sentence, window string) string {
	ps := " " + sentence + " "
	for _, q := range partQuantifiers {
		if strings.Contains(ps, q) {
			return ""
		}
	}
	for _, seg := range splitClauses(sentence) {
		pseg := " " + seg + " "
		for _, q := range allQuantifiers {
			if !strings.Contains(pseg, q) {
				continue
			}
			// the passage clause this clause restates
			restated := " " + closestSentence(seg, strings.Join(splitClauses(window), "。")) + " "
			if strings.Contains(restated, q) {
				continue
			}
			for _, p := range partQuantifiers {
				if strings.Contains(restated, p) {
					return strings.TrimSpace(q)
				}
			}
		}
	}
	return ""
}

// nameSwap returns a name of the sentence and the name the window has in its place: the same
// words after it, another name before them ("ISSCR解释，干细胞能…" where the passage has
// "NYSTEM解释，干细胞能…"). names are the sentence's Latin-script names.
func nameSwap(sentence, window string, names map[string]bool) (string, string) {
	for x := range names {
		for _, at := range wordIndexes(sentence, x) {
			after := sideOf(sentence[at+len(x):], false)
			// Only in Chinese text, where what follows a name is its verb ("解释", "批准");
			// English word order is too free for this.
			if after == "" || !isHan([]rune(after)[0]) || sameContext(window, x, wordContext{after: after}) {
				continue
			}
			// another name with the same words after it
			for _, loc := range latinWordRe.FindAllStringIndex(window, -1) {
				y := window[loc[0]:loc[1]]
				if y == x || isDigit(y[0]) || len(y) < 3 || enGlue[y] || harmlessEn(y) {
					continue
				}
				rest := strings.TrimLeft(window[loc[1]:], " )）")
				if sideOf(rest, false) == after && !hasName(sentence, y) {
					return x, y
				}
			}
		}
	}
	return "", ""
}
