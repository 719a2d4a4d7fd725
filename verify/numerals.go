package verify

// Spelled-out numbers. A model often writes a count in words ("五类", "seven", "twenty-one")
// where the passage has digits, or the other way round; a changed count in words ("四个州" for
// "三个州", "five-year" for "seven-year") must fail the number check like a changed digit. So
// the sentence and the passages both have their spelled-out counts turned into digits before
// any check: then "五项" and "5项" are the same term, and "四个州" is a number the passage lacks.

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	// zhCountRe finds a Chinese numeral used as a count or date: followed by a classifier or
	// unit ("五类", "三个州", "十二月", "两组", "五十一项"). A numeral inside a word ("统一",
	// "一致", "一般") has no classifier after it and is left alone.
	zhCountRe = regexp.MustCompile(`[零一二两三四五六七八九十百千]+(?:万)?(?:个|名|项|例|人|次|年|岁|月|日|天|周|种|组|家|位|所|篇|期|型|倍|类|州|国|条|批|剂|针|轮|成|份|处|座|支|只|颗|级|代|届|点|度|分)`)
	// enNumberRe finds English number words, alone or hyphenated ("twenty-one", "seven-year").
	enNumberRe = regexp.MustCompile(`\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|thousand)\b`)
	enUnits    = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
		"eighteen": 18, "nineteen": 19, "hundred": 100, "thousand": 1000}
	enTens   = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
	zhDigits = map[rune]int{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
)

// digitsForNumerals rewrites spelled-out counts of folded text as digits: "五十一项" as "51项",
// "三个州" as "3个州", "seven-year" as "7-year", "twenty-one" as "21". A lone "一", "两" or "one"
// (mostly "a" or "both": "一项研究", "两组", "one of them"), and "hundred" and "thousand" alone,
// are left as they are.
func digitsForNumerals(folded string) string {
	if strings.ContainsAny(folded, "零一二两三四五六七八九十百千") {
		folded = zhCountRe.ReplaceAllStringFunc(folded, func(m string) string {
			r := []rune(m)
			unit := string(r[len(r)-1])
			num := r[:len(r)-1]
			wan := ""
			if len(num) > 0 && num[len(num)-1] == '万' {
				wan, num = "万", num[:len(num)-1]
			}
			n, ok := zhNumber(num)
			// "一项研究", "两组": "a study", "both groups"; but people counted ("两人死亡",
			// "一名女士") are a count.
			if !ok || (string(num) == "一" || string(num) == "两") && !strings.Contains("人名例位", unit) {
				return m
			}
			return strconv.Itoa(n) + wan + unit
		})
	}
	if !hasEnglishNumberWord(folded) {
		return folded
	}
	var b strings.Builder
	last := 0
	for _, loc := range enNumberRe.FindAllStringIndex(folded, -1) {
		w := folded[loc[0]:loc[1]]
		n := 0
		switch {
		case w == "hundred" || w == "thousand" || w == "one": // "one" is mostly "a", not a count
			continue
		case strings.Contains(w, "-"):
			parts := strings.SplitN(w, "-", 2)
			n = enTens[parts[0]] + enUnits[parts[1]]
		default:
			if v, ok := enTens[w]; ok {
				n = v
			} else {
				n = enUnits[w]
			}
		}
		b.WriteString(folded[last:loc[0]])
		b.WriteString(strconv.Itoa(n))
		last = loc[1]
	}
	if last == 0 {
		return folded
	}
	b.WriteString(folded[last:])
	return b.String()
}

func hasEnglishNumberWord(s string) bool {
	for _, w := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "teen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// zhNumber reads a Chinese numeral below ten thousand ("五十一", "十二", "两", "三百零五").
func zhNumber(r []rune) (int, bool) {
	if len(r) == 0 {
		return 0, false
	}
	n, cur := 0, -1
	for _, c := range r {
		if c == '零' {
			continue // "三百零五"
		}
		if d, ok := zhDigits[c]; ok {
			if cur >= 0 {
				return 0, false // "两三个": two or three, not a number
			}
			cur = d
			continue
		}
		mult := map[rune]int{'十': 10, '百': 100, '千': 1000}[c]
		if mult == 0 {
			return 0, false
		}
		if cur < 0 {
			cur = 1 // "十二" is 12
		}
		n += cur * mult
		cur = -1
	}
	if cur > 0 {
		n += cur
	}
	return n, true
}
