package verify

import (
	"strings"
	"unicode/utf8"
)

// Contrary words. A model that keeps every word of a passage sentence but one can still reverse
// it, by putting the opposite word in the same place: "异体骨髓来源" becomes "自体骨髓来源",
// "14岁以上" becomes "14岁以下", "higher survival" becomes "lower survival". contraries lists such
// pairs; a sentence fails when it has one word of a pair where the window has the other, with
// the same word beside it, and the window never uses the sentence's word there.

var contraries = [][2]string{
	{"自体", "异体"}, {"本人", "他人"}, {"自己", "他人"}, {"以上", "以下"}, {"单次", "多次"}, {"一次", "多次"},
	{"公共", "私人"}, {"公立", "私立"}, {"更高", "更低"}, {"较高", "较低"}, {"增加", "减少"}, {"提高", "降低"},
	{"升高", "降低"}, {"上升", "下降"}, {"允许", "禁止"}, {"批准", "申请"}, {"批准", "拒绝"}, {"恢复", "取消"},
	{"开始", "停止"}, {"成人", "儿童"}, {"成年", "儿童"}, {"男性", "女性"}, {"最高", "最低"}, {"多数", "少数"},
	{"有效", "无效"}, {"安全", "危险"}, {"合法", "非法"}, {"优于", "不如"}, {"早期", "晚期"}, {"急性", "慢性"},
	{"轻度", "重度"}, {"良性", "恶性"}, {"静脉", "动脉"}, {"体内", "体外"}, {"高于", "低于"}, {"多于", "少于"},
	{"超过", "不到"}, {"之前", "之后"}, {"以前", "以后"}, {"首个", "最后"}, {"必须", "无需"}, {"需要", "无需"},
	{"豁免", "需要"}, {"完全", "部分"}, {"全部", "部分"}, {"所有", "部分"}, {"骨髓", "脐带"}, {"骨髓", "脂肪"},
	{"脐带", "脂肪"}, {"胚胎", "成体"}, {"捐献", "自体"}, {"上市", "撤市"}, {"获批", "撤回"},
	{"autologous", "allogeneic"}, {"own", "donor"}, {"higher", "lower"}, {"more", "fewer"}, {"more", "less"},
	{"increase", "decrease"}, {"increased", "reduced"}, {"increased", "decreased"}, {"allowed", "banned"},
	{"permitted", "prohibited"}, {"approved", "rejected"}, {"approved", "refused"}, {"public", "private"},
	{"adults", "children"}, {"adult", "child"}, {"men", "women"}, {"majority", "minority"}, {"single", "multiple"},
	{"single", "repeated"}, {"acute", "chronic"}, {"early", "late"}, {"mild", "severe"},
	{"above", "below"}, {"required", "exempt"}, {"safe", "unsafe"},
	{"legal", "illegal"}, {"effective", "ineffective"}, {"better", "worse"}, {"benign", "malignant"},
	{"approved", "withdrawn"}, {"granted", "withdrawn"}, {"once", "twice"}, {"same", "different"},
	{"bone marrow", "cord blood"}, {"bone marrow", "fat"}, {"embryonic", "adult"}, {"highest", "lowest"},
	{"most", "least"}, {"older", "younger"}, {"longer", "shorter"}, {"larger", "smaller"}, {"large", "small"},
	{"high", "low"}, {"many", "few"},
	// single characters, caught only with the same two characters beside them ("人数远低于"
	// as "人数远超")
	{"高", "低"}, {"多", "少"}, {"超", "低"}, {"大", "小"}, {"长", "短"}, {"增", "减"}, {"升", "降"}, {"早", "晚"},
	{"轻", "重"}, {"单", "多"}, {"上", "下"}, {"always", "sometimes"}, {"confirmed", "unconfirmed"},
}

// contrarySwap returns the sentence's word and the window's contrary of it, when the sentence
// puts one where the window has the other.
func contrarySwap(sentence, window string) (string, string) {
	for _, pair := range contraries {
		for k := 0; k < 2; k++ {
			a, b := pair[k], pair[1-k]
			if !hasWord(sentence, a) || !hasWord(window, b) {
				continue
			}
			for _, ctx := range contexts(sentence, a) {
				if sameContext(window, b, ctx) && !sameContext(window, a, ctx) {
					return a, b
				}
			}
		}
	}
	return "", ""
}

// wordContext is what is right before or right after a word: two Chinese characters, or one
// English word.
type wordContext struct {
	before, after string
}

func contexts(text, w string) []wordContext {
	var out []wordContext
	for _, at := range wordIndexes(text, w) {
		out = append(out, wordContext{sideOf(text[:at], true), sideOf(text[at+len(w):], false)})
	}
	return out
}

func sameContext(text, w string, ctx wordContext) bool {
	for _, at := range wordIndexes(text, w) {
		b, a := sideOf(text[:at], true), sideOf(text[at+len(w):], false)
		if w[0] < utf8.RuneSelf {
			// English words are common: both neighbours must agree.
			if (ctx.before == "" || b == ctx.before) && (ctx.after == "" || a == ctx.after) && (ctx.before != "" || ctx.after != "") {
				return true
			}
			continue
		}
		if utf8.RuneCountInString(w) == 1 {
			// a single character needs the same words on both sides ("月时高剂量" is not
			// "低剂量和")
			if (ctx.before == "" || b == ctx.before) && (ctx.after == "" || a == ctx.after) {
				return true
			}
			continue
		}
		if ctx.before != "" && b == ctx.before || ctx.after != "" && a == ctx.after {
			return true
		}
	}
	return false
}

// sideOf returns the two Chinese characters or the English word (without glue words) next to
// a word: at the end of left when before, at the start of right otherwise.
func sideOf(s string, before bool) string {
	if before {
		s = strings.TrimRight(s, " -")
		r, _ := utf8.DecodeLastRuneInString(s)
		if isHan(r) {
			rs := []rune(s)
			if len(rs) >= 2 && (isHan(rs[len(rs)-2]) || '0' <= rs[len(rs)-2] && rs[len(rs)-2] <= '9') {
				return string(rs[len(rs)-2:]) // "4岁以下": the count goes with it
			}
			return ""
		}
		ws := latinWordRe.FindAllString(s, -1)
		for i := len(ws) - 1; i >= 0 && i >= len(ws)-3; i-- {
			if !enGlue[ws[i]] {
				return ws[i]
			}
		}
		return ""
	}
	s = strings.TrimLeft(s, " -")
	r, _ := utf8.DecodeRuneInString(s)
	if isHan(r) {
		rs := []rune(s)
		if len(rs) >= 2 && isHan(rs[1]) {
			return string(rs[:2])
		}
		return ""
	}
	ws := latinWordRe.FindAllString(s, 4)
	for _, w := range ws {
		if !enGlue[w] {
			return w
		}
	}
	return ""
}

// hasWord reports whether text has w: anywhere for Chinese, as a whole word for English.
func hasWord(text, w string) bool { return len(wordIndexes(text, w)) > 0 }

func wordIndexes(text, w string) []int {
	var out []int
	latin := w[0] < utf8.RuneSelf
	for i := 0; ; {
		k := strings.Index(text[i:], w)
		if k < 0 {
			return out
		}
		at, end := i+k, i+k+len(w)
		if !latin || (at == 0 || !isWordByte(text[at-1])) && (end == len(text) || !isWordByte(text[end])) {
			out = append(out, at)
		}
		i = at + 1
	}
}
